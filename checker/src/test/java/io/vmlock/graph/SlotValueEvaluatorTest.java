package io.vmlock.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vmlock.ast.Expr.BinaryOp;
import io.vmlock.ast.Expr.UnaryOp;
import io.vmlock.ir.GlobalVar;
import io.vmlock.ir.IrExpr;
import io.vmlock.ir.IrProgram;
import io.vmlock.testing.Scenarios;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which values the graph walk computes: stable globals' initial values, and either side of && and ||. */
class SlotValueEvaluatorTest {
    private final IrProgram program = Scenarios.lower("""
            set page { P0, P1 };
            bool dirty[page];
            bool clean[page];
            int(0..1) which = 0;
            bool off = false;
            init { dirty[P1] = true; }
            thread w { which = 1; }
            """);
    private final SlotValueEvaluator eval = new SlotValueEvaluator(new java.util.concurrent.atomic.AtomicInteger()::getAndIncrement,
            IrGraphBuilder.stableVariables(program));
    /** A frame whose one slot, {@code q}, the walk does not know. */
    private final WalkFrame frame = new WalkFrame(program.procedures().get(0), 0, List.of(new SlotValue.Unknown(99)),
            Optional.empty());

    private GlobalVar global(String name) {
        return program.globals().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    private IrExpr read(String name, IrExpr index) {
        return new IrExpr.Global(global(name), index);
    }

    private static IrExpr constant(int v) {
        return new IrExpr.Const(v, Integer.toString(v));
    }

    private static final IrExpr UNKNOWN_INDEX = new IrExpr.Local(0, "q");

    private SlotValue value(IrExpr e) {
        return eval.eval(e, frame);
    }

    @Test
    void aStableElementIsItsInitialValue() {
        assertEquals(new SlotValue.Known(1), value(read("dirty", constant(1))));
        assertEquals(new SlotValue.Known(0), value(read("dirty", constant(0))));
        assertEquals(new SlotValue.Known(0), value(read("off", constant(0))));
    }

    @Test
    void anUnknownIndexIsKnownOnlyWhereEveryElementStartsAlike() {
        assertEquals(new SlotValue.Known(0), value(read("clean", UNKNOWN_INDEX)));
        assertInstanceOf(SlotValue.Unknown.class, value(read("dirty", UNKNOWN_INDEX)));
        assertInstanceOf(SlotValue.Unknown.class, value(read("dirty", constant(2))), "outside the array");
        assertInstanceOf(SlotValue.Unknown.class, value(read("dirty", constant(-1))), "outside the array");
    }

    @Test
    void aWrittenVariableIsUnknown() {
        assertEquals(Set.of("dirty", "clean", "off"), IrGraphBuilder.stableVariables(program));
        assertInstanceOf(SlotValue.Unknown.class, value(read("which", constant(0))));
    }

    @Test
    void eitherSideDecidesAConjunctionOrADisjunction() {
        IrExpr unknown = new IrExpr.Binary(BinaryOp.EQ, read("which", constant(0)), constant(1));
        IrExpr off = read("off", constant(0));
        IrExpr on = new IrExpr.Unary(UnaryOp.NOT, off);
        assertEquals(new SlotValue.Known(0), value(new IrExpr.Binary(BinaryOp.AND, unknown, off)));
        assertEquals(new SlotValue.Known(0), value(new IrExpr.Binary(BinaryOp.AND, off, unknown)));
        assertEquals(new SlotValue.Known(1), value(new IrExpr.Binary(BinaryOp.OR, unknown, on)));
        assertEquals(new SlotValue.Known(1), value(new IrExpr.Binary(BinaryOp.OR, on, unknown)));
        assertInstanceOf(SlotValue.Unknown.class, value(new IrExpr.Binary(BinaryOp.AND, unknown, on)));
        assertInstanceOf(SlotValue.Unknown.class, value(new IrExpr.Binary(BinaryOp.OR, unknown, off)));
        assertEquals(new SlotValue.Known(1), value(new IrExpr.Binary(BinaryOp.AND, on, on)));
        assertEquals(new SlotValue.Known(0), value(new IrExpr.Binary(BinaryOp.OR, off, off)));
    }
}

package io.vmlock.ast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.ast.Expr.BinaryOp;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The operators' integer semantics, the one definition every phase shares: C-like, exact. */
class BinaryOpTest {
    @Test
    void arithmeticTruncatesTowardZeroLikeC() {
        assertEquals(OptionalLong.of(5), BinaryOp.ADD.apply(2, 3));
        assertEquals(OptionalLong.of(-1), BinaryOp.SUB.apply(2, 3));
        assertEquals(OptionalLong.of(6), BinaryOp.MUL.apply(2, 3));
        assertEquals(OptionalLong.of(-3), BinaryOp.DIV.apply(-7, 2));
        assertEquals(OptionalLong.of(-1), BinaryOp.MOD.apply(-7, 2));
    }

    @Test
    void divisionByZeroAndOverflowAreNotValues() {
        assertEquals(OptionalLong.empty(), BinaryOp.DIV.apply(1, 0));
        assertEquals(OptionalLong.empty(), BinaryOp.MOD.apply(1, 0));
        assertEquals(OptionalLong.empty(), BinaryOp.DIV.apply(Long.MIN_VALUE, -1));
        assertEquals(OptionalLong.empty(), BinaryOp.ADD.apply(Long.MAX_VALUE, 1));
        assertEquals(OptionalLong.empty(), BinaryOp.SUB.apply(Long.MIN_VALUE, 1));
        assertEquals(OptionalLong.empty(), BinaryOp.MUL.apply(Long.MAX_VALUE, 2));
        assertEquals(OptionalLong.of(-5), BinaryOp.DIV.apply(5, -1));
    }

    @Test
    void comparisonsAndLogicGiveZeroOrOne() {
        assertEquals(OptionalLong.of(1), BinaryOp.LT.apply(1, 2));
        assertEquals(OptionalLong.of(0), BinaryOp.GE.apply(1, 2));
        assertEquals(OptionalLong.of(1), BinaryOp.NE.apply(1, 2));
        assertEquals(OptionalLong.of(0), BinaryOp.AND.apply(2, 0));
        assertEquals(OptionalLong.of(1), BinaryOp.AND.apply(2, -3));
        assertEquals(OptionalLong.of(1), BinaryOp.OR.apply(0, 7));
        assertEquals(OptionalLong.of(0), BinaryOp.OR.apply(0, 0));
    }

    @Test
    void everyOperatorAtItsBoundaries() {
        record Case(BinaryOp op, long l, long r, OptionalLong value) {
        }
        OptionalLong none = OptionalLong.empty();
        for (Case c : List.of(
                new Case(BinaryOp.MUL, 6, -7, OptionalLong.of(-42)), new Case(BinaryOp.MUL, Long.MAX_VALUE, 2, none),
                new Case(BinaryOp.DIV, 7, 2, OptionalLong.of(3)), new Case(BinaryOp.DIV, 7, 0, none),
                new Case(BinaryOp.DIV, 7, -1, OptionalLong.of(-7)), new Case(BinaryOp.DIV, Long.MIN_VALUE, -1, none),
                new Case(BinaryOp.MOD, -7, 3, OptionalLong.of(-1)), new Case(BinaryOp.MOD, 7, 0, none),
                new Case(BinaryOp.ADD, 2, 3, OptionalLong.of(5)), new Case(BinaryOp.ADD, Long.MAX_VALUE, 1, none),
                new Case(BinaryOp.SUB, 2, 3, OptionalLong.of(-1)), new Case(BinaryOp.SUB, Long.MIN_VALUE, 1, none),
                new Case(BinaryOp.LT, 2, 2, OptionalLong.of(0)), new Case(BinaryOp.LT, 1, 2, OptionalLong.of(1)),
                new Case(BinaryOp.LE, 2, 2, OptionalLong.of(1)), new Case(BinaryOp.LE, 3, 2, OptionalLong.of(0)),
                new Case(BinaryOp.GT, 2, 2, OptionalLong.of(0)), new Case(BinaryOp.GT, 3, 2, OptionalLong.of(1)),
                new Case(BinaryOp.GE, 2, 2, OptionalLong.of(1)), new Case(BinaryOp.GE, 1, 2, OptionalLong.of(0)),
                new Case(BinaryOp.EQ, 2, 2, OptionalLong.of(1)), new Case(BinaryOp.EQ, 1, 2, OptionalLong.of(0)),
                new Case(BinaryOp.NE, 2, 2, OptionalLong.of(0)), new Case(BinaryOp.NE, 1, 2, OptionalLong.of(1)),
                new Case(BinaryOp.AND, 1, 0, OptionalLong.of(0)), new Case(BinaryOp.AND, 0, 1, OptionalLong.of(0)),
                new Case(BinaryOp.AND, 2, 1, OptionalLong.of(1)), new Case(BinaryOp.OR, 0, 0, OptionalLong.of(0)),
                new Case(BinaryOp.OR, 0, 1, OptionalLong.of(1)), new Case(BinaryOp.OR, 1, 0, OptionalLong.of(1)))) {
            assertEquals(c.value(), c.op().apply(c.l(), c.r()), c.toString());
        }
    }
}

package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.ast.SourceSpan;
import io.vmlock.explore.system.Command;
import io.vmlock.explore.system.Expr;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which commands of two threads are dependent: writes of one field, and when they commute. */
class AccessTest {
    private static final int X = 0;
    private static final int Y = 1;
    private static final int Z = 2;

    @Test
    void writesOfTheSameConstantCommuteEvenBesideOtherWrites() {
        Access both = access(0, new Command.Effect(X, Expr.TRUE), new Command.Effect(Y, Expr.TRUE));
        Access one = access(1, new Command.Effect(X, Expr.TRUE), new Command.Effect(Z, Expr.FALSE));
        assertEquals(false, both.dependent(one));
        assertEquals(false, one.dependent(both));
    }

    @Test
    void writesOfDifferentOrComputedValuesConflict() {
        Access set = access(0, new Command.Effect(X, Expr.TRUE));
        assertEquals(true, set.dependent(access(1, new Command.Effect(X, Expr.FALSE))));
        assertEquals(true, set.dependent(access(1, new Command.Effect(X, new Expr.Read(Y)))));
        // a write of the same value still conflicts with a read of the field
        assertEquals(true, set.dependent(access(1, new Command.Effect(X, Expr.TRUE), new Command.Effect(Y, new Expr.Read(X)))));
    }

    private static Access access(int thread, Command.Effect... effects) {
        Command c = new Command(thread, thread, 0, List.of(), List.of(effects), 1, Command.Kind.STEP,
                SourceSpan.point("t.vmlock", 1, 1), "w");
        return new Access(c, new BitSet(), 2);
    }
}

package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.ast.Expr.BinaryOp;
import io.vmlock.ast.Expr.UnaryOp;
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

    /**
     * Commands whose guards require different values of one field are never enabled in the same
     * state: independent, whatever else they touch. A guard that requires no one value (a test of
     * inequality, or of equality with another field) holds beside the other's.
     */
    @Test
    void commandsRequiringDifferentValuesOfAFieldAreIndependent() {
        Access zero = guarded(0, new BitSet(), equal(X, 0), new Command.Effect(Y, Expr.TRUE));
        Access one = guarded(1, new BitSet(), equal(X, 1), new Command.Effect(Y, Expr.FALSE));
        assertEquals(false, zero.dependent(one));
        assertEquals(false, one.dependent(zero));
        Access notZero = guarded(0, new BitSet(), new Expr.Binary(BinaryOp.NE, new Expr.Read(X), new Expr.Const(0)),
                new Command.Effect(Y, Expr.TRUE));
        assertEquals(true, notZero.dependent(one), "x != 0 and x == 1 both hold at x = 1");
        Access likeZ = guarded(0, new BitSet(), new Expr.Binary(BinaryOp.EQ, new Expr.Read(X), new Expr.Read(Z)),
                new Command.Effect(Y, Expr.TRUE));
        assertEquals(true, likeZ.dependent(one), "x == z holds at x = 1 when z is 1");
    }

    /**
     * A read of a lock's owner word only through "the owner is me" (thread 1's token is 2) is the
     * thread's own business: it conflicts with no other thread's lock or unlock. The same test of
     * a plain field, or of the word's owner being another thread, is a read like any other; so is
     * a field read under a negation.
     */
    @Test
    void onlyOwnershipAtomsOfTheThreadItselfAreLeftOutOfItsReads() {
        BitSet owner = new BitSet();
        owner.set(X);
        Access lock = guarded(0, owner, equal(X, 0), new Command.Effect(X, new Expr.Const(1)));
        Access unlock = guarded(0, owner, Expr.TRUE, new Command.Effect(X, Expr.FALSE));
        Access mine = guarded(1, owner, equal(X, 2), new Command.Effect(Y, Expr.TRUE));
        Access notMine = guarded(1, owner, new Expr.Binary(BinaryOp.NE, new Expr.Read(X), new Expr.Const(2)),
                new Command.Effect(Y, Expr.TRUE));
        for (Access own : List.of(mine, notMine)) {
            assertEquals(false, own.dependent(lock));
            assertEquals(false, own.dependent(unlock));
            assertEquals(false, lock.dependent(own));
        }
        assertEquals(true, guarded(1, owner, equal(X, 1), new Command.Effect(Y, Expr.TRUE)).dependent(unlock),
                "whether thread 0 holds it");
        assertEquals(true, guarded(1, new BitSet(), equal(X, 2), new Command.Effect(Y, Expr.TRUE)).dependent(unlock),
                "a plain field that holds 2");
        Access negated = guarded(1, new BitSet(), new Expr.Unary(UnaryOp.NOT, new Expr.Read(X)),
                new Command.Effect(Y, Expr.TRUE));
        assertEquals(true, negated.dependent(unlock), "!x reads x");
    }

    private static Expr equal(int field, int value) {
        return new Expr.Binary(BinaryOp.EQ, new Expr.Read(field), new Expr.Const(value));
    }

    private static Access access(int thread, Command.Effect... effects) {
        return guarded(thread, new BitSet(), Expr.TRUE, effects);
    }

    /** A command of {@code thread} (of two) guarded by {@code guard}; {@code owners}: the lock owner words. */
    private static Access guarded(int thread, BitSet owners, Expr guard, Command.Effect... effects) {
        List<Expr> conjuncts = guard.equals(Expr.TRUE) ? List.of() : List.of(guard);
        Command c = new Command(thread, thread, 0, conjuncts, List.of(effects), 1, Command.Kind.STEP,
                SourceSpan.point("t.vmlock", 1, 1), "w");
        return new Access(c, owners, 2);
    }
}

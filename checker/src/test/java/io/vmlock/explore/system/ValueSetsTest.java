package io.vmlock.explore.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vmlock.ast.Expr.BinaryOp;
import io.vmlock.ast.Expr.UnaryOp;
import io.vmlock.testing.Scenarios;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value sets of small transition systems, worked out by hand. */
class ValueSetsTest {
    private static final int ANY_LOW = Integer.MIN_VALUE;
    private static final int ANY_HIGH = Integer.MAX_VALUE;

    private static Field local(int id, int low, int high) {
        return new Field(id, "l" + id, Field.Role.LOCAL, 0, low, high, false);
    }

    private static Command.Effect write(int field, Expr value) {
        return new Command.Effect(field, value);
    }

    private static Expr read(int field) {
        return new Expr.Read(field);
    }

    private static Expr k(int v) {
        return new Expr.Const(v);
    }

    private static Expr bin(BinaryOp op, Expr a, Expr b) {
        return new Expr.Binary(op, a, b);
    }

    /** Locals 0..count-1, each of the whole int range. */
    private static List<Field> wholeRangeLocals(int count) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < count; i++) fields.add(local(i, ANY_LOW, ANY_HIGH));
        return fields;
    }

    /** Writes of the constants 0..count-1 to a field. */
    private static void writeCounting(List<Command.Effect> writes, int field, int count) {
        for (int n = 0; n < count; n++) writes.add(write(field, k(n)));
    }

    private static ValueSets sets(List<Field> fields, Command.Effect... writes) {
        List<Integer> initial = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) initial.add(0);
        return ValueSets.of(fields, initial, List.of(writes));
    }

    /** x := 3; y := x + 1; z := y * 2, each with the whole int range: x {0,3}, y {0,1,4}, z {0,2,8}. */
    @Test
    void aChainOfComputedAssignmentsCarriesEachSetForward() {
        ValueSets v = sets(List.of(local(0, ANY_LOW, ANY_HIGH), local(1, ANY_LOW, ANY_HIGH), local(2, ANY_LOW, ANY_HIGH)),
                write(2, bin(BinaryOp.MUL, read(1), k(2))),
                write(1, bin(BinaryOp.ADD, read(0), k(1))),
                write(0, k(3)));
        assertArrayEquals(new int[] {0, 3}, v.values(0));
        assertArrayEquals(new int[] {0, 1, 4}, v.values(1));
        assertArrayEquals(new int[] {0, 2, 8}, v.values(2));
    }

    /**
     * d in {0,2,3}, e in {0,-1}: q := 6 / d gives {2,3} (dividing by 0 is no value), r := 7 % d
     * {1}, s := d - e {0,1,2,3,4}, n := -d {-3,-2,0}, c := d > e {0,1}, b := !d {0,1}.
     */
    @Test
    void arithmeticOverEveryCombinationSkippingDivisionByZero() {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < 8; i++) fields.add(local(i, ANY_LOW, ANY_HIGH));
        ValueSets v = sets(fields,
                write(0, k(2)), write(0, k(3)), write(1, k(-1)),
                write(2, bin(BinaryOp.DIV, k(6), read(0))),
                write(3, bin(BinaryOp.MOD, k(7), read(0))),
                write(4, bin(BinaryOp.SUB, read(0), read(1))),
                write(5, new Expr.Unary(UnaryOp.NEG, read(0))),
                write(6, bin(BinaryOp.GT, read(0), read(1))),
                write(7, new Expr.Unary(UnaryOp.NOT, read(0))));
        assertArrayEquals(new int[] {0, 2, 3}, v.values(2));
        assertArrayEquals(new int[] {0, 1}, v.values(3));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, v.values(4));
        assertArrayEquals(new int[] {-3, -2, 0}, v.values(5));
        assertArrayEquals(new int[] {0, 1}, v.values(6));
        assertArrayEquals(new int[] {0, 1}, v.values(7));
    }

    /** i := i + 1 over the int range counts on past {@link ValueSets#ROUNDS}: unknown, as is j := i * 2; i > 5 is still 0 or 1. */
    @Test
    void aLoopCounterWithoutABoundIsGivenUp() {
        ValueSets v = sets(List.of(local(0, ANY_LOW, ANY_HIGH), local(1, ANY_LOW, ANY_HIGH), local(2, ANY_LOW, ANY_HIGH)),
                write(0, bin(BinaryOp.ADD, read(0), k(1))),
                write(1, bin(BinaryOp.MUL, read(0), k(2))),
                write(2, bin(BinaryOp.GT, read(0), k(5))));
        assertNull(v.values(0));
        assertNull(v.values(1));
        assertArrayEquals(new int[] {0, 1}, v.values(2));
    }

    /**
     * a and b are written 0..99 and c 0..299: a + 100 * b takes 10,000 values, past the cap, in
     * one round; c - c would take only 599 values, but over 90,000 pairs, past
     * {@link ValueSets#COMBINATIONS}: unknown, while c < c is still 0 or 1.
     */
    @Test
    void aSetPastTheCapOrTooManyPairsIsUnknown() {
        List<Field> fields = wholeRangeLocals(6);
        List<Command.Effect> writes = new ArrayList<>();
        writeCounting(writes, 0, 100);
        writeCounting(writes, 1, 100);
        writeCounting(writes, 2, 300);
        writes.add(write(3, bin(BinaryOp.ADD, read(0), bin(BinaryOp.MUL, k(100), read(1)))));
        writes.add(write(4, bin(BinaryOp.SUB, read(2), read(2))));
        writes.add(write(5, bin(BinaryOp.LT, read(2), read(2))));
        ValueSets v = ValueSets.of(fields, java.util.Collections.nCopies(6, 0), writes);
        assertEquals(300, v.values(2).length);
        assertNull(v.values(3));
        assertNull(v.values(4));
        assertArrayEquals(new int[] {0, 1}, v.values(5));
    }

    /**
     * The same counter declared 0..9 stops at 9 (a write of 10 is a finding); y := x * 3 in 0..4
     * keeps {0,3}; a constant is kept as written, even outside the range.
     */
    @Test
    void computedWritesOutsideTheDeclaredRangeAreClipped() {
        ValueSets v = sets(List.of(local(0, 0, 9), local(1, 0, 2), local(2, 0, 4), local(3, 0, 1)),
                write(0, bin(BinaryOp.ADD, read(0), k(1))),
                write(1, k(1)), write(1, k(2)),
                write(2, bin(BinaryOp.MUL, read(1), k(3))),
                write(3, k(5)));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, v.values(0));
        assertArrayEquals(new int[] {0, 3}, v.values(2));
        assertArrayEquals(new int[] {0, 5}, v.values(3));
    }

    /**
     * An open nesting depth with an increment is unknown (the layout widens it), and so is
     * depth + 1; depth == 0 is 0 or 1. An open field written only constants keeps them, unclipped.
     */
    @Test
    void openFieldsWithComputedWritesAreUnknown() {
        Field depth = new Field(0, "depth", Field.Role.COUNTER, 0, 0, 15, true);
        Field scope = new Field(3, "scope", Field.Role.COUNTER, 0, 0, 15, true);
        ValueSets v = sets(List.of(depth, local(1, ANY_LOW, ANY_HIGH), local(2, ANY_LOW, ANY_HIGH), scope),
                write(0, bin(BinaryOp.ADD, read(0), k(1))),
                write(1, bin(BinaryOp.ADD, read(0), k(1))),
                write(2, bin(BinaryOp.EQ, read(0), k(0))),
                write(3, k(20)));
        assertNull(v.values(0));
        assertNull(v.values(1));
        assertArrayEquals(new int[] {0, 1}, v.values(2));
        assertArrayEquals(new int[] {0, 20}, v.values(3));
    }

    /**
     * a[i] with i in {0,5} and a of two elements reads only a[0] (a[5] fails, as at run time);
     * f && a[i]: with f 0 the right side is never read, so 0; unknown f && 3 is 0 or 1.
     */
    @Test
    void arrayReadsAndShortCircuitsAsAtRunTime() {
        Field unknown = new Field(5, "depth", Field.Role.COUNTER, 0, 0, 15, true);
        ValueSets v = sets(List.of(local(0, ANY_LOW, ANY_HIGH), local(1, ANY_LOW, ANY_HIGH), local(2, ANY_LOW, ANY_HIGH),
                        local(3, ANY_LOW, ANY_HIGH), local(4, ANY_LOW, ANY_HIGH), unknown),
                write(0, k(5)), write(1, k(7)),
                write(2, new Expr.ReadAt(List.of(read(1), k(9)), read(0))),
                write(3, bin(BinaryOp.AND, k(0), new Expr.ReadAt(List.of(k(1)), k(4)))),
                write(4, bin(BinaryOp.AND, read(5), k(3))),
                write(5, bin(BinaryOp.ADD, read(5), k(1))));
        assertArrayEquals(new int[] {0, 7}, v.values(2));
        assertArrayEquals(new int[] {0}, v.values(3));
        assertArrayEquals(new int[] {0, 1}, v.values(4));
    }

    /**
     * Compiled from a scenario: the parameter n, an int of the whole range, takes only pick()'s
     * two results (and 0 before the call), flag n - 2 (and its initial 0 and u's 0).
     */
    @Test
    void aParameterPassedAFunctionsResultHoldsOnlyItsResults() {
        TransitionSystem system = SystemCompiler.compile(Scenarios.lower("""
                int(0..7) flag = 0;
                int pick() { if (flag == 0) { return 3; } return 5; }
                proc use(int n) { flag = n - 2; }
                thread t { int(0..7) r = pick(); use(r); }
                thread u { flag = 0; }
                """));
        ValueSets v = ValueSets.of(system);
        assertArrayEquals(new int[] {0, 1, 3}, v.values(field(system, "flag")));
        Field n = system.fields().stream().filter(f -> f.role() == Field.Role.LOCAL && f.low() == ANY_LOW).findFirst()
                .orElseThrow();
        assertArrayEquals(new int[] {0, 3, 5}, v.values(n.id()));
    }

    /**
     * x in 0..63 and y in 0..63 (64 constants each, 0 among them): x + 64 * y takes every value of
     * 0..4095, exactly {@link ValueSets#CAP}, so it is kept; x + 64 * y + 1 takes 1..4096 and, with
     * the initial 0, one value past the cap: unknown. d in 0..255: d - d over 256 * 256 pairs,
     * exactly {@link ValueSets#COMBINATIONS}, is still worked out: -255..255, 511 values.
     */
    @Test
    void aSetOfExactlyTheCapAndExactlyTheCombinationsAreKept() {
        List<Field> fields = wholeRangeLocals(6);
        List<Command.Effect> writes = new ArrayList<>();
        writeCounting(writes, 0, 64);
        writeCounting(writes, 1, 64);
        writeCounting(writes, 2, 256);
        Expr packed = bin(BinaryOp.ADD, read(0), bin(BinaryOp.MUL, k(64), read(1)));
        writes.add(write(3, packed));
        writes.add(write(4, bin(BinaryOp.ADD, packed, k(1))));
        writes.add(write(5, bin(BinaryOp.SUB, read(2), read(2))));
        ValueSets v = ValueSets.of(fields, java.util.Collections.nCopies(6, 0), writes);
        assertEquals(ValueSets.CAP, v.values(3).length);
        assertEquals(ValueSets.CAP - 1, v.values(3)[ValueSets.CAP - 1]);
        assertNull(v.values(4));
        assertEquals(511, v.values(5).length);
        assertEquals(-255, v.values(5)[0]);
        assertEquals(255, v.values(5)[510]);
    }

    /**
     * A field whose set becomes unknown makes its readers' sets unknown, even a reader worked out
     * before (the readers are listed first, so each is first evaluated over x = {0}):
     * y := x + 1 where x := z * 2 and z is an open depth with an increment (unknown when
     * evaluated); w := u + 1 where u := a + 100 * b goes past the cap (a, b 0..99).
     */
    @Test
    void aFieldGivenUpAfterItsReadersWereWorkedOutMakesThemUnknown() {
        Field depth = new Field(2, "depth", Field.Role.COUNTER, 0, 0, 15, true);
        List<Field> fields = new ArrayList<>(List.of(local(0, ANY_LOW, ANY_HIGH), local(1, ANY_LOW, ANY_HIGH), depth));
        for (int i = 3; i < 7; i++) fields.add(local(i, ANY_LOW, ANY_HIGH));
        List<Command.Effect> writes = new ArrayList<>();
        writes.add(write(1, bin(BinaryOp.ADD, read(0), k(1))));
        writes.add(write(6, bin(BinaryOp.ADD, read(5), k(1))));
        writes.add(write(0, bin(BinaryOp.MUL, read(2), k(2))));
        writes.add(write(2, bin(BinaryOp.ADD, read(2), k(1))));
        writes.add(write(5, bin(BinaryOp.ADD, read(3), bin(BinaryOp.MUL, k(100), read(4)))));
        for (int n = 0; n < 100; n++) {
            writes.add(write(3, k(n)));
            writes.add(write(4, k(n)));
        }
        ValueSets v = ValueSets.of(fields, java.util.Collections.nCopies(7, 0), writes);
        assertNull(v.values(0));
        assertNull(v.values(1));
        assertNull(v.values(5));
        assertNull(v.values(6));
    }

    /**
     * A counter i := i + 1 declared 0..64 grows its set in 64 rounds (1, then 2, ... 64), which is
     * {@link ValueSets#ROUNDS}: kept, 0..64. Declared 0..65 it grows in 65: given up.
     */
    @Test
    void aCounterIsGivenUpOnlyPastTheRounds() {
        ValueSets v = sets(List.of(local(0, 0, 64), local(1, 0, 65)),
                write(0, bin(BinaryOp.ADD, read(0), k(1))),
                write(1, bin(BinaryOp.ADD, read(1), k(1))));
        assertEquals(65, v.values(0).length);
        assertEquals(64, v.values(0)[64]);
        assertNull(v.values(1));
    }

    /**
     * Computed values exactly at a declared bound are values, not findings: in -3..5, x := 2 and
     * y := x - 5 gives {-3} (with the initial 0) and z := x + 3 gives {5}.
     */
    @Test
    void computedWritesAtTheDeclaredBoundsAreKept() {
        ValueSets v = sets(List.of(local(0, -3, 5), local(1, -3, 5), local(2, -3, 5)),
                write(0, k(2)),
                write(1, bin(BinaryOp.SUB, read(0), k(5))),
                write(2, bin(BinaryOp.ADD, read(0), k(3))));
        assertArrayEquals(new int[] {-3, 0}, v.values(1));
        assertArrayEquals(new int[] {0, 3, 5}, v.values(2));
    }

    /**
     * {@code &&} and {@code ||} over known sides, each plus 5 so the initial 0 stays apart:
     * 1 && 1 is 1 (6), 0 && 1 is 0 (5), 1 && 0 is 0 (5), 0 || 0 is 0 (5), 1 || 0 is 1 (6),
     * 0 || 7 is 1 (6).
     */
    @Test
    void logicalOperatorsOverKnownSidesGiveTheirOneTruthValue() {
        int[][] sides = {{1, 1}, {0, 1}, {1, 0}, {0, 0}, {1, 0}, {0, 7}};
        BinaryOp[] ops = {BinaryOp.AND, BinaryOp.AND, BinaryOp.AND, BinaryOp.OR, BinaryOp.OR, BinaryOp.OR};
        int[] expected = {6, 5, 5, 5, 6, 6};
        List<Field> fields = new ArrayList<>();
        Command.Effect[] writes = new Command.Effect[sides.length];
        for (int i = 0; i < sides.length; i++) {
            fields.add(local(i, ANY_LOW, ANY_HIGH));
            writes[i] = write(i, bin(BinaryOp.ADD, bin(ops[i], k(sides[i][0]), k(sides[i][1])), k(5)));
        }
        ValueSets v = sets(fields, writes);
        for (int i = 0; i < sides.length; i++) {
            assertArrayEquals(new int[] {0, expected[i]}, v.values(i), sides[i][0] + " " + ops[i] + " " + sides[i][1]);
        }
    }

    private static int field(TransitionSystem system, String name) {
        return system.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().id();
    }
}

package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.ast.Expr.BinaryOp;
import io.vmlock.ast.Expr.UnaryOp;
import io.vmlock.ast.SourceSpan;
import io.vmlock.explore.system.Command;
import io.vmlock.explore.system.Expr;
import io.vmlock.explore.system.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which writes can turn a false condition true: a table of writes and conditions, answered by hand. */
class EnablingWritesTest {
    private static final int X = 0;
    private static final int PTE = 1;
    private static final int SIGBUS = 2;
    private static final int DEPTH = 3;
    private static final int Y = 4;
    private static final int W = 5;
    private static final List<Field> FIELDS = List.of(
            new Field(X, "nr_dirty", Field.Role.GLOBAL, -1, 0, 4, false),
            new Field(PTE, "pte_write", Field.Role.GLOBAL, -1, 0, 1, false),
            new Field(SIGBUS, "fault_sigbus", Field.Role.GLOBAL, -1, 0, 1, false),
            new Field(DEPTH, "depth", Field.Role.COUNTER, 0, 0, 0, true),
            new Field(Y, "y", Field.Role.GLOBAL, -1, 0, 4, false),
            new Field(W, "w", Field.Role.GLOBAL, -1, 2, 4, false));

    private final EnablingWrites enabling = new EnablingWrites(FIELDS);

    @Test
    void anIncrementCanMakeACounterPositiveADecrementCannot() {
        Expr positive = bin(BinaryOp.GT, read(X), k(0));
        assertEquals(true, enabling.mayEnable(write(X, bin(BinaryOp.ADD, read(X), k(1))), positive));
        assertEquals(false, enabling.mayEnable(write(X, bin(BinaryOp.SUB, read(X), k(1))), positive));
    }

    @Test
    void onlyAWriteOfTheValueCanMakeAnEqualityTrue() {
        Expr zero = bin(BinaryOp.EQ, read(X), k(0));
        assertEquals(false, enabling.mayEnable(write(X, k(1)), zero));
        assertEquals(true, enabling.mayEnable(write(X, k(0)), zero));
        assertEquals(true, enabling.mayEnable(write(X, bin(BinaryOp.SUB, read(X), k(1))), zero));
    }

    /** user_write's retry: it returns once the pte is writable or the fault failed; cleaning the pte never lets it. */
    @Test
    void clearingOneOfTwoFlagsCannotMakeNotBothClearTrue() {
        Expr done = new Expr.Unary(UnaryOp.NOT, bin(BinaryOp.AND, bin(BinaryOp.EQ, read(PTE), k(0)),
                bin(BinaryOp.EQ, read(SIGBUS), k(0))));
        assertEquals(false, enabling.mayEnable(write(PTE, k(0)), done));
        assertEquals(true, enabling.mayEnable(write(PTE, k(1)), done));
        assertEquals(true, enabling.mayEnable(write(SIGBUS, k(1)), done));
    }

    /** An overflow check's condition: a decrement that stays in range never makes x + 1 overflow. */
    @Test
    void aDecrementNeverOverflows() {
        Expr overflow = new Expr.Unary(UnaryOp.NOT, bin(BinaryOp.AND,
                bin(BinaryOp.GE, bin(BinaryOp.ADD, read(X), k(1)), k(0)),
                bin(BinaryOp.LE, bin(BinaryOp.ADD, read(X), k(1)), k(4))));
        assertEquals(false, enabling.mayEnable(write(X, bin(BinaryOp.SUB, read(X), k(1))), overflow));
        assertEquals(true, enabling.mayEnable(write(X, bin(BinaryOp.ADD, read(X), k(1))), overflow));
    }

    @Test
    void theCommandsOwnGuardLimitsWhatItCanWrite() {
        Expr aboveOne = bin(BinaryOp.GT, read(X), k(1));
        Command fromZero = new Command(0, 0, 0, List.of(bin(BinaryOp.EQ, read(X), k(0))),
                List.of(new Command.Effect(X, bin(BinaryOp.ADD, read(X), k(1)))), 1, Command.Kind.STEP, SPAN, "x++");
        assertEquals(false, enabling.mayEnable(fromZero, aboveOne));
        assertEquals(true, enabling.mayEnable(write(X, bin(BinaryOp.ADD, read(X), k(1))), aboveOne));
    }

    @Test
    void aWriteOfAnotherFieldNeverEnablesAnOpenFieldMaybeDoes() {
        assertEquals(false, enabling.mayEnable(write(Y, k(1)), bin(BinaryOp.GT, read(X), k(0))));
        assertEquals(true, enabling.mayEnable(write(DEPTH, k(0)), bin(BinaryOp.EQ, read(DEPTH), k(0))));
        // the value comes from another field: every value of it is tried
        assertEquals(true, enabling.mayEnable(write(X, read(Y)), bin(BinaryOp.GT, read(X), k(2))));
        assertEquals(false, enabling.mayEnable(write(X, bin(BinaryOp.SUB, read(Y), read(Y))), bin(BinaryOp.GT, read(X), k(2))));
    }

    /** Every combination of values is tried: only x = 3 with y = 4 lets the increment make both hold. */
    @Test
    void theOneEnablingCombinationIsFound() {
        Expr both = bin(BinaryOp.AND, bin(BinaryOp.EQ, read(X), k(4)), bin(BinaryOp.EQ, read(Y), k(4)));
        assertEquals(true, enabling.mayEnable(write(X, bin(BinaryOp.ADD, read(X), k(1))), both));
        Expr beyond = bin(BinaryOp.AND, bin(BinaryOp.EQ, read(X), k(4)), bin(BinaryOp.EQ, read(Y), k(5)));
        assertEquals(false, enabling.mayEnable(write(X, bin(BinaryOp.ADD, read(X), k(1))), beyond));
    }

    /** A guard conjunct over a field the question does not involve says nothing: it may hold. */
    @Test
    void aGuardOnAnotherFieldDoesNotRuleTheWriteOut() {
        Command guarded = new Command(0, 0, 0, List.of(bin(BinaryOp.EQ, read(Y), k(3))),
                List.of(new Command.Effect(X, k(0))), 1, Command.Kind.STEP, SPAN, "x = 0");
        assertEquals(true, enabling.mayEnable(guarded, bin(BinaryOp.EQ, read(X), k(0))));
    }

    /** Values outside a field's range are never there: not before a move, not after it. */
    @Test
    void onlyValuesInRangeAreTried() {
        Expr top = bin(BinaryOp.EQ, read(W), k(4));
        assertEquals(false, enabling.mayEnable(write(W, bin(BinaryOp.SUB, read(W), k(1))), top));
        assertEquals(true, enabling.mayEnable(write(W, bin(BinaryOp.ADD, read(W), k(1))), top));
        Expr topAndEmpty = bin(BinaryOp.AND, top, bin(BinaryOp.EQ, read(Y), k(0)));
        assertEquals(false, enabling.mayEnable(write(W, bin(BinaryOp.SUB, read(W), k(1))), topAndEmpty));
        assertEquals(false, enabling.mayEnable(write(X, bin(BinaryOp.ADD, read(X), k(1))), bin(BinaryOp.GT, read(X), k(4))));
    }

    /** Too many values to try, or a division that may fail: "maybe". */
    @Test
    void tooManyValuesOrADivisionByZeroAnswerMaybe() {
        Expr many = bin(BinaryOp.EQ, read(X), k(9));
        for (int f = FIRST_MANY; f < FIELDS_MANY.size(); f++) many = bin(BinaryOp.ADD, many, read(f));
        assertEquals(true, new EnablingWrites(FIELDS_MANY).mayEnable(write(X, k(1)), many));
        Expr quotient = bin(BinaryOp.GT, read(X), k(3));
        assertEquals(true, enabling.mayEnable(write(X, bin(BinaryOp.DIV, k(3), read(Y))), quotient));
        assertEquals(false, enabling.mayEnable(write(X, bin(BinaryOp.DIV, k(3), bin(BinaryOp.ADD, read(Y), k(1)))), quotient));
    }

    private static final int FIRST_MANY = 6;
    /** The fields above and six more of five values each: 5^7 = 78,125 combinations with x. */
    private static final List<Field> FIELDS_MANY = many();

    private static List<Field> many() {
        List<Field> fields = new java.util.ArrayList<>(FIELDS);
        for (int f = FIRST_MANY; f < FIRST_MANY + 6; f++) fields.add(new Field(f, "g" + f, Field.Role.GLOBAL, -1, 0, 4, false));
        return fields;
    }

    private static final SourceSpan SPAN = SourceSpan.point("t.vmlock", 1, 1);

    private static Command write(int field, Expr value) {
        return new Command(0, 0, 0, List.of(), List.of(new Command.Effect(field, value)), 1, Command.Kind.STEP, SPAN, "w");
    }

    private static Expr read(int field) {
        return new Expr.Read(field);
    }

    private static Expr k(int value) {
        return new Expr.Const(value);
    }

    private static Expr bin(BinaryOp op, Expr l, Expr r) {
        return new Expr.Binary(op, l, r);
    }
}

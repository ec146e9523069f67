package io.vmlock.ast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.ast.Expr.BinaryOp;
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
}

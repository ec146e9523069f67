package io.vmlock.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.testing.Scenarios;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reports quote conditions as text ({@code invariant ... does not hold}, {@code wait_event(...)}):
 * the text must mean what the scenario says. Print, parse, same tree: random well-typed
 * expressions, fully bracketed in the source, lower to the same IR as their printed text does.
 */
class ExprTextRoundTripTest {
    private static final String DECLS = "int(0..9) x; int(0..9) y; bool a; bool b;\n";

    @Test
    void negationOfAConjunctionKeepsItsBrackets() {
        assertEquals("!(a && b)", invariantText("!(a && b)"));
        assertEquals("!a && b", invariantText("(!a) && b"));
        assertEquals("x - (y - 1) < 3", invariantText("(x - (y - 1)) < 3"));
        assertEquals("x - y - 1 < 3", invariantText("((x - y) - 1) < 3"));
        assertEquals("(a && b) || !a", invariantText("(a && b) || (!a)"));
        assertEquals("a && (b || a)", invariantText("a && (b || a)"));
        assertEquals("-(x + y) == x * (y + 1)", invariantText("(-(x + y)) == (x * (y + 1))"));
    }

    @Test
    void printedExpressionsParseBackToTheSameTree() {
        Random random = new Random(20261204);
        for (int i = 0; i < 300; i++) {
            String source = bool(random, 4);
            IrExpr original = invariant(source);
            IrExpr reparsed = invariant(original.text());
            assertEquals(original, reparsed, () -> source + " printed as " + original.text());
        }
    }

    private static String invariantText(String source) {
        return invariant(source).text();
    }

    private static IrExpr invariant(String condition) {
        IrProgram p = Scenarios.lower(DECLS + "invariant " + condition + ";\nthread t { x = 1; }\n");
        return p.invariants().get(0).condition();
    }

    private static String bool(Random r, int depth) {
        int pick = depth == 0 ? r.nextInt(2) : r.nextInt(6);
        return switch (pick) {
            case 0 -> r.nextBoolean() ? "a" : "b";
            case 1 -> "(" + integer(r, depth) + " " + pick(r, "<", "<=", ">", ">=", "==", "!=") + " "
                    + integer(r, depth) + ")";
            case 2 -> "(!" + bool(r, depth - 1) + ")";
            case 3 -> "(" + bool(r, depth - 1) + " && " + bool(r, depth - 1) + ")";
            case 4 -> "(" + bool(r, depth - 1) + " || " + bool(r, depth - 1) + ")";
            default -> "(" + bool(r, depth - 1) + " " + pick(r, "==", "!=") + " " + bool(r, depth - 1) + ")";
        };
    }

    private static String integer(Random r, int depth) {
        int pick = depth <= 1 ? r.nextInt(2) : r.nextInt(4);
        return switch (pick) {
            case 0 -> r.nextBoolean() ? "x" : "y";
            case 1 -> Integer.toString(r.nextInt(5));
            case 2 -> "(-" + integer(r, depth - 1) + ")";
            default -> "(" + integer(r, depth - 1) + " " + pick(r, "+", "-", "*", "/", "%") + " "
                    + integer(r, depth - 1) + ")";
        };
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }
}

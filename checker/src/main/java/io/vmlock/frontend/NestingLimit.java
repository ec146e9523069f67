package io.vmlock.frontend;

import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import io.vmlock.grammar.VmLockLexer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * Refuses input nested deeper than any scenario needs, so that the parser, the AST builder and
 * every later pass can recurse without running out of stack. Checked twice: on the tokens
 * before parsing (brackets, runs of unary operators, else-if chains: what makes the parser
 * recurse) and on the parse tree after it (long operator chains, which parse in a loop but
 * build a deep tree).
 */
final class NestingLimit {
    /** Deeper bracket nesting than any scenario needs. */
    static final int MAX_NESTING = 200;
    /**
     * Parse-tree depth: room for MAX_NESTING levels of blocks (two tree levels each) plus ordinary
     * expressions, and small enough that every pass can recurse over the AST on a 512 KiB stack.
     */
    static final int MAX_TREE_DEPTH = 500;

    private NestingLimit() {
    }

    static boolean tokensWithinLimit(List<Token> tokens, Spans spans, Diagnostics diagnostics) {
        int brackets = 0;
        int unaryRun = 0;
        Deque<Integer> elseIfs = new ArrayDeque<>(); // the bracket depth of each open else-if
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String s = t.getType() == Token.EOF || t.getText() == null ? "" : t.getText();
            boolean deeper = false;
            if (s.equals("(") || s.equals("[") || s.equals("{")) {
                brackets++;
                deeper = true;
            } else if (s.equals(")") || s.equals("]") || s.equals("}")) {
                brackets = Math.max(0, brackets - 1);
                // an if statement ends at a closing brace not followed by else; its else-ifs end with it
                boolean ends = s.equals("}") && (i + 1 >= tokens.size() || tokens.get(i + 1).getType() != VmLockLexer.ELSE);
                while (!elseIfs.isEmpty() && (elseIfs.peek() > brackets || elseIfs.peek() == brackets && ends)) {
                    elseIfs.pop();
                }
            } else if (t.getType() == VmLockLexer.IF && i > 0 && tokens.get(i - 1).getType() == VmLockLexer.ELSE) {
                elseIfs.push(brackets);
                deeper = true;
            }
            unaryRun = s.equals("!") || s.equals("-") ? unaryRun + 1 : 0;
            if ((deeper || unaryRun > 0) && brackets + elseIfs.size() + unaryRun > MAX_NESTING) {
                diagnostics.error(DiagnosticCode.NESTING_TOO_DEEP, spans.of(t), "nested more than " + MAX_NESTING
                        + " levels deep", "each bracket, unary operator and else-if counts as one level");
                return false;
            }
        }
        return true;
    }

    /** Depth-first with an explicit stack: the tree may be deep, that is what is checked. */
    static boolean treeWithinLimit(ParseTree root, Spans spans, Diagnostics diagnostics) {
        Deque<ParseTree> trees = new ArrayDeque<>(List.of(root));
        Deque<Integer> depths = new ArrayDeque<>(List.of(1));
        while (!trees.isEmpty()) {
            ParseTree tree = trees.pop();
            int depth = depths.pop();
            if (depth > MAX_TREE_DEPTH && tree instanceof ParserRuleContext ctx) {
                diagnostics.error(DiagnosticCode.NESTING_TOO_DEEP, spans.of(ctx.getStart()),
                        "this expression or statement is nested more than " + MAX_TREE_DEPTH + " levels deep",
                        "split a long expression with constants or local variables");
                return false;
            }
            for (int i = tree.getChildCount() - 1; i >= 0; i--) { // first child on top: source order
                trees.push(tree.getChild(i));
                depths.push(depth + 1);
            }
        }
        return true;
    }
}

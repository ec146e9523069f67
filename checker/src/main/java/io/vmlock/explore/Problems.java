package io.vmlock.explore;

import io.vmlock.ast.SourceSpan;
import io.vmlock.findings.HeldLock;
import io.vmlock.ir.IrExpr;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.Op;
import io.vmlock.ir.VarRef;
import io.vmlock.verdict.Verdict;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds the problems steps raise, with their keys: one finding per cause, not per path. */
final class Problems {
    private final IrProgram program;
    private final Names names;

    Problems(IrProgram program, Names names) {
        this.program = program;
        this.names = names;
    }

    /** {@code op} takes {@code lock}, which its thread holds: the retake keeps the mode {@code op} asks for. */
    Problem recursive(Steps.Step step, Op.Acquire op, int lock) {
        SourceSpan span = step.op.span();
        String headline = names.thread(step.thread) + " takes " + names.instance(lock) + " in " + step.opText()
                + ", but already holds it";
        ProblemKey key = ProblemKey.AtOperation.of(Verdict.RECURSIVE_LOCK, span, names.instance(lock));
        return new Problem(Verdict.RECURSIVE_LOCK, key, headline, List.of(), span, step.thread,
                List.of(names.instance(lock)), List.of(), List.of(), Optional.of(names.acquisition(lock, op.mode())));
    }

    Problem unlockNotHeld(Steps.Step step, int lock) {
        SourceSpan span = step.op.span();
        String headline = names.thread(step.thread) + " releases " + names.instance(lock) + " in " + step.opText()
                + ", but does not hold it";
        ProblemKey key = ProblemKey.AtOperation.of(Verdict.UNLOCK_NOT_HELD, span, names.instance(lock));
        return new Problem(Verdict.UNLOCK_NOT_HELD, key, headline, List.of(), span, step.thread);
    }

    Problem evaluation(int thread, SourceSpan span, IrExpr.EvaluationException e) {
        return Problem.assertion(names.thread(thread) + ": " + e.getMessage(), List.of(), span, thread);
    }

    Problem outOfRange(int thread, Op.Assign op, VarRef target, int value) {
        String headline = names.thread(thread) + " assigns " + value + " to " + target.text() + ", outside its range "
                + target.low() + ".." + target.high();
        return Problem.assertion(headline, List.of(), op.span(), thread);
    }

    Problem failedCheck(int thread, Op.Check op, FrameValues values) {
        String what = op.builtin().spelling() + "(" + op.condition().text() + ")";
        String headline = names.thread(thread) + ": " + what + " fails";
        List<String> details = describe(op.condition(), values).map(d -> List.of("with " + d)).orElse(List.of());
        return Problem.assertion(headline, details, op.span(), thread);
    }

    Problem notHeld(int thread, Op.AssertHeld op, String lock) {
        String headline = names.thread(thread) + ": lockdep_assert_held(" + lock + ") fails: " + lock + " is not held";
        return Problem.assertion(headline, List.of(), op.span(), thread);
    }

    Problem invariant(io.vmlock.ir.Invariant inv, State s) {
        FrameValues values = new FrameValues(new int[0], s.globals);
        String headline = "invariant " + inv.condition().text() + " does not hold";
        List<String> details = describe(inv.condition(), values).map(d -> List.of("with " + d)).orElse(List.of());
        return Problem.assertion(headline, details, inv.span(), -1);
    }

    Optional<Problem> heldAtExit(State s, int thread, SourceSpan span) {
        List<HeldLock> held = names.heldAtExit(s, thread);
        if (held.isEmpty()) return Optional.empty();
        List<String> texts = held.stream().map(HeldLock::text).toList();
        String headline = names.thread(thread) + " ends while holding " + String.join(", ", texts);
        ProblemKey key = new ProblemKey.HeldAtExit(names.canonicalThread(thread), held);
        SourceSpan end = program.procedure(s.threads[thread].frames[0].proc).node(s.threads[thread].frames[0].pc).span();
        return Optional.of(new Problem(Verdict.LOCK_HELD_AT_EXIT, key, headline, List.of(), end, thread, texts,
                List.of()));
    }

    /** {@code nr_dirty = 3, limit = 2}: the variables an expression reads, with their values. */
    Optional<String> describe(IrExpr e, FrameValues values) {
        Set<String> parts = new LinkedHashSet<>();
        collect(e, values, parts);
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }

    private void collect(IrExpr e, FrameValues values, Set<String> parts) {
        try {
            if (e instanceof IrExpr.Global g) {
                int index = g.index().eval(values);
                parts.add(g.variable().elementName(index) + " = " + g.variable().render(e.eval(values)));
                collect(g.index(), values, parts);
            } else if (e instanceof IrExpr.Current c) {
                int index = c.index().eval(values);
                parts.add(c.variable().elementName(index) + " = " + c.variable().render(e.eval(values)));
                collect(c.index(), values, parts);
            } else if (e instanceof IrExpr.Local l && values.proc >= 0) {
                // an instance or object parameter holds an ordinal: print the name it stands for
                parts.add(e.text() + " = " + names.slotValue(program.procedure(values.proc).slots().get(l.slot()), e.eval(values)));
            } else if (e instanceof IrExpr.Local || e instanceof IrExpr.LocalElement) {
                parts.add(e.text() + " = " + e.eval(values));
            } else if (e instanceof IrExpr.Unary u) {
                collect(u.operand(), values, parts);
            } else if (e instanceof IrExpr.Binary b) {
                collect(b.left(), values, parts);
                collect(b.right(), values, parts);
            }
        } catch (IrExpr.EvaluationException ex) {
            parts.add(e.text() + " has no value (" + ex.getMessage() + ")");
        }
    }
}

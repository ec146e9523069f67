package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vmlock.findings.Finding;
import io.vmlock.findings.TraceStep;
import io.vmlock.ir.IrProgram;
import io.vmlock.verdict.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Replays a reported trace in the reference semantics, independently of how it was found: each
 * step must be a move of the named thread that prints exactly as reported, from the state the
 * previous step reached, and the last state (or step) must show the finding.
 */
final class Replay {
    private final Semantics semantics;
    private final Traces traces;

    Replay(IrProgram ir) {
        this.semantics = new Semantics(ir);
        this.traces = new Traces(new Search(semantics, false, Limits.defaults(),
                Limits.defaults().startBudget(new io.vmlock.budget.StopSignal()), io.vmlock.budget.Phase.SEARCH));
    }

    void check(Finding f, Supplier<String> what) {
        State s = semantics.initial((p, id) -> { });
        Move last = null;
        for (TraceStep step : f.trace()) {
            last = step(s, step).orElseGet(() -> fail("step " + step + " does not replay in " + what.get()));
            s = last.result();
        }
        if (f.verdict() == Verdict.DEADLOCK || f.verdict() == Verdict.HANG) {
            stuckOrLooping(s, f, what);
        } else if (last != null && last.problem().isPresent()) {
            assertEquals(f.verdict(), last.problem().get().verdict(), what);
        } else {
            assertTrue(f.verdict() == Verdict.ASSERTION && breaksInvariant(s), () -> "no finding at the end: " + what.get());
        }
    }

    private Optional<Move> step(State s, TraceStep step) {
        for (Move m : semantics.successors.of(s)) {
            if (!semantics.names.thread(m.thread()).equals(step.thread())) continue;
            if (traces.render(step.number(), s, m).equals(step)) return Optional.of(m);
        }
        return Optional.empty();
    }

    /**
     * A deadlock or hang ends where the threads that cannot move are judged so: all of them in a
     * stuck state, or, found by the livelock check, those blocked while others go round in circles
     * (where a hang may also be the circling itself).
     */
    private void stuckOrLooping(State s, Finding f, Supplier<String> what) {
        boolean[] moves = new boolean[s.threads.length];
        for (Move m : semantics.successors.of(s)) {
            if (m.kind() != Move.Kind.INTERRUPT) moves[m.thread()] = true;
        }
        List<Integer> blocked = new java.util.ArrayList<>();
        for (int t = 0; t < s.threads.length; t++) {
            if (s.threads[t].status == ThreadState.RUNNING && !moves[t]) blocked.add(t);
        }
        var judged = blocked.isEmpty() ? Optional.<Problem>empty() : semantics.waitFor.judge(s, blocked, semantics.successors);
        if (judged.isEmpty() && f.verdict() == Verdict.HANG) return;
        assertTrue(judged.isPresent(), () -> "nothing is blocked at the end of the trace: " + what.get());
        assertEquals(f.verdict(), judged.get().verdict(), what);
    }

    private boolean breaksInvariant(State s) {
        for (var inv : semantics.program.invariants()) {
            try {
                if (inv.condition().eval(new FrameValues(new int[0], s.globals)) == 0) return true;
            } catch (io.vmlock.ir.IrExpr.EvaluationException e) {
                return true;
            }
        }
        return false;
    }
}

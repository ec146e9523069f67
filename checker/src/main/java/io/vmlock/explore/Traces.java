package io.vmlock.explore;

import io.vmlock.findings.Finding;
import io.vmlock.findings.TraceStep;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.Invocation;
import io.vmlock.ir.Procedure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Rebuilds a counterexample from the parent links of the visited set: for each state on the
 * path, the successors of its parent are generated again and the first move that reaches it is
 * the step. Only the few reported traces pay for this.
 */
final class Traces {
    private final Exploration search;
    private final IrProgram program;
    private final Names names;

    Traces(Exploration search) {
        this.search = search;
        this.program = search.program;
        this.names = search.names;
    }

    Finding finding(Exploration.Found found) {
        Problem p = found.problem();
        List<TraceStep> trace = trace(found.state());
        List<String> details = new ArrayList<>(p.details());
        if (p.thread() >= 0) details.addAll(acquisitions(p, trace));
        return new Finding(p.verdict(), p.headline(), details, p.cycle(), trace, p.location());
    }

    List<TraceStep> trace(int target) {
        List<Integer> path = new ArrayList<>();
        for (int id = target; id >= 0; id = search.parent(id)) path.add(id);
        Collections.reverse(path);
        List<TraceStep> steps = new ArrayList<>();
        for (int i = 1; i < path.size(); i++) {
            steps.add(step(i, path.get(i - 1), path.get(i)));
        }
        return steps;
    }

    private TraceStep step(int number, int from, int to) {
        State s = search.state(from);
        for (Move m : search.semantics.successors.of(s)) {
            if (search.reaches(m.result(), to)) return render(number, s, m);
        }
        throw new IllegalStateException("no move from state " + from + " to " + to);
    }

    private TraceStep render(int number, State before, Move m) {
        String thread = names.thread(m.thread());
        List<String> held = names.held(m.result(), m.thread());
        List<String> stack = names.callStack(m.atOp());
        if (m.kind() == Move.Kind.INTERRUPT) {
            var irq = program.interrupts().get(m.detail());
            return new TraceStep(number, thread, "interrupt " + irq.name() + " arrives", irq.span(), stack, held);
        }
        var op = m.op().orElseThrow();
        if (m.kind() == Move.Kind.EXIT) {
            return new TraceStep(number, thread, "thread ends", op.span(), stack, held);
        }
        String text = names.op(op, m.atOp().top(), before) + outcome(m);
        return new TraceStep(number, thread, text, op.span(), stack, held);
    }

    private String outcome(Move m) {
        var op = m.op().orElseThrow();
        if (op instanceof io.vmlock.ir.Op.JournalDrain) return ": every handle has stopped";
        if (op instanceof io.vmlock.ir.Op.Acquire a && a.mode() == io.vmlock.ir.LockMode.COMMIT) return ": updates locked";
        if (op instanceof io.vmlock.ir.Op.Release r && r.mode() == io.vmlock.ir.LockMode.COMMIT) return ": updates unlocked";
        return switch (m.kind()) {
            case QUEUED -> ": waits, queued behind the holders";
            case TRY_SUCCESS -> ": succeeds";
            case TRY_FAILURE -> ": fails";
            case RECLAIM -> ": enters reclaim -> " + call(program.reclaimPaths().get(m.detail()).invocation());
            case FAULT -> ": faults -> " + call(program.mappings().get(m.detail()).fault().orElseThrow());
            default -> "";
        };
    }

    private String call(Invocation inv) {
        Procedure p = program.procedure(inv.procedure());
        FrameValues none = new FrameValues(new int[0], new int[0]);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < inv.args().size(); i++) {
            args.add(names.slotValue(p.slots().get(i), inv.args().get(i).eval(none)));
        }
        return p.name() + "(" + args.stream().collect(Collectors.joining(", ")) + ")";
    }

    /** "spinlock pte_lock was taken at step 2 (file:line:col)": where the locks a finding names came from. */
    private List<String> acquisitions(Problem p, List<TraceStep> trace) {
        List<String> lines = new ArrayList<>();
        String thread = names.thread(p.thread());
        for (String lock : p.acquired()) {
            TraceStep taken = null;
            boolean heldBefore = false;
            for (TraceStep step : trace) {
                if (!step.thread().equals(thread)) continue;
                boolean heldNow = step.heldAfter().stream().anyMatch(h -> h.equals(lock) || h.startsWith(lock + " ("));
                if (heldNow && !heldBefore) taken = step;
                heldBefore = heldNow;
            }
            if (taken != null) {
                lines.add(lock + " was taken at step " + taken.number() + " (" + taken.span().position() + ")");
            }
        }
        return lines;
    }
}

package io.vmlock.explore;

import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.StepContext;
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
        List<Taken> path = replay(found.state());
        Problem p = search.renamesThreads() ? concrete(found, path) : found.problem();
        List<TraceStep> trace = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) trace.add(render(i + 1, path.get(i).before(), path.get(i).move()));
        List<String> details = new ArrayList<>(p.details());
        if (p.thread() >= 0) details.addAll(acquisitions(p, trace));
        return new Finding(p.verdict(), p.headline(), details, p.cycle(), trace, p.location(), stackAt(p, path),
                p.blocked(), loop(found, path), p.acquired(), p.retake());
    }

    /** The steps that go round the finding's loop, numbered on from the trace, back to its last state. */
    private List<TraceStep> loop(Exploration.Found found, List<Taken> path) {
        List<TraceStep> steps = new ArrayList<>();
        State s = path.isEmpty() ? search.semantics.initial((problem, id) -> { }) : path.get(path.size() - 1).move().result();
        for (int to : found.loop()) {
            for (Move m : steps(s, to)) {
                steps.add(render(path.size() + steps.size() + 1, s, m));
                s = m.result();
            }
        }
        return steps;
    }

    /** Where the finding's thread stands at the end of the replayed run (the state that shows it). */
    private List<String> stackAt(Problem p, List<Taken> path) {
        if (p.thread() < 0) return List.of();
        State end = path.isEmpty() ? search.semantics.initial((problem, id) -> { })
                : path.get(path.size() - 1).move().result();
        return names.callStack(end.threads[p.thread()]);
    }

    /** One step of a counterexample: the state before and the move taken. */
    private record Taken(State before, Move move) {
    }

    /**
     * The moves from the initial state along the parent links. Each move is the first that reaches
     * the next stored state, taken from the state the previous move really reached: with symmetry
     * a stored state stands for its renamings, and the trace must stay one real run.
     */
    private List<Taken> replay(int target) {
        List<Integer> ids = new ArrayList<>();
        for (int id = target; id >= 0; id = search.parent(id)) ids.add(id);
        Collections.reverse(ids);
        List<Taken> path = new ArrayList<>();
        State s = search.semantics.initial((problem, id) -> { });
        for (int i = 1; i < ids.size(); i++) {
            for (Move m : steps(s, ids.get(i))) {
                path.add(new Taken(s, m));
                s = m.result();
            }
        }
        return path;
    }

    /**
     * The moves from {@code s} to the stored state {@code to}: the first move that reaches it,
     * else, where the search passed states without storing them ({@link Chains}), the first move
     * whose chain (followed by the search's own one-move choice) meets it.
     */
    private List<Move> steps(State s, int to) {
        List<Move> moves = search.semantics.successors.of(s);
        for (Move m : moves) {
            if (search.reaches(m.result(), to)) return List.of(m);
        }
        for (Move m : moves) {
            List<Move> run = new ArrayList<>(List.of(m));
            for (Move n = search.chainMove(m.result()); n != null && run.size() <= Chains.CAP;
                 n = search.chainMove(n.result())) {
                run.add(n);
                if (search.reaches(n.result(), to)) return run;
            }
        }
        throw new IllegalStateException("no move to state " + to);
    }

    /** The move from {@code s} to the stored state {@code to} that raises the problem {@code key}, or null. */
    private Move raising(State s, int to, ProblemKey key) {
        for (Move m : search.semantics.successors.of(s)) {
            if (search.reaches(m.result(), to) && m.problem().map(p -> p.key().equals(key)).orElse(false)) return m;
        }
        return null;
    }

    /** The finding as the replayed run shows it: with renamed threads, recomputed on the real last states. */
    private Problem concrete(Exploration.Found found, List<Taken> path) {
        Problem recorded = found.problem();
        if (path.isEmpty()) return recorded;
        Taken last = path.get(path.size() - 1);
        Move m = raising(last.before(), found.state(), recorded.key());
        if (m != null) return m.problem().get();
        State end = last.move().result();
        if (recorded.verdict() == io.vmlock.verdict.Verdict.DEADLOCK || recorded.verdict() == io.vmlock.verdict.Verdict.HANG) {
            List<Integer> blocked = search.blockedIn(end);
            var judged = search.semantics.waitFor.judge(end, blocked, search.semantics.successors);
            if (judged.isPresent() && judged.get().key().equals(recorded.key())) return judged.get();
        }
        for (var inv : program.invariants()) {
            Problem p = search.semantics.successors.problems().invariant(inv, end);
            if (p.key().equals(recorded.key())) return p;
        }
        return recorded;
    }

    TraceStep render(int number, State before, Move m) {
        String thread = names.thread(m.thread());
        List<HeldLock> held = names.held(m.result(), m.thread());
        List<String> stack = names.callStack(m.atOp());
        StepContext context = context(m);
        if (m.kind() == Move.Kind.INTERRUPT) {
            var irq = program.interrupts().get(m.detail());
            String text = (irq.softirq() ? "softirq " : "interrupt ") + irq.name() + " arrives";
            return new TraceStep(number, thread, text, irq.span(), stack, held, names.bodySite(m.atOp(), irq.span()),
                    context);
        }
        var op = m.op().orElseThrow();
        if (m.kind() == Move.Kind.EXIT) {
            return new TraceStep(number, thread, "thread ends", op.span(), stack, held,
                    names.bodySite(m.atOp(), op.span()), context);
        }
        String text = names.op(op, m.atOp(), before) + outcome(m);
        return new TraceStep(number, thread, text, op.span(), stack, held, names.bodySite(m.atOp(), op.span()), context);
    }

    /**
     * Interrupts and softirqs as the step leaves them (spin_lock_irq takes its lock with them off); the handler
     * or reclaim path the step ran in; whether it allocates with reclaim lockdep tracks into the
     * filesystem (lockdep_trace_alloc: __GFP_FS, direct reclaim, not PF_MEMALLOC, no NOFS scope).
     */
    private static StepContext context(Move m) {
        ThreadState at = m.atOp();
        ThreadState after = m.result().threads[m.thread()];
        boolean fsAllocation = m.op().filter(op -> op instanceof io.vmlock.ir.Op.Alloc).map(op -> {
            var gfp = ((io.vmlock.ir.Op.Alloc) op).gfp();
            return gfp.mayReclaim() && gfp.allowsFs() && gfp.lockdepSeesReclaim() && !at.noDirectReclaim()
                    && at.nofsDepth == 0;
        }).orElse(false);
        boolean irqsOn = after == null || !after.irqDisabled;
        boolean softirqsOn = after == null ? at.bhDepth == 0 : after.bhDepth == 0;
        return at.context(irqsOn, softirqsOn, fsAllocation);
    }

    private String outcome(Move m) {
        var op = m.op().orElseThrow();
        if (op instanceof io.vmlock.ir.Op.JournalDrain d) return drained(d);
        String barrier = op instanceof io.vmlock.ir.Op.Acquire a ? barrier(a.mode(), true)
                : op instanceof io.vmlock.ir.Op.Release r ? barrier(r.mode(), false) : "";
        if (!barrier.isEmpty()) return barrier;
        boolean retry = op instanceof io.vmlock.ir.Op.TryAcquire t && t.builtin().isSequenceRetry();
        if (retry) return m.kind() == Move.Kind.TRY_SUCCESS ? ": a writer began, retry" : ": no writer began, done";
        return switch (m.kind()) {
            case QUEUED -> ": waits, queued behind the holders";
            case TRY_SUCCESS -> ": succeeds";
            case TRY_FAILURE -> ": fails";
            case RECLAIM -> ": enters reclaim -> " + call(program.reclaimPaths().get(m.detail()).invocation());
            case FAULT -> ": faults -> " + call(program.mappings().get(m.detail()).fault().orElseThrow());
            default -> "";
        };
    }

    /** The barrier's second half: the shared holds it waited for are gone. */
    private static String drained(io.vmlock.ir.Op.JournalDrain d) {
        var kind = d.builtin().params().get(0).objectKind().orElseThrow();
        return switch (kind.modes()) {
            case HANDLE_COMMIT -> ": every handle has stopped";
            case READ_WRITE -> ": every reader has left";
            case REF_FREEZE -> ": every reference is put";
            case EXCLUSIVE, NONE -> throw new IllegalArgumentException(kind + " has no shared holds to drain");
        };
    }

    /** Only the commit barrier's lock and unlock have words of their own in a trace. */
    private static String barrier(io.vmlock.ir.LockMode mode, boolean taken) {
        return switch (mode) {
            case COMMIT -> taken ? ": updates locked" : ": updates unlocked";
            case MUTEX, SPIN, SPIN_IRQ, SPIN_IRQSAVE, SPIN_BH, READ, WRITE, HANDLE, HANDLE_RESERVED, PERCPU_READ, PERCPU_WRITE, BIT_SPIN, REF,
                    QUEUE_ENTER, QUEUE_FREEZE, SEQ_READ, SEQ_WRITE, SEQ_WRITE_IRQ, SEQCOUNT_READ, SEQCOUNT_WRITE, LOCK_MAP, LOCK_MAP_READ, BIT_LOCK, BIT_WAIT, BIT_SET -> "";
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
                boolean heldNow = step.heldAfter().stream()
                        .anyMatch(h -> h.lock().equals(lock) || h.text().equals(lock));
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

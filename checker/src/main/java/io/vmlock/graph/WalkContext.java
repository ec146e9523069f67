package io.vmlock.graph;

import io.vmlock.ast.SourceSpan;
import io.vmlock.ir.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One walk's fixed surroundings, and the helpers its steps share: sites, lock resolution, emission. */
final class WalkContext {
    final WalkEnv env;
    final WalkRoot root;
    final WalkSink sink;
    final SlotValueEvaluator eval;

    /** A lock an operation names, resolved in the executing frame. */
    record Resolved(LockClass lock, Instance instance) {
    }

    WalkContext(WalkEnv env, WalkRoot root, WalkSink sink, SlotValueEvaluator eval) {
        this.env = env;
        this.root = root;
        this.sink = sink;
        this.eval = eval;
    }

    Site site(SourceSpan span, WalkState s) {
        List<Frame> stack = new ArrayList<>();
        for (WalkFrame f : s.frames()) {
            f.callSite().ifPresent(call -> stack.add(new Frame(f.procedure().name(), call)));
        }
        return new Site(span, root.context(), stack);
    }

    Optional<Resolved> resolve(ObjectRef ref, WalkState s) {
        SlotValue v = eval.object(ref, s);
        if (v instanceof SlotValue.Known k) {
            if (k.value() < 0 || k.value() >= env.program.instanceCount()) return Optional.empty();
            return Optional.of(new Resolved(env.classOf(k.value()), env.instanceOf(k.value())));
        }
        if (v instanceof SlotValue.LockOf l) {
            return Optional.of(new Resolved(env.classes.get(l.lockClass()), new Instance.Unknown("?" + l.id())));
        }
        return Optional.empty();
    }

    /** Every lock held orders before {@code acquired}: one dependency from each, as lockdep adds. */
    void acquiring(WalkState s, Acquisition acquired, List<String> actors) {
        if (actors.isEmpty()) return;
        for (Held h : s.held()) {
            sink.dependency(new Dependency(h, acquired, s.held(), actors));
        }
    }

    /**
     * Locks held where a handler may arrive order before its context: a hard interrupt handler
     * that runs on this thread now, or a softirq, and takes one of them waits for the thread it
     * interrupted. A hard interrupt arrives where interrupts are on; a softirq only where, in
     * addition, bottom halves are enabled (kernel/locking/lockdep.c at 0006ebb4cad2, mark_irqflags:
     * LOCK_ENABLED_HARDIRQ when !hardirqs_off, LOCK_ENABLED_SOFTIRQ when softirqs_enabled too).
     */
    void interruptible(WalkState s, List<Held> locks, SourceSpan span) {
        for (InterruptContext handler : List.of(InterruptContext.HARDIRQ, InterruptContext.SOFTIRQ)) {
            if (mayArrive(handler, s)) orderBefore(handler, s, locks, span);
        }
    }

    /**
     * A step that unmasks interrupts or softirqs (local_irq_enable, spin_unlock_bh, ...): what is
     * still held orders before each context that could not arrive before the step and can after
     * (lockdep's mark_held_locks in trace_hardirqs_on and trace_softirqs_on).
     */
    void unmasked(WalkState before, WalkState after, SourceSpan span) {
        for (InterruptContext handler : List.of(InterruptContext.HARDIRQ, InterruptContext.SOFTIRQ)) {
            if (!mayArrive(handler, before) && mayArrive(handler, after)) orderBefore(handler, after, after.held(), span);
        }
    }

    private boolean mayArrive(InterruptContext handler, WalkState s) {
        if (!root.interrupts().mayBeInterruptedBy(handler) || s.irqsOff()) return false;
        return switch (handler) {
            case HARDIRQ -> true;
            case SOFTIRQ -> s.bhDisabled() == 0;
            case TASK -> false;
        };
    }

    private void orderBefore(InterruptContext handler, WalkState s, List<Held> locks, SourceSpan span) {
        List<String> actors = root.actors().stream().filter(env.interruptibleBy(handler)::contains).toList();
        if (actors.isEmpty()) return;
        Acquisition irq = new Acquisition(handler.pseudoLock(), Instance.SINGLE, Access.EXCLUSIVE, false, true,
                site(span, s));
        for (Held h : locks) {
            if (!h.lock().isPseudo()) sink.dependency(new Dependency(h, irq, s.held(), actors));
        }
    }

    /** Entering a context (reclaim, fault) acts as taking its pseudo-lock for a moment. */
    void enterContext(WalkState s, LockClass pseudoLock, SourceSpan span, String entry) {
        acquiring(s, new Acquisition(pseudoLock, Instance.SINGLE, Access.EXCLUSIVE, false, !s.irqsOff(),
                site(span, s), entry), root.actors());
        sink.enter(pseudoLock, root.actors());
    }
}

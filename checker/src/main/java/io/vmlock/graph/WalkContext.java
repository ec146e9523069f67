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
    final GuardExtraction guards;

    /** A lock an operation names, resolved in the executing frame. */
    record Resolved(LockClass lock, Instance instance) {
    }

    WalkContext(WalkEnv env, WalkRoot root, WalkSink sink, SlotValueEvaluator eval) {
        this.env = env;
        this.root = root;
        this.sink = sink;
        this.eval = eval;
        this.guards = new GuardExtraction(env.stableVariables, eval);
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
            sink.dependency(new Dependency(h, acquired, s.held(), s.guard(), actors));
        }
    }

    /**
     * Locks held with interrupts enabled order before the interrupt context: a handler that runs
     * on this thread now and takes one of them waits for the thread it interrupted.
     */
    void interruptible(WalkState s, List<Held> locks, SourceSpan span) {
        if (root.inIrq() || s.irqsOff()) return;
        List<String> actors = root.actors().stream().filter(env.interruptible::contains).toList();
        if (actors.isEmpty()) return;
        Acquisition irq = new Acquisition(LockClass.HARDIRQ, Instance.SINGLE, Access.EXCLUSIVE, false, true,
                site(span, s));
        for (Held h : locks) {
            if (!h.lock().isPseudo()) sink.dependency(new Dependency(h, irq, s.held(), s.guard(), actors));
        }
    }

    /** Entering a context (reclaim, fault) acts as taking its pseudo-lock for a moment. */
    void enterContext(WalkState s, LockClass pseudoLock, SourceSpan span, String entry) {
        acquiring(s, new Acquisition(pseudoLock, Instance.SINGLE, Access.EXCLUSIVE, false, !s.irqsOff(),
                site(span, s), entry), root.actors());
        sink.enter(pseudoLock, root.actors());
    }
}

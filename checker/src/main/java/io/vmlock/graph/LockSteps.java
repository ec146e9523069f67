package io.vmlock.graph;

import io.vmlock.ast.SourceSpan;
import io.vmlock.ir.LockMode;
import io.vmlock.ir.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The lock operations of the walk: acquire, trylock, release, with irq and handle nesting effects. */
final class LockSteps {
    private final WalkContext c;

    LockSteps(WalkContext context) {
        this.c = context;
    }

    List<WalkState> acquire(Op.Acquire op, WalkState s) {
        Optional<WalkContext.Resolved> r = c.resolve(op.lock(), s);
        if (r.isEmpty()) return List.of(s.at(op.next()));
        String handle = handleKey(r.get());
        if (op.mode() == LockMode.HANDLE && s.handles().getOrDefault(handle, 0) > 0) {
            return List.of(nest(s, handle, 1).at(op.next())); // a nested jbd2_journal_start just nests
        }
        if (!op.mode().shared()) c.sink.writer(r.get().lock());
        return List.of(take(s, r.get(), op.mode(), false, op.span()).at(op.next()));
    }

    List<WalkState> tryAcquire(Op.TryAcquire op, WalkState s) {
        Optional<WalkContext.Resolved> r = c.resolve(op.lock(), s);
        if (r.isEmpty()) return List.of(s.at(op.success()), s.at(op.failure()));
        return List.of(take(s, r.get(), op.mode(), true, op.span()).at(op.success()), s.at(op.failure()));
    }

    private WalkState take(WalkState s, WalkContext.Resolved r, LockMode mode, boolean trylock,
                           SourceSpan span) {
        Access access = mode.shared() ? Access.SHARED : Access.EXCLUSIVE;
        Site site = c.site(span, s);
        c.acquiring(s, new Acquisition(r.lock(), r.instance(), access, trylock, !s.irqsOff(), site), c.root.actors());
        Held held = new Held(r.lock(), r.instance(), access, site);
        List<Held> now = new ArrayList<>(s.held());
        now.add(held);
        WalkState next = s.withHeld(now);
        if (mode == LockMode.SPIN_IRQ) next = next.withIrqs(true, s.savedIrqs());
        if (mode == LockMode.SPIN_IRQSAVE) next = next.withIrqs(true, pushed(s.savedIrqs(), s.irqsOff()));
        if (mode == LockMode.HANDLE) next = nest(next, handleKey(r), 1);
        c.interruptible(next, List.of(held), span);
        return next;
    }

    List<WalkState> release(Op.Release op, WalkState s) {
        Optional<WalkContext.Resolved> r = c.resolve(op.lock(), s);
        if (r.isEmpty()) return List.of(s.at(op.next()));
        String handle = handleKey(r.get());
        if (op.mode() == LockMode.HANDLE && s.handles().getOrDefault(handle, 0) > 1) {
            return List.of(nest(s, handle, -1).at(op.next()));
        }
        WalkState next = s.withHeld(without(s.held(), r.get()));
        if (op.mode() == LockMode.HANDLE) next = nest(next, handle, -1);
        if (op.mode() == LockMode.SPIN_IRQ) next = next.withIrqs(false, s.savedIrqs());
        if (op.mode() == LockMode.SPIN_IRQSAVE) next = restored(next);
        if (s.irqsOff() && !next.irqsOff()) c.interruptible(next, next.held(), op.span());
        return List.of(next.at(op.next()));
    }

    /** local_irq_restore and spin_unlock_irqrestore: back to the state saved last. */
    static WalkState restored(WalkState s) {
        List<Boolean> saved = s.savedIrqs();
        if (saved.isEmpty()) return s.withIrqs(false, saved);
        return s.withIrqs(saved.get(saved.size() - 1), saved.subList(0, saved.size() - 1));
    }

    static List<Boolean> pushed(List<Boolean> saved, boolean off) {
        List<Boolean> copy = new ArrayList<>(saved);
        copy.add(off);
        return copy;
    }

    /** The most recent hold of that lock; an unknown instance matches the class's latest hold. */
    private static List<Held> without(List<Held> held, WalkContext.Resolved r) {
        int at = -1;
        for (int i = held.size() - 1; i >= 0 && at < 0; i--) {
            if (held.get(i).lock().equals(r.lock()) && held.get(i).instance().equals(r.instance())) at = i;
        }
        for (int i = held.size() - 1; i >= 0 && at < 0; i--) {
            boolean unknown = r.instance() instanceof Instance.Unknown
                    || held.get(i).instance() instanceof Instance.Unknown;
            if (held.get(i).lock().equals(r.lock()) && unknown) at = i;
        }
        if (at < 0) return held; // unlock-not-held is the explorer's finding, not an order
        List<Held> copy = new ArrayList<>(held);
        copy.remove(at);
        return copy;
    }

    private static String handleKey(WalkContext.Resolved r) {
        return r.lock().name() + r.instance().suffix();
    }

    private static WalkState nest(WalkState s, String key, int delta) {
        Map<String, Integer> h = new HashMap<>(s.handles());
        int depth = h.getOrDefault(key, 0) + delta;
        if (depth <= 0) h.remove(key);
        else h.put(key, depth);
        return s.withHandles(h);
    }
}

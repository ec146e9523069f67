package io.vmlock.graph;

import io.vmlock.ast.SourceSpan;
import io.vmlock.ir.LockMode;
import io.vmlock.ir.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lock operations of the lock-order walk: acquire, trylock, release, with irq and handle
 * nesting effects. Only what is held while another lock is requested matters here, so the rules
 * are simpler than the search's, but they have the same names, one per mode, as the reference
 * semantics and the compiled engine (checked by {@code LockKindRulesTest}).
 *
 * @see io.vmlock.explore.LockSteps the reference semantics of the same rules
 * @see io.vmlock.explore.system.LockRules the compiled engine's rules
 */
final class LockSteps {
    private final WalkContext c;

    LockSteps(WalkContext context) {
        this.c = context;
    }

    List<WalkState> acquire(Op.Acquire op, WalkState s) {
        Optional<WalkContext.Resolved> r = c.resolve(op.lock(), s)
                .map(in -> new WalkContext.Resolved(in.lock().nested(op.subclass()), in.instance()));
        if (r.isEmpty()) return List.of(s.at(op.next()));
        // a bit the path set itself is cleared by another thread (a read's completion): the path
        // waits for it and holds it again, with no edge of its own
        if (op.mode().kind().ownerless() && heldAgainstItself(s, r.get(), op.mode())) return List.of(s.at(op.next()));
        boolean selfDeadlock = !nestsInTheWalk(op.mode()) && heldAgainstItself(s, r.get(), op.mode());
        // the rules below see what lockdep sees: without the holds a held nest lock annotates away
        WalkState before = s;
        List<Held> nested = underNestLock(op, before, r.get());
        if (!nested.isEmpty()) s = before.withHeld(before.held().stream().filter(h -> !nested.contains(h)).toList());
        WalkState next = switch (op.mode()) {
            case MUTEX, SPIN, SPIN_IRQ, SPIN_IRQSAVE, SPIN_BH, COMMIT, PERCPU_WRITE, BIT_SPIN -> acquireExclusive(op, s, r.get());
            case SEQ_WRITE, SEQ_WRITE_IRQ, SEQCOUNT_WRITE -> acquireSequenceWrite(op, s, r.get());
            case READ -> acquireRead(op, s, r.get());
            case WRITE -> acquireWrite(op, s, r.get());
            case HANDLE -> acquireHandle(op, s, r.get());
            case HANDLE_RESERVED -> acquireReservedHandle(op, s, r.get());
            case PERCPU_READ -> acquirePercpuRead(op, s, r.get());
            case REF -> acquireRef(op, s, r.get());
            case QUEUE_ENTER, SEQ_READ, SEQCOUNT_READ -> acquireQueueEnter(op, s, r.get());
            case QUEUE_FREEZE -> acquireQueueFreeze(op, s, r.get());
            case LOCK_MAP, LOCK_MAP_READ -> acquireLockMap(op, s, r.get());
            case BIT_LOCK -> acquireBit(op, s, r.get());
            case BIT_WAIT -> waitBit(op, s, r.get());
            case BIT_SET -> setBit(op, s, r.get());
        };
        if (!nested.isEmpty()) next = next.withHeld(nestedHolds(before.held(), s.held(), next.held()));
        // the edge is recorded, but no execution gets past a thread waiting for itself: walking on
        // would only grow the held list, loop after loop, to the walk's bounds
        return selfDeadlock ? List.of() : List.of(next.at(op.next()));
    }

    /**
     * The holds of the acquired class that a held nest lock annotates away: lockdep lets a
     * *_nest_lock acquisition nest in its own class while the nest lock is held (kernel/locking/
     * lockdep.c: check_deadlock() returns 2, and __lock_acquire() folds a repeat of the class on
     * top into its references), so they order nothing before it. Without the nest lock held
     * (lockdep warns "Nested lock was not taken") the acquisition is a plain one.
     */
    private List<Held> underNestLock(Op.Acquire op, WalkState s, WalkContext.Resolved r) {
        Optional<WalkContext.Resolved> nest = op.nestLock().flatMap(n -> c.resolve(n, s));
        if (nest.isEmpty() || s.held().stream().noneMatch(h -> sameHold(h, nest.get()))) return List.of();
        return s.held().stream().filter(h -> h.lock().equals(r.lock())).toList();
    }

    private static boolean sameHold(Held h, WalkContext.Resolved r) {
        boolean unknown = h.instance() instanceof Instance.Unknown || r.instance() instanceof Instance.Unknown;
        return h.lock().sameLock(r.lock()) && (unknown || h.instance().equals(r.instance()));
    }

    /** The holds before, in their order, and whatever the acquisition added on top of the view. */
    private static List<Held> nestedHolds(List<Held> before, List<Held> view, List<Held> after) {
        List<Held> held = new ArrayList<>(before);
        held.addAll(after.subList(view.size(), after.size()));
        return held;
    }

    /** A second hold in the same path just nests: jbd2 handles, queue freezes (mq_freeze_depth). */
    private static boolean nestsInTheWalk(LockMode mode) {
        return switch (mode) {
            case HANDLE, HANDLE_RESERVED, QUEUE_FREEZE -> true;
            case MUTEX, SPIN, SPIN_IRQ, SPIN_IRQSAVE, SPIN_BH, READ, WRITE, COMMIT, PERCPU_READ, PERCPU_WRITE, BIT_SPIN, REF,
                    QUEUE_ENTER, SEQ_READ, SEQ_WRITE, SEQ_WRITE_IRQ, SEQCOUNT_READ, SEQCOUNT_WRITE, LOCK_MAP, LOCK_MAP_READ,
                    BIT_LOCK, BIT_WAIT, BIT_SET -> false;
        };
    }


    /**
     * The path already holds this very instance and this acquisition cannot share it with that
     * hold (one of them is exclusive): the thread waits for itself here. Two read holds of an
     * rwsem may share; a nested jbd2 handle just nests.
     */
    private static boolean heldAgainstItself(WalkState s, WalkContext.Resolved r, LockMode mode) {
        for (Held h : s.held()) {
            if (h.lock().sameLock(r.lock()) && h.instance().equals(r.instance())
                    && (!mode.shared() || h.access() == Access.EXCLUSIVE)) {
                return true;
            }
        }
        return false;
    }

    /** folio_lock: ordered as the page lock always was, a held exclusive lock (lockdep never sees it). */
    private WalkState acquireBit(Op.Acquire op, WalkState s, WalkContext.Resolved r) {
        return acquireExclusive(op, s, r);
    }

    /** wait_on_bit: orders after what the waiter holds, and holds nothing after. */
    private WalkState waitBit(Op.Acquire op, WalkState s, WalkContext.Resolved r) {
        return take(s, r, op.mode(), false, op.span()).withHeld(s.held());
    }

    /** folio_start_writeback never waits and is no hold in anyone's view. */
    private WalkState setBit(Op.Acquire op, WalkState s, WalkContext.Resolved r) {
        return s;
    }

    private WalkState acquireExclusive(Op.Acquire op, WalkState s, WalkContext.Resolved r) {
        c.sink.writer(r.lock());
        return take(s, r, op.mode(), false, op.span());
    }

    /** A sequence writer is held as an exclusive lock (seqcount_acquire); its readers' retries are no edge. */
    private WalkState acquireSequenceWrite(Op.Acquire op, WalkState s, WalkContext.Resolved r) {
        return acquireExclusive(op, s, r);
    }

    private WalkState acquireRead(Op.Acquire op, WalkState s, WalkContext.Resolved r) {
        return take(s, r, op.mode(), false, op.span());
    }

    /** The FIFO queue changes who waits, not what is held: a write is an exclusive hold. */
    private WalkState acquireWrite(Op.Acquire op, WalkState s, WalkContext.Resolved r) {
        return acquireExclusive(op, s, r);
    }

    /**
     * Ordered like an rwsem read (lockdep's rwsem_acquire_read on the sem's dep_map): a second
     * read of the same percpu rwsem shares; the search finds the writer that gets between them.
     */
    private WalkState acquirePercpuRead(Op.Acquire op, WalkState s, WalkContext.Resolved r) {
        return take(s, r, op.mode(), false, op.span());
    }

    /** percpu_ref_get: a percpu_ref has no lockdep map, so lockdep sees nothing. */
    private WalkState acquireRef(Op.Acquire op, WalkState s, WalkContext.Resolved r) {
        return s;
    }

    /**
     * blk_queue_enter: lockdep (6.13+) acquires q_usage_counter for read and releases it at once,
     * so what the path holds orders before the queue, and nothing orders after it. A sequence
     * reader is the same in lockdep's view (seqcount_lockdep_reader_access).
     */
    private WalkState acquireQueueEnter(Op.Acquire op, WalkState s, WalkContext.Resolved r) {
        return take(s, r, op.mode(), false, op.span()).withHeld(s.held());
    }

    /**
     * The owner's first freeze holds the queue for write, acquired as a trylock
     * (blk_freeze_acquire_lock), so nothing held orders before it; nested freezes only count.
     */
    private WalkState acquireQueueFreeze(Op.Acquire op, WalkState s, WalkContext.Resolved r) {
        String depth = "freeze:" + handleKey(r);
        if (s.handles().getOrDefault(depth, 0) > 0) return nest(s, depth, 1);
        c.sink.writer(r.lock());
        return nest(take(s, r, op.mode(), true, op.span()), depth, 1);
    }

    /**
     * A lockdep map orders like a lock, as lockdep records it. Its exclusive acquisitions are not
     * counted as writers: lock_map_acquire_read is lockdep's recursive read (read 2) whatever else
     * takes the map, so a shared request of a map is always -(*R)->.
     */
    private WalkState acquireLockMap(Op.Acquire op, WalkState s, WalkContext.Resolved r) {
        return take(s, r, op.mode(), false, op.span());
    }

    /** A nested jbd2_journal_start just nests; the first takes a shared hold. */
    private WalkState acquireHandle(Op.Acquire op, WalkState s, WalkContext.Resolved r) {
        String handle = handleKey(r);
        if (s.handles().getOrDefault(handle, 0) > 0) return nest(s, handle, 1);
        return nest(take(s, r, op.mode(), false, op.span()), handle, 1);
    }

    /**
     * jbd2_journal_start_reserved: start_this_handle's rwsem_acquire_read of j_trans_commit_map is
     * the same as for any handle, and no jbd2_might_wait_for_commit precedes it (the reserved
     * path skips wait_transaction_locked; wait_transaction_switching has none).
     */
    private WalkState acquireReservedHandle(Op.Acquire op, WalkState s, WalkContext.Resolved r) {
        return acquireHandle(op, s, r);
    }

    /** A trylock never waits, so it orders nothing, but what it takes is held after it. */
    List<WalkState> tryAcquire(Op.TryAcquire op, WalkState s) {
        Optional<WalkContext.Resolved> r = c.resolve(op.lock(), s);
        if (r.isEmpty()) return List.of(s.at(op.success()), s.at(op.failure()));
        // a trylock of what the path holds against it always fails
        if (heldAgainstItself(s, r.get(), op.mode())) return List.of(s.at(op.failure()));
        WalkState taken = switch (op.mode()) {
            case MUTEX, SPIN, BIT_SPIN, BIT_LOCK -> tryAcquireExclusive(op, s, r.get());
            case READ -> tryAcquireRead(op, s, r.get());
            case WRITE -> tryAcquireWrite(op, s, r.get());
            case PERCPU_READ -> tryAcquirePercpuRead(op, s, r.get());
            case REF -> tryAcquireRef(op, s, r.get());
            case QUEUE_ENTER -> tryAcquireQueueEnter(op, s, r.get());
            case SEQ_READ, SEQCOUNT_READ -> tryAcquireSequenceRetry(op, s, r.get());
            case SPIN_IRQ, SPIN_IRQSAVE, SPIN_BH, HANDLE, HANDLE_RESERVED, COMMIT, PERCPU_WRITE, QUEUE_FREEZE, SEQ_WRITE, SEQ_WRITE_IRQ,
                    SEQCOUNT_WRITE, LOCK_MAP, LOCK_MAP_READ, BIT_WAIT, BIT_SET -> throw new IllegalArgumentException(op.mode() + " has no trylock");
        };
        return List.of(taken.at(op.success()), s.at(op.failure()));
    }

    private WalkState tryAcquireExclusive(Op.TryAcquire op, WalkState s, WalkContext.Resolved r) {
        return take(s, r, op.mode(), true, op.span());
    }

    private WalkState tryAcquireRead(Op.TryAcquire op, WalkState s, WalkContext.Resolved r) {
        return take(s, r, op.mode(), true, op.span());
    }

    private WalkState tryAcquirePercpuRead(Op.TryAcquire op, WalkState s, WalkContext.Resolved r) {
        return take(s, r, op.mode(), true, op.span());
    }

    /** percpu_ref_tryget and percpu_ref_tryget_live have no lockdep annotation. */
    private WalkState tryAcquireRef(Op.TryAcquire op, WalkState s, WalkContext.Resolved r) {
        return s;
    }

    private WalkState tryAcquireQueueEnter(Op.TryAcquire op, WalkState s, WalkContext.Resolved r) {
        return s;
    }

    /** read_seqretry as a condition: lockdep saw the reader at read_seqbegin; retry or not, it ends. */
    private WalkState tryAcquireSequenceRetry(Op.TryAcquire op, WalkState s, WalkContext.Resolved r) {
        return s;
    }

    private WalkState tryAcquireWrite(Op.TryAcquire op, WalkState s, WalkContext.Resolved r) {
        return take(s, r, op.mode(), true, op.span());
    }

    private WalkState take(WalkState s, WalkContext.Resolved r, LockMode mode, boolean trylock, SourceSpan span) {
        Access access = mode.shared() ? Access.SHARED : Access.EXCLUSIVE;
        Site site = c.site(span, s);
        c.acquiring(s, new Acquisition(r.lock(), r.instance(), access, trylock, !s.irqsOff(), site), c.root.actors());
        Held held = new Held(r.lock(), r.instance(), access, site);
        List<Held> now = new ArrayList<>(s.held());
        now.add(held);
        WalkState next = disableIrqs(mode, s.withHeld(now), s);
        c.interruptible(next, List.of(held), span);
        return next;
    }

    private static WalkState disableIrqs(LockMode mode, WalkState next, WalkState before) {
        return switch (mode.irq()) {
            case NONE -> next;
            case DISABLE -> next.withIrqs(true, before.savedIrqs());
            case SAVE -> next.withIrqs(true, pushed(before.savedIrqs(), before.irqsOff()));
            case BH -> next.withBhDisabled(before.bhDisabled() + 1);
        };
    }

    List<WalkState> release(Op.Release op, WalkState s) {
        Optional<WalkContext.Resolved> r = c.resolve(op.lock(), s);
        if (r.isEmpty()) return List.of(s.at(op.next()));
        WalkState next = switch (op.mode()) {
            case MUTEX, SPIN, SPIN_IRQ, SPIN_IRQSAVE, SPIN_BH, WRITE, COMMIT, PERCPU_WRITE, BIT_SPIN, SEQ_WRITE, SEQ_WRITE_IRQ, SEQCOUNT_WRITE -> releaseExclusive(op, s, r.get());
            case READ, PERCPU_READ -> releaseRead(op, s, r.get());
            case HANDLE, HANDLE_RESERVED -> releaseHandle(op, s, r.get());
            case REF, QUEUE_ENTER -> releaseRef(op, s, r.get());
            case SEQ_READ, SEQCOUNT_READ -> releaseSequenceRead(op, s, r.get());
            case QUEUE_FREEZE -> releaseQueueFreeze(op, s, r.get());
            case LOCK_MAP, LOCK_MAP_READ -> releaseLockMap(op, s, r.get());
            case BIT_LOCK, BIT_WAIT, BIT_SET -> releaseBit(op, s, r.get());
        };
        return List.of(next.at(op.next()));
    }

    private WalkState releaseExclusive(Op.Release op, WalkState s, WalkContext.Resolved r) {
        return drop(op, s, r);
    }

    /** A clear by a thread that never set the bit (the completion's unlock) drops nothing. */
    private WalkState releaseBit(Op.Release op, WalkState s, WalkContext.Resolved r) {
        return drop(op, s, r);
    }

    private WalkState releaseRead(Op.Release op, WalkState s, WalkContext.Resolved r) {
        return drop(op, s, r);
    }

    /** percpu_ref_put, blk_queue_exit: nothing is held in lockdep's view (see acquireQueueEnter). */
    private WalkState releaseRef(Op.Release op, WalkState s, WalkContext.Resolved r) {
        return s;
    }

    /** A sequence reader held nothing in lockdep's view (seqcount_lockdep_reader_access). */
    private WalkState releaseSequenceRead(Op.Release op, WalkState s, WalkContext.Resolved r) {
        return s;
    }

    /** Only the last unfreeze of the path drops the write hold. */
    private WalkState releaseQueueFreeze(Op.Release op, WalkState s, WalkContext.Resolved r) {
        String depth = "freeze:" + handleKey(r);
        if (s.handles().getOrDefault(depth, 0) > 1) return nest(s, depth, -1);
        return drop(op, nest(s, depth, -1), r);
    }

    private WalkState releaseLockMap(Op.Release op, WalkState s, WalkContext.Resolved r) {
        return drop(op, s, r);
    }

    /** Only the outermost jbd2_journal_stop drops the hold. */
    private WalkState releaseHandle(Op.Release op, WalkState s, WalkContext.Resolved r) {
        String handle = handleKey(r);
        if (s.handles().getOrDefault(handle, 0) > 1) return nest(s, handle, -1);
        return drop(op, nest(s, handle, -1), r);
    }

    private WalkState drop(Op.Release op, WalkState s, WalkContext.Resolved r) {
        WalkState next = restoreIrqs(op.mode(), s.withHeld(without(s.held(), r)), s);
        c.unmasked(s, next, op.span());
        return next;
    }

    private static WalkState restoreIrqs(LockMode mode, WalkState next, WalkState before) {
        return switch (mode.irq()) {
            case NONE -> next;
            case DISABLE -> next.withIrqs(false, before.savedIrqs());
            case SAVE -> restored(next);
            case BH -> next.withBhDisabled(before.bhDisabled() - 1);
        };
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
            if (held.get(i).lock().sameLock(r.lock()) && held.get(i).instance().equals(r.instance())) at = i;
        }
        for (int i = held.size() - 1; i >= 0 && at < 0; i--) {
            boolean unknown = r.instance() instanceof Instance.Unknown
                    || held.get(i).instance() instanceof Instance.Unknown;
            if (held.get(i).lock().sameLock(r.lock()) && unknown) at = i;
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

package io.vmlock.explore;

import io.vmlock.explore.CodeContexts.Context;
import io.vmlock.ir.Op;
import io.vmlock.ir.Procedure;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which threads could clear a bit lock another thread sleeps on: from where the thread stands,
 * some path of its remaining code ({@link CodeContexts}) reaches a clear of the bit
 * (clear_bit_unlock, folio_unlock, folio_end_writeback) before any step that needs the bit clear
 * (folio_lock, wait_on_bit_lock, wait_on_bit, a folio_trylock that succeeds). A thread whose every
 * clear of the bit follows its own lock of it only unlocks a lock it would first have to take:
 * while the bit is set it cannot, so it cannot end the wait. A clear with no lock before it
 * counts: a read's completion unlocks the folio its submitter locked ("Start the actual read.
 * The read will unlock the page.", mm/filemap.c; folio_end_read() there today). A
 * folio_start_writeback does not wait for the bit, so a clear after it counts too.
 *
 * <p>A step needs the bit only when its instance is known to be the bit; a clear may be the bit
 * when its instance is the bit or unknown. So an unknown index never hides a thread that could
 * clear the bit: it may name one that could not.
 */
final class BitClears {
    /** A context's paths for one bit: one reaches a clear first, one returns without needing the bit. */
    private record Reach(boolean clears, boolean returns, Set<Context> entered) {
    }

    private record Key(Context context, int bit) {
    }

    private final CodeContexts contexts;
    private final Map<Key, Reach> summaries = new HashMap<>();

    BitClears(CodeContexts contexts) {
        this.contexts = contexts;
    }

    /** A step that clears a bit lock (which one, its reference says). */
    static boolean mayClear(Op op) {
        return op instanceof Op.Release r && r.mode().kind().ownerless();
    }

    /**
     * Whether thread {@code t} of state {@code s} could clear {@code bit} before it needs the bit
     * clear itself, in its own code or (with {@code withInterrupts}) an interrupt handler that
     * may run on it, which starts afresh wherever the thread is.
     */
    boolean canClear(State s, int t, int bit, boolean withInterrupts) {
        Set<Context> entered = new HashSet<>();
        Frame[] frames = s.threads[t].frames;
        // the top frame first; a caller goes on only if its callee can return without needing the bit
        for (int i = frames.length - 1; i >= 0; i--) {
            Reach r = walk(frames[i].proc, frames[i].pc, contexts.known(frames[i]), bit);
            if (r.clears()) return true;
            entered.addAll(r.entered());
            if (!r.returns()) break;
        }
        if (withInterrupts) entered.addAll(contexts.interrupts(t));
        return anyClears(entered, bit);
    }

    /** Whether code entered at one of {@code entries}, or at what that may enter, may clear {@code bit} before it needs it. */
    boolean anyClears(Set<Context> entries, int bit) {
        Set<Context> entered = new HashSet<>(entries);
        Deque<Context> work = new ArrayDeque<>(entered);
        while (!work.isEmpty()) {
            Reach r = summary(work.pop(), bit);
            if (r.clears()) return true;
            for (Context c : r.entered()) {
                if (entered.add(c)) work.push(c);
            }
        }
        return false;
    }

    private Reach summary(Context c, int bit) {
        Key key = new Key(c, bit);
        Reach r = summaries.get(key);
        if (r != null) return r;
        // calls do not recurse (sema's RecursionCheck); were one to, it would be taken to return
        summaries.put(key, new Reach(false, true, Set.of()));
        Procedure p = contexts.program().procedure(c.proc());
        r = walk(c.proc(), p.entry(), contexts.known(c), bit);
        summaries.put(key, r);
        return r;
    }

    /**
     * The nodes reachable from {@code pc} without passing a step that needs the bit clear: whether
     * one clears it, whether one returns, and what they enter on the way (a callee, a reclaim
     * path, a fault handler), each of which may clear it in turn.
     */
    private Reach walk(int proc, int pc, Integer[] known, int bit) {
        boolean[] clears = {false};
        boolean[] returns = {false};
        Set<Context> entered = new HashSet<>();
        contexts.walk(proc, pc, op -> {
            clears[0] |= mayClear(op) && clearsMaybe((Op.Release) op, known, bit);
            returns[0] |= op instanceof Op.Return;
            entered.addAll(contexts.sideEntries(op, known));
            return onward(op, known, bit, entered);
        });
        return new Reach(clears[0], returns[0], entered);
    }

    /** Where a path goes on from a step without having needed the bit clear. */
    private List<Integer> onward(Op op, Integer[] known, int bit) {
        if (op instanceof Op.Acquire a && a.mode().kind().ownerless() && a.mode().sleeps() && isBit(a.lock(), known, bit)) {
            return List.of(); // folio_lock, wait_on_bit: it sleeps until the bit is clear
        }
        if (op instanceof Op.TryAcquire tr && tr.mode().kind().ownerless() && isBit(tr.lock(), known, bit)) {
            return List.of(tr.failure()); // succeeding needs the bit clear
        }
        return op.successors();
    }

    private List<Integer> onward(Op op, Integer[] known, int bit, Set<Context> entered) {
        if (op instanceof Op.Call call) {
            Context callee = CodeContexts.callee(call, known);
            entered.add(callee);
            return summary(callee, bit).returns() ? List.of(call.next()) : List.of();
        }
        return onward(op, known, bit);
    }

    private boolean clearsMaybe(Op.Release r, Integer[] known, int bit) {
        BitSet may = new BitSet();
        contexts.instances(r.lock(), known, may);
        return may.get(bit);
    }

    private static boolean isBit(io.vmlock.ir.ObjectRef ref, Integer[] known, int bit) {
        Integer one = CodeContexts.instance(ref, known);
        return one != null && one == bit;
    }
}

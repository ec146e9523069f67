package io.vmlock.explore;

import io.vmlock.ast.ObjectKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A global state while it is being worked on: globals, object words ({@link Layout}) and
 * threads. Stored states are encoded by {@link StateCodec}; this form is for computing successors.
 */
final class State {
    final int[] globals;
    final int[] objects;
    final ThreadState[] threads;

    State(int[] globals, int[] objects, ThreadState[] threads) {
        this.globals = globals;
        this.objects = objects;
        this.threads = threads;
    }

    State copy() {
        ThreadState[] ts = new ThreadState[threads.length];
        for (int i = 0; i < ts.length; i++) ts[i] = threads[i].copy();
        return new State(globals.clone(), objects.clone(), ts);
    }

    /** Whether {@code thread} holds {@code instance} in any mode (lockdep_assert_held). */
    boolean holds(Layout layout, int thread, int instance) {
        ObjectKind k = layout.kind(instance);
        if (!k.isLock()) return false;
        if (layout.holder(objects[layout.owner(instance)]) == thread) return true;
        if (k.words().contains(ObjectKind.Word.FREEZE_DEPTH) && objects[layout.freezeDepth(instance, thread)] > 0) {
            return true;
        }
        return k.modes().hasShared() && objects[layout.sharedDepth(instance, thread)] > 0;
    }

    /** Threads that have frozen a percpu ref and not yet unfrozen it. */
    List<Integer> freezers(Layout layout, int instance) {
        List<Integer> f = new ArrayList<>();
        for (int t = 0; t < threads.length; t++) {
            if (objects[layout.freezeDepth(instance, t)] > 0) f.add(t);
        }
        return f;
    }

    /** The spinlocks (locks whose holding is atomic context) a thread holds, in instance order. */
    List<Integer> spinlocksHeld(Layout layout, int thread) {
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < layout.instances(); i++) {
            if (layout.kind(i).atomicWhileHeld() && layout.holder(objects[layout.owner(i)]) == thread) held.add(i);
        }
        return held;
    }

    /** Threads holding an rwsem for read. */
    List<Integer> readers(Layout layout, int instance) {
        List<Integer> r = new ArrayList<>();
        for (int t = 0; t < threads.length; t++) {
            if (objects[layout.readers(instance, t)] > 0) r.add(t);
        }
        return r;
    }

    List<Integer> queued(Layout layout, int instance) {
        List<Integer> q = new ArrayList<>();
        for (int i = 0; i < objects[layout.queueLength(instance)]; i++) q.add(objects[layout.queue(instance, i)]);
        return q;
    }

    List<Integer> handleHolders(Layout layout, int instance) {
        List<Integer> h = new ArrayList<>();
        for (int t = 0; t < threads.length; t++) {
            if (objects[layout.handles(instance, t)] > 0) h.add(t);
        }
        return h;
    }
}

package io.vmlock.explore;

import io.vmlock.explore.system.Flag;
import io.vmlock.explore.system.FrameSig;
import io.vmlock.explore.system.Position;
import io.vmlock.explore.system.ThreadSystem;
import io.vmlock.explore.system.TransitionSystem;
import io.vmlock.ir.Procedure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between the compiled search's flat field values and the reference semantics' states,
 * one for one: globals and lock words are the same numbers, a position is a thread's stack and
 * status, and frame locals live in per-depth fields (pinned parameters in the position).
 */
final class Bridge {
    private final TransitionSystem system;
    private final Layout layout;
    private final List<Map<Position.Key, Integer>> positions = new ArrayList<>();
    private final int globals;

    Bridge(TransitionSystem system, Layout layout) {
        this.system = system;
        this.layout = layout;
        this.globals = system.program().globalSlotCount();
        for (ThreadSystem t : system.threads()) {
            Map<Position.Key, Integer> byKey = new HashMap<>();
            for (Position p : t.positions()) byKey.put(p.key(), p.id());
            positions.add(byKey);
        }
    }

    State toState(int[] v) {
        int[] g = new int[globals];
        System.arraycopy(v, 0, g, 0, globals);
        int[] objects = new int[layout.objectWords];
        for (int w = 0; w < objects.length; w++) objects[w] = v[system.objectField(w)];
        ThreadState[] threads = new ThreadState[system.threads().size()];
        for (int t = 0; t < threads.length; t++) threads[t] = thread(t, v);
        return new State(g, objects, threads);
    }

    private ThreadState thread(int t, int[] v) {
        ThreadSystem ts = system.threads().get(t);
        Position p = ts.positions().get(v[ts.positionField()]);
        Frame[] frames = new Frame[p.frames().size()];
        for (int d = 0; d < frames.length; d++) {
            FrameSig f = p.frames().get(d);
            Procedure proc = system.program().procedure(f.proc());
            int[] locals = new int[proc.frameSize()];
            for (int j = 0; j < locals.length; j++) {
                int number = system.localNumber(f.proc(), j);
                if (number < 0) {
                    locals[j] = f.pinned().get(j);
                } else {
                    int field = system.localField(t, d, number);
                    locals[j] = field < 0 ? 0 : v[field];
                }
            }
            frames[d] = new Frame(f.proc(), f.pc(), f.kind(), locals);
        }
        int[] current = new int[system.program().perThreadSlotCount()];
        for (int slot = 0; slot < current.length; slot++) current[slot] = v[system.currentField(t, slot)];
        ThreadState s = new ThreadState(frames, current);
        s.status = switch (p.status()) {
            case RUNNING -> ThreadState.RUNNING;
            case FINISHED -> ThreadState.FINISHED;
            case ERROR -> ThreadState.ERROR;
        };
        s.irqDisabled = flag(v, t, Flag.IRQ) != 0;
        s.irqSaveDepth = flag(v, t, Flag.IRQ_SAVE);
        s.irqSaveBits = system.irqBits(t) < 0 ? 0 : v[system.irqBits(t)];
        s.bhDepth = flag(v, t, Flag.BH);
        s.nofsDepth = flag(v, t, Flag.NOFS);
        s.noioDepth = flag(v, t, Flag.NOIO);
        s.noreclaimDepth = flag(v, t, Flag.NORECLAIM);
        s.pagefaultDepth = flag(v, t, Flag.PAGEFAULT);
        return s;
    }

    private int flag(int[] v, int t, Flag flag) {
        int f = system.flag(t, flag);
        return f < 0 ? 0 : v[f];
    }

    /**
     * The field values of a reference state, its dead values reset as the system's commands
     * reset them ({@link TransitionSystem#resetDeadValues}); throws if the compiler never met its
     * positions (a bug).
     */
    int[] toValues(State s) {
        int[] v = new int[system.fields().size()];
        System.arraycopy(s.globals, 0, v, 0, globals);
        for (int w = 0; w < s.objects.length; w++) v[system.objectField(w)] = s.objects[w];
        for (int t = 0; t < s.threads.length; t++) thread(t, s.threads[t], v);
        system.resetDeadValues(v);
        return v;
    }

    private void thread(int t, ThreadState s, int[] v) {
        List<FrameSig> frames = new ArrayList<>();
        for (int d = 0; d < s.frames.length; d++) {
            Frame f = s.frames[d];
            Procedure proc = system.program().procedure(f.proc);
            List<Integer> pinned = new ArrayList<>();
            for (int j = 0; j < proc.paramCount(); j++) pinned.add(system.localNumber(f.proc, j) < 0 ? f.locals[j] : 0);
            frames.add(new FrameSig(f.proc, f.pc, f.kind, pinned));
            for (int j = 0; j < f.locals.length; j++) {
                int number = system.localNumber(f.proc, j);
                if (number >= 0) v[system.localField(t, d, number)] = f.locals[j];
            }
        }
        Position.Status status = s.status == ThreadState.RUNNING ? Position.Status.RUNNING
                : s.status == ThreadState.FINISHED ? Position.Status.FINISHED : Position.Status.ERROR;
        Integer p = positions.get(t).get(new Position.Key(t, status, frames));
        if (p == null) throw new IllegalStateException("thread " + t + " is at a position the compiler never met: " + frames);
        v[system.threads().get(t).positionField()] = p;
        set(v, system.flag(t, Flag.IRQ), s.irqDisabled ? 1 : 0);
        set(v, system.flag(t, Flag.IRQ_SAVE), s.irqSaveDepth);
        set(v, system.irqBits(t), s.irqSaveBits);
        set(v, system.flag(t, Flag.BH), s.bhDepth);
        set(v, system.flag(t, Flag.NOFS), s.nofsDepth);
        set(v, system.flag(t, Flag.NOIO), s.noioDepth);
        set(v, system.flag(t, Flag.NORECLAIM), s.noreclaimDepth);
        set(v, system.flag(t, Flag.PAGEFAULT), s.pagefaultDepth);
        for (int slot = 0; slot < s.current.length; slot++) v[system.currentField(t, slot)] = s.current[slot];
    }

    private static void set(int[] v, int field, int value) {
        if (field >= 0) v[field] = value;
    }
}

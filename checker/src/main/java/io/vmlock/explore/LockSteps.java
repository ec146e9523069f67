package io.vmlock.explore;

import io.vmlock.ir.LockMode;
import io.vmlock.ir.Op;

/**
 * Lock, journal and completion steps. Owners are stored as thread + 1 so 0 means free. rwsems
 * are FIFO fair for writers: a down_write that cannot take the lock joins the queue (a step of its
 * own, since later readers now block), and only the queue's head may take it when it frees.
 */
final class LockSteps {
    private final Layout layout;
    private final Problems problems;

    LockSteps(Layout layout, Problems problems, Steps steps) {
        this.layout = layout;
        this.problems = problems;
    }

    Layout layout() {
        return layout;
    }

    void acquire(Steps.Step step, State s, Op.Acquire op, int lock) {
        int me = layout.token(s.threads[step.thread], step.thread);
        int[] o = s.objects;
        int owner = o[layout.owner(lock)];
        switch (op.mode()) {
            case READ -> {
                if (owner == me) step.fail(s, problems.recursive(step, lock));
                else if (owner == 0 && o[layout.queueLength(lock)] == 0) take(step, s, op, layout.readers(lock, step.thread));
            }
            case WRITE -> write(step, s, op, lock);
            case HANDLE -> {
                int depth = layout.handles(lock, step.thread);
                if (o[depth] > 0 || owner == 0) take(step, s, op, depth);
            }
            default -> {
                if (owner == me) {
                    step.fail(s, problems.recursive(step, lock));
                } else if (owner == 0) {
                    o[layout.owner(lock)] = me;
                    if (op.mode() == LockMode.SPIN_IRQ) s.threads[step.thread].irqDisabled = true;
                    if (op.mode() == LockMode.SPIN_IRQSAVE) s.threads[step.thread].saveIrq();
                    step.proceed(s, op.next());
                }
            }
        }
    }

    private void take(Steps.Step step, State s, Op.Acquire op, int counter) {
        s.objects[counter]++;
        step.proceed(s, op.next());
    }

    private void write(Steps.Step step, State s, Op.Acquire op, int lock) {
        int me = layout.token(s.threads[step.thread], step.thread);
        int[] o = s.objects;
        if (o[layout.owner(lock)] == me || o[layout.readers(lock, step.thread)] > 0) {
            step.fail(s, problems.recursive(step, lock));
            return;
        }
        boolean free = o[layout.owner(lock)] == 0 && s.readers(layout, lock).isEmpty();
        int queued = o[layout.queueLength(lock)];
        int position = s.queued(layout, lock).indexOf(step.thread);
        if (position < 0 && free && queued == 0) {
            o[layout.owner(lock)] = me;
            step.proceed(s, op.next());
        } else if (position < 0) {
            o[layout.queue(lock, queued)] = step.thread;
            o[layout.queueLength(lock)] = queued + 1;
            step.out.add(new Move(step.thread, Move.Kind.QUEUED, -1, java.util.Optional.of(op), step.atOp, s,
                    java.util.Optional.empty()));
        } else if (position == 0 && free) {
            for (int i = 1; i < queued; i++) o[layout.queue(lock, i - 1)] = o[layout.queue(lock, i)];
            o[layout.queue(lock, queued - 1)] = 0;
            o[layout.queueLength(lock)] = queued - 1;
            o[layout.owner(lock)] = me;
            step.proceed(s, op.next());
        }
    }

    void release(Steps.Step step, State s, Op.Release op, int lock) {
        int me = layout.token(s.threads[step.thread], step.thread);
        int[] o = s.objects;
        int counter = switch (op.mode()) {
            case READ -> layout.readers(lock, step.thread);
            case HANDLE -> layout.handles(lock, step.thread);
            default -> -1;
        };
        if (counter >= 0) {
            if (o[counter] == 0) {
                step.fail(s, problems.unlockNotHeld(step, lock));
                return;
            }
            o[counter]--;
        } else {
            if (o[layout.owner(lock)] != me) {
                step.fail(s, problems.unlockNotHeld(step, lock));
                return;
            }
            o[layout.owner(lock)] = 0;
            if (op.mode() == LockMode.SPIN_IRQ) s.threads[step.thread].irqDisabled = false;
            if (op.mode() == LockMode.SPIN_IRQSAVE) s.threads[step.thread].restoreIrq();
        }
        step.proceed(s, op.next());
    }

    /** Succeeds iff the lock is free for the mode (an rwsem with queued writers is not free to read). */
    void tryAcquire(Steps.Step step, State s, Op.TryAcquire op, int lock) {
        int[] o = s.objects;
        boolean noWriter = o[layout.owner(lock)] == 0;
        boolean ok = switch (op.mode()) {
            case READ -> noWriter && o[layout.queueLength(lock)] == 0;
            case WRITE -> noWriter && o[layout.queueLength(lock)] == 0 && s.readers(layout, lock).isEmpty();
            default -> noWriter;
        };
        if (!ok) {
            step.proceed(s, op.failure(), Move.Kind.TRY_FAILURE, -1);
            return;
        }
        if (op.mode() == LockMode.READ) o[layout.readers(lock, step.thread)]++;
        else o[layout.owner(lock)] = layout.token(s.threads[step.thread], step.thread);
        step.proceed(s, op.success(), Move.Kind.TRY_SUCCESS, -1);
    }

    /** Second half of lock_updates: every handle, the caller's own too, must have stopped. */
    void drain(Steps.Step step, State s, Op.JournalDrain op, int journal) {
        if (s.handleHolders(layout, journal).isEmpty()) step.proceed(s, op.next());
    }

    void waitForCompletion(Steps.Step step, State s, Op.WaitCompletion op, int c) {
        int[] o = s.objects;
        if (o[layout.doneAll(c)] != 0) {
            step.proceed(s, op.next());
        } else if (o[layout.owner(c)] > 0) {
            o[layout.owner(c)]--;
            step.proceed(s, op.next());
        }
    }

    void signal(Steps.Step step, State s, Op.Signal op, int c) {
        int[] o = s.objects;
        switch (op.builtin()) {
            case COMPLETE -> o[layout.owner(c)] = Math.min(Steps.COMPLETION_CAP, o[layout.owner(c)] + 1);
            case COMPLETE_ALL -> o[layout.doneAll(c)] = 1;
            default -> {
                o[layout.owner(c)] = 0;
                o[layout.doneAll(c)] = 0;
            }
        }
        step.proceed(s, op.next());
    }
}

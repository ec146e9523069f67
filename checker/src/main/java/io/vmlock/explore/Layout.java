package io.vmlock.explore;

import io.vmlock.ast.ObjectKind;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.ObjectClass;

/**
 * Where each object instance keeps its words in {@link State#objects}:
 * <ul>
 * <li>mutex, spinlock: owner (thread + 1, 0 when free);</li>
 * <li>rwsem: writer (thread + 1), one reader count per thread, queue length, then the queued
 *     writers (thread ids) in FIFO order;</li>
 * <li>journal: commit barrier holder (thread + 1), one handle depth per thread;</li>
 * <li>completion: count, done-all flag.</li>
 * </ul>
 */
final class Layout {
    final IrProgram program;
    final int threads;
    private final int[] offset;
    private final ObjectKind[] kind;
    final int objectWords;

    Layout(IrProgram program) {
        this.program = program;
        this.threads = program.threads().size();
        this.offset = new int[program.instanceCount()];
        this.kind = new ObjectKind[program.instanceCount()];
        int words = 0;
        for (ObjectClass c : program.objects()) {
            for (int i : c.instances()) {
                offset[i] = words;
                kind[i] = c.kind();
                words += wordsOf(c.kind());
            }
        }
        this.objectWords = words;
    }

    private int wordsOf(ObjectKind k) {
        return switch (k) {
            case MUTEX, SPINLOCK -> 1;
            case RWSEM -> 2 * threads + 2;
            case JOURNAL -> 1 + threads;
            case COMPLETION -> 2;
        };
    }

    /**
     * Who owns an exclusive lock: thread + 1 in task context, thread + 1 + threads in an
     * interrupt handler on that thread. A handler spinning on a lock its own thread holds is then
     * waiting for another owner (the classic irq-unsafe self-deadlock), not a recursive acquire.
     */
    int token(ThreadState t, int thread) {
        return thread + 1 + (t.inInterrupt() ? threads : 0);
    }

    /** The thread behind an owner token (0 is no owner: -1). */
    int holder(int token) {
        return token == 0 ? -1 : (token - 1) % threads;
    }

    ObjectKind kind(int instance) {
        return kind[instance];
    }

    int instances() {
        return offset.length;
    }

    /** owner of a mutex/spinlock, writer of an rwsem, barrier holder of a journal, count of a completion. */
    int owner(int instance) {
        return offset[instance];
    }

    int readers(int instance, int thread) {
        return offset[instance] + 1 + thread;
    }

    int queueLength(int instance) {
        return offset[instance] + 1 + threads;
    }

    int queue(int instance, int position) {
        return offset[instance] + 2 + threads + position;
    }

    int handles(int instance, int thread) {
        return offset[instance] + 1 + thread;
    }

    int doneAll(int instance) {
        return offset[instance] + 1;
    }
}

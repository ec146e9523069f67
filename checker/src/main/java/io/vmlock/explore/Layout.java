package io.vmlock.explore;

import io.vmlock.ast.ObjectKind;
import io.vmlock.explore.system.OwnerWords;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.ObjectClass;

/**
 * Where each object instance keeps its words in {@link State#objects}, in the order and of the
 * kinds its {@link ObjectKind#words()} lists:
 * <ul>
 * <li>owner: the exclusive holder (thread + 1, 0 when free): a mutex's or spinlock's owner, an
 *     rwsem's writer, a journal's commit barrier holder;</li>
 * <li>shared depth, one per thread: rwsem readers, journal handles;</li>
 * <li>freeze depth, one per thread (percpu refs, which have no owner: the owner word stays 0);</li>
 * <li>retry flag, one per thread (sequence readers: a writer began since read_seqbegin);</li>
 * <li>queue (FIFO-fair kinds): its length, then the queued writers (thread ids) in order;</li>
 * <li>completion: count, done-all flag.</li>
 * </ul>
 * The compiled engine's {@code system.Fields} lays the same words out in the same order.
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
        int words = 0;
        for (ObjectKind.Word w : k.words()) {
            words += switch (w) {
                case OWNER, COUNT, DONE_ALL -> 1;
                case SHARED_DEPTH, FREEZE_DEPTH, RETRY -> threads;
                case QUEUE -> 1 + threads;
            };
        }
        return words;
    }

    /**
     * Who owns an exclusive lock: thread + 1 in task context, thread + 1 + threads in an
     * interrupt handler on that thread, thread + 1 + 2 * threads in a softirq (outside a hard
     * interrupt). A handler spinning on a lock its own thread (or the softirq it interrupted)
     * holds is then waiting for another owner (the classic irq-unsafe self-deadlock), not a
     * recursive acquire.
     */
    int token(ThreadState t, int thread) {
        if (t.inFrameOfKind(Frame.INTERRUPT)) return thread + 1 + threads;
        return thread + 1 + (t.inFrameOfKind(Frame.SOFTIRQ) ? 2 * threads : 0);
    }

    /** The thread behind an owner token (0 is no owner: -1). */
    int holder(int token) {
        return OwnerWords.holder(token, threads);
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

    /** How deep a thread holds the shared mode: rwsem read depth, journal handle depth. */
    int sharedDepth(int instance, int thread) {
        return offset[instance] + 1 + thread;
    }

    /** How deep a thread has frozen a percpu ref (after the reference depths). */
    int freezeDepth(int instance, int thread) {
        return offset[instance] + 1 + threads + thread;
    }

    /** A sequence reader's retry flag (after the reader depths; a seqlock has no freeze depth). */
    int retry(int instance, int thread) {
        return offset[instance] + 1 + threads + thread;
    }

    int readers(int instance, int thread) {
        return sharedDepth(instance, thread);
    }

    int queueLength(int instance) {
        return offset[instance] + 1 + threads;
    }

    int queue(int instance, int position) {
        return offset[instance] + 2 + threads + position;
    }

    int handles(int instance, int thread) {
        return sharedDepth(instance, thread);
    }

    int doneAll(int instance) {
        return offset[instance] + 1;
    }
}

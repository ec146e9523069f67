package io.vmlock.ast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of synchronisation object a scenario declares, and the one table of their facts
 * that every phase reads: how holders share it ({@link Modes}), what a waiter does
 * ({@link Waiting}: sleep, sleep in FIFO order, or spin), and from those what it needs in a
 * search state ({@link #words()}), whether it joins the lock-order graph ({@link #isLock()}) and
 * whether holding it is atomic context. {@code ir.LockMode} (the acquisition modes),
 * {@code ArgKind} and {@code graph.LockKind} take their facts from here.
 *
 * <p>An enum with a few typed facts rather than a sealed interface: the kinds are a closed list
 * the grammar spells, the facts are data (not behaviour), and the rules that differ per kind
 * live in the phases as exhaustive {@code switch} expressions over this enum, {@link Modes} or
 * {@code LockMode} (no {@code default}), so the compiler lists every rule a new kind needs.
 *
 * <p><b>Adding a kind</b> (measured with a throw-away {@code SEQLOCK} and its {@code SEQ_WRITE}
 * mode). Written by hand, with no compiler to remind you: the keyword in
 * {@code grammar/VmLock.g4} ({@code objectKind} and a token); a constant here; its
 * {@code ArgKind}; its builtins in {@code BuiltinOp}; its modes in {@code ir.LockMode}. Then
 * the compiler fails in 5 files, every place that needs a rule for the new mode:
 * <ul>
 * <li>{@code ir/LockMode} (whether the mode nests, whether it drains shared holds);</li>
 * <li>{@code explore/LockSteps} (reference semantics: acquire, release, tryAcquire);</li>
 * <li>{@code explore/system/LockRules} (compiled engine: the same three rules);</li>
 * <li>{@code graph/LockSteps} (lock-order walk: the same three rules);</li>
 * <li>{@code explore/Traces} (what a trace says after the operation).</li>
 * </ul>
 * A new kind also fails in this file ({@link #readersBlockWriters()}) and in
 * {@code lockorder/OrderText} (the advice for a class nested in itself).
 * A kind whose holders share it in a new way (a new {@link Modes} value) also fails in this
 * file, {@code explore/Blocker}, {@code explore/Names} and {@code explore/system/Fields} (9
 * files); a new {@link Word} in {@code explore/Layout}, {@code explore/Symmetry} and
 * {@code explore/system/Fields}. Tests
 * then ask for the rest: {@code LockKindRulesTest} runs every mode through the three rule sets
 * and the two engines against each other, and the examples' coverage tests want an example
 * declaring the kind. A kind nobody waits on ({@link Waiting#NEVER}, the lockdep map) is judged
 * by {@code LockKindRulesTest}'s non-blocking category, and {@code graph.LockKind#excludesHolders}
 * keeps it from counting as a gate lock.
 */
public enum ObjectKind {
    /** mutex (and page lock): one holder, waiters sleep. */
    MUTEX("mutex", "a mutex", Modes.EXCLUSIVE, Waiting.SLEEPS),
    /** spinlock: one holder, waiters spin; holding it is atomic context; _irq and _irqsave variants. */
    SPINLOCK("spinlock", "a spinlock", Modes.EXCLUSIVE, Waiting.SPINS),
    /** rwsem: readers share it, a writer excludes all; a queued writer blocks later readers. */
    RWSEM("rwsem", "an rwsem", Modes.READ_WRITE, Waiting.SLEEPS_FIFO),
    /** jbd2 journal: handles share (and nest), the commit barrier excludes and drains them. */
    JOURNAL("journal", "a journal", Modes.HANDLE_COMMIT, Waiting.SLEEPS),
    /** completion: an event, not a lock; a waiter sleeps until it is completed. */
    COMPLETION("completion", "a completion", Modes.NONE, Waiting.SLEEPS),
    /**
     * percpu rw-semaphore (sb_writers levels, s_writepages_rwsem): readers share it; a writer
     * first blocks new readers, then waits for the readers already in to leave. Waiters are not
     * queued in an order that binds: a woken waiter retries and may be overtaken (Linux 5.8's
     * percpu_rwsem_wait, "can get stolen"), so waiters sleep in no particular order.
     */
    PERCPU_RWSEM("percpu_rwsem", "a percpu rwsem", Modes.READ_WRITE, Waiting.SLEEPS),
    /**
     * bit spinlock (bit_spin_lock(bitnum, addr): hlist_bl heads, zram slots): one holder, waiters
     * spin, preemption is off while held (atomic context), interrupts stay on; no owner check, so
     * taking it again spins forever (include/linux/bit_spinlock.h).
     */
    BIT_SPINLOCK("bit_spinlock", "a bit spinlock", Modes.EXCLUSIVE, Waiting.SPINS),
    /**
     * percpu_ref, as the request queue's q_usage_counter uses it (include/linux/percpu-refcount.h,
     * block/blk-mq.c): references share it and never wait; entering the queue waits while it is
     * frozen; a freeze kills it (the freeze depth nests, across threads too) and waits for every
     * reference to be put. Freezers are counted per thread, so nobody is its one owner.
     */
    PERCPU_REF("percpu_ref", "a percpu ref", Modes.REF_FREEZE, Waiting.SLEEPS),
    /**
     * lockdep map ({@code struct lockdep_map}: the workqueue and work-item maps): a
     * pseudo-lock only lockdep sees. lock_map_acquire is an exclusive acquisition, lock_map_acquire_read
     * a recursive-read one (include/linux/lockdep.h: read 0 and 2); nobody ever waits on it, so in
     * the search it is never held (its words stay 0), while the lock-order graph orders it like any lock.
     */
    LOCKDEP_MAP("lockdep_map", "a lockdep map", Modes.READ_WRITE, Waiting.NEVER),
    /**
     * seqlock_t (include/linux/seqlock.h): write_seqlock is spin_lock plus write_seqcount_begin,
     * so a writer excludes writers and is atomic context; a reader never blocks the writer, but
     * read_seqbegin spins while a write is in progress, so a reader that interrupted the writer
     * spins forever. read_seqretry ends the read section; as a condition it says retry when a
     * writer began since read_seqbegin (read_seqcount_retry: s->sequence != start).
     */
    SEQLOCK("seqlock", "a seqlock", Modes.READ_WRITE, Waiting.SPINS),
    /**
     * seqcount_t: a seqlock without its spinlock; its writers must be serialized by the caller
     * and non-preemptible, so the model lets one writer in at a time and a write section is
     * atomic context. Readers as a seqlock's.
     */
    SEQCOUNT("seqcount", "a seqcount", Modes.READ_WRITE, Waiting.SPINS),
    /**
     * A sleeping lock bit with no owner (PG_locked, PG_writeback; wait_on_bit_lock /
     * clear_bit_unlock): whoever set it, any thread may clear it (I/O completion unlocks a folio
     * its reader locked), and a waiter sleeps until someone does (include/linux/wait_bit.h,
     * mm/filemap.c folio_wait_bit_common). Lockdep has no map for it.
     */
    BIT_LOCK("bit_lock", "a bit lock", Modes.EXCLUSIVE, Waiting.SLEEPS);

    /** How holders share an object: the modes it can be held in. */
    public enum Modes {
        /** One holder at a time. */
        EXCLUSIVE(Optional.empty()),
        /** Readers share, a writer excludes (lockdep's read and write). */
        READ_WRITE(Optional.of(new Words("read", "write"))),
        /** jbd2: handles share and nest, the commit barrier excludes (lockdep's jbd2_handle). */
        HANDLE_COMMIT(Optional.of(new Words("handle", "commit"))),
        /**
         * percpu_ref: references share it; freezes share it with each other (a freeze depth per
         * thread) and exclude new entries, then wait for the references to be put.
         */
        REF_FREEZE(Optional.of(new Words("ref", "frozen"))),
        /** Nobody holds it: an event. */
        NONE(Optional.empty());

        private final Optional<Words> words;

        Modes(Optional<Words> words) {
            this.words = words;
        }

        /** The words for the shared and the exclusive hold, for kinds with both. */
        public Optional<Words> words() {
            return words;
        }

        /** Some mode is shared: the state keeps a depth of shared holds per thread. */
        public boolean hasShared() {
            return words.isPresent();
        }
    }

    /** How a kind's two modes are called, in labels and messages. */
    public record Words(String shared, String exclusive) {
        public String of(boolean sharedHold) {
            return sharedHold ? shared : exclusive;
        }
    }

    /** What a thread does while it cannot have the object. */
    public enum Waiting {
        /** It sleeps; waiters are woken in no particular order. */
        SLEEPS,
        /** It sleeps in a FIFO queue: a queued writer blocks readers that come after it (rwsem). */
        SLEEPS_FIFO,
        /** It spins: acquiring never sleeps, and holding the lock is atomic context. */
        SPINS,
        /** It never waits: an annotation for lockdep (a lockdep map), not a lock anyone blocks on. */
        NEVER
    }

    /** One kind of word an instance keeps in a search state, in this order. */
    public enum Word {
        /** The exclusive holder's token (thread + 1; 0 when free). */
        OWNER,
        /** Per thread, how deep it holds the shared mode (rwsem readers, jbd2 handles). */
        SHARED_DEPTH,
        /** Per thread, how deep it has frozen a percpu ref (blk-mq's mq_freeze_depth, split by thread). */
        FREEZE_DEPTH,
        /**
         * Per thread, a sequence reader's retry flag: 1 when a writer began since its
         * read_seqbegin (the sequence it read has moved on), so read_seqretry says retry.
         */
        RETRY,
        /** The FIFO queue: its length, then a thread id per position. */
        QUEUE,
        /** A completion's count of complete() calls not yet waited for. */
        COUNT,
        /** A completion's complete_all flag. */
        DONE_ALL
    }

    private final String keyword;
    private final String description;
    private final Modes modes;
    private final Waiting waiting;

    ObjectKind(String keyword, String description, Modes modes, Waiting waiting) {
        this.keyword = keyword;
        this.description = description;
        this.modes = modes;
        this.waiting = waiting;
    }

    public String keyword() {
        return keyword;
    }

    /** "a mutex", "an rwsem": what a message says an argument must be. */
    public String description() {
        return description;
    }

    public Modes modes() {
        return modes;
    }

    public Waiting waiting() {
        return waiting;
    }

    /** Locks join the lock-order graph (one class per declaration); completions are events. */
    public boolean isLock() {
        return switch (modes) {
            case EXCLUSIVE, READ_WRITE, HANDLE_COMMIT, REF_FREEZE -> true;
            case NONE -> false;
        };
    }

    /** Acquiring (or waiting for) it may sleep. */
    public boolean maySleep() {
        return switch (waiting) {
            case SLEEPS, SLEEPS_FIFO -> true;
            case SPINS, NEVER -> false;
        };
    }

    /** Acquiring it may have to wait for a holder (every lock but a lockdep annotation). */
    public boolean blocks() {
        return switch (waiting) {
            case SLEEPS, SLEEPS_FIFO, SPINS -> true;
            case NEVER -> false;
        };
    }

    /** Holding it is atomic context (a spinlock): sleeping there is a bug. */
    public boolean atomicWhileHeld() {
        return switch (waiting) {
            case SPINS -> true;
            case SLEEPS, SLEEPS_FIFO, NEVER -> false;
        };
    }

    /** It has _irq and _irqsave variants that also disable interrupts (spinlocks). */
    public boolean hasIrqVariants() {
        return atomicWhileHeld();
    }

    /** A writer waits for the readers (or its drain does); a sequence writer never does. */
    public boolean readersBlockWriters() {
        return switch (this) {
            case SEQLOCK, SEQCOUNT, LOCKDEP_MAP -> false; // nobody waits on a map at all
            case MUTEX, SPINLOCK, RWSEM, JOURNAL, COMPLETION, PERCPU_RWSEM, BIT_SPINLOCK, PERCPU_REF, BIT_LOCK -> true;
        };
    }

    /** Its readers retry when a writer began during their read section (read_seqretry). */
    public boolean sequenceReaders() {
        return switch (this) {
            case SEQLOCK, SEQCOUNT -> true;
            case MUTEX, SPINLOCK, RWSEM, JOURNAL, COMPLETION, PERCPU_RWSEM, BIT_SPINLOCK, PERCPU_REF, BIT_LOCK,
                    LOCKDEP_MAP -> false;
        };
    }

    /**
     * No thread owns it: any thread may release it, and one that ends with it set holds nothing
     * (a bit lock a read's completion clears).
     */
    public boolean ownerless() {
        return this == BIT_LOCK;
    }

    /** Waiters queue in FIFO order (rwsem writers). */
    public boolean fifoFair() {
        return switch (waiting) {
            case SLEEPS_FIFO -> true;
            case SLEEPS, SPINS, NEVER -> false;
        };
    }

    /** The kinds of word an instance keeps in a search state, in order. */
    public List<Word> words() {
        if (!isLock()) return List.of(Word.COUNT, Word.DONE_ALL);
        List<Word> words = new ArrayList<>(List.of(Word.OWNER));
        if (modes.hasShared()) words.add(Word.SHARED_DEPTH);
        if (modes == Modes.REF_FREEZE) words.add(Word.FREEZE_DEPTH);
        if (sequenceReaders()) words.add(Word.RETRY);
        if (fifoFair()) words.add(Word.QUEUE);
        return List.copyOf(words);
    }

    public static Optional<ObjectKind> byKeyword(String keyword) {
        return Arrays.stream(values()).filter(k -> k.keyword.equals(keyword)).findFirst();
    }
}

package io.vmlock.ast;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The builtin operations, named as in the kernel. The front end recognises them by name; the
 * table says what each takes, so arity and argument checks need no per-operation code.
 */
public enum BuiltinOp {
    // mutexes (and page locks, which are modelled as per-page mutexes)
    MUTEX_LOCK("mutex_lock", Category.ACQUIRE, ArgKind.MUTEX),
    MUTEX_UNLOCK("mutex_unlock", Category.RELEASE, ArgKind.MUTEX),
    MUTEX_TRYLOCK("mutex_trylock", Category.TRYLOCK, ArgKind.MUTEX),
    // spinlocks
    SPIN_LOCK("spin_lock", Category.ACQUIRE, ArgKind.SPINLOCK),
    SPIN_UNLOCK("spin_unlock", Category.RELEASE, ArgKind.SPINLOCK),
    SPIN_LOCK_IRQ("spin_lock_irq", Category.ACQUIRE, ArgKind.SPINLOCK),
    SPIN_UNLOCK_IRQ("spin_unlock_irq", Category.RELEASE, ArgKind.SPINLOCK),
    SPIN_LOCK_IRQSAVE("spin_lock_irqsave", Category.ACQUIRE, ArgKind.SPINLOCK),
    SPIN_UNLOCK_IRQRESTORE("spin_unlock_irqrestore", Category.RELEASE, ArgKind.SPINLOCK),
    SPIN_LOCK_BH("spin_lock_bh", Category.ACQUIRE, ArgKind.SPINLOCK),
    SPIN_UNLOCK_BH("spin_unlock_bh", Category.RELEASE, ArgKind.SPINLOCK),
    SPIN_TRYLOCK("spin_trylock", Category.TRYLOCK, ArgKind.SPINLOCK),
    // rwsems (mmap_lock, i_rwsem, i_mmap_rwsem, ...)
    DOWN_READ("down_read", Category.ACQUIRE, ArgKind.RWSEM),
    UP_READ("up_read", Category.RELEASE, ArgKind.RWSEM),
    DOWN_WRITE("down_write", Category.ACQUIRE, ArgKind.RWSEM),
    UP_WRITE("up_write", Category.RELEASE, ArgKind.RWSEM),
    DOWN_READ_TRYLOCK("down_read_trylock", Category.TRYLOCK, ArgKind.RWSEM),
    DOWN_WRITE_TRYLOCK("down_write_trylock", Category.TRYLOCK, ArgKind.RWSEM),
    // percpu rw-semaphores (sb_writers levels, s_writepages_rwsem, cpu_hotplug_lock)
    PERCPU_DOWN_READ("percpu_down_read", Category.ACQUIRE, ArgKind.PERCPU_RWSEM),
    PERCPU_UP_READ("percpu_up_read", Category.RELEASE, ArgKind.PERCPU_RWSEM),
    PERCPU_DOWN_WRITE("percpu_down_write", Category.ACQUIRE, ArgKind.PERCPU_RWSEM),
    PERCPU_UP_WRITE("percpu_up_write", Category.RELEASE, ArgKind.PERCPU_RWSEM),
    PERCPU_DOWN_READ_TRYLOCK("percpu_down_read_trylock", Category.TRYLOCK, ArgKind.PERCPU_RWSEM),
    // bit spinlocks: a lock bit in a word, taken with preemption off
    BIT_SPIN_LOCK("bit_spin_lock", Category.ACQUIRE, ArgKind.BIT_SPINLOCK),
    BIT_SPIN_UNLOCK("bit_spin_unlock", Category.RELEASE, ArgKind.BIT_SPINLOCK),
    BIT_SPIN_TRYLOCK("bit_spin_trylock", Category.TRYLOCK, ArgKind.BIT_SPINLOCK),
    // percpu refs (lib/percpu-refcount.c) and the request queue's q_usage_counter (block/blk-mq.c,
    // block/blk-core.c): a reference never waits; entering the queue waits while it is frozen;
    // freezing kills the ref (freeze depth nests) and waits for it to reach zero
    PERCPU_REF_GET("percpu_ref_get", Category.ACQUIRE, ArgKind.PERCPU_REF),
    PERCPU_REF_PUT("percpu_ref_put", Category.RELEASE, ArgKind.PERCPU_REF),
    PERCPU_REF_TRYGET("percpu_ref_tryget", Category.TRYLOCK, ArgKind.PERCPU_REF),
    PERCPU_REF_TRYGET_LIVE("percpu_ref_tryget_live", Category.TRYLOCK, ArgKind.PERCPU_REF),
    BLK_QUEUE_ENTER("blk_queue_enter", Category.ACQUIRE, ArgKind.PERCPU_REF),
    BLK_QUEUE_EXIT("blk_queue_exit", Category.RELEASE, ArgKind.PERCPU_REF),
    BLK_MQ_FREEZE_QUEUE("blk_mq_freeze_queue", Category.ACQUIRE, ArgKind.PERCPU_REF),
    BLK_MQ_UNFREEZE_QUEUE("blk_mq_unfreeze_queue", Category.RELEASE, ArgKind.PERCPU_REF),
    // lockdep pseudo-locks (include/linux/lockdep.h): exclusive and recursive-read, never waited on
    LOCK_MAP_ACQUIRE("lock_map_acquire", Category.ACQUIRE, ArgKind.LOCKDEP_MAP),
    LOCK_MAP_ACQUIRE_READ("lock_map_acquire_read", Category.ACQUIRE, ArgKind.LOCKDEP_MAP),
    LOCK_MAP_RELEASE("lock_map_release", Category.RELEASE, ArgKind.LOCKDEP_MAP),
    // seqlock_t and seqcount_t (include/linux/seqlock.h): a writer excludes writers and is atomic
    // context; a reader never blocks the writer but spins in read_seqbegin while a write is in
    // progress (the sequence is odd)
    READ_SEQBEGIN("read_seqbegin", Category.ACQUIRE, ArgKind.SEQLOCK),
    READ_SEQRETRY("read_seqretry", Category.RELEASE, ArgKind.SEQLOCK),
    WRITE_SEQLOCK("write_seqlock", Category.ACQUIRE, ArgKind.SEQLOCK),
    WRITE_SEQUNLOCK("write_sequnlock", Category.RELEASE, ArgKind.SEQLOCK),
    WRITE_SEQLOCK_IRQ("write_seqlock_irq", Category.ACQUIRE, ArgKind.SEQLOCK),
    WRITE_SEQUNLOCK_IRQ("write_sequnlock_irq", Category.RELEASE, ArgKind.SEQLOCK),
    READ_SEQCOUNT_BEGIN("read_seqcount_begin", Category.ACQUIRE, ArgKind.SEQCOUNT),
    READ_SEQCOUNT_RETRY("read_seqcount_retry", Category.RELEASE, ArgKind.SEQCOUNT),
    WRITE_SEQCOUNT_BEGIN("write_seqcount_begin", Category.ACQUIRE, ArgKind.SEQCOUNT),
    WRITE_SEQCOUNT_END("write_seqcount_end", Category.RELEASE, ArgKind.SEQCOUNT),
    // bit locks and bit waits (include/linux/wait_bit.h, mm/filemap.c, mm/page-writeback.c): a
    // sleeping lock bit with no owner; the folio's PG_locked and PG_writeback are such bits
    WAIT_ON_BIT_LOCK("wait_on_bit_lock", Category.ACQUIRE, ArgKind.BIT_LOCK),
    CLEAR_BIT_UNLOCK("clear_bit_unlock", Category.RELEASE, ArgKind.BIT_LOCK),
    WAIT_ON_BIT("wait_on_bit", Category.ACQUIRE, ArgKind.BIT_LOCK),
    FOLIO_LOCK("folio_lock", Category.ACQUIRE, ArgKind.BIT_LOCK),
    FOLIO_UNLOCK("folio_unlock", Category.RELEASE, ArgKind.BIT_LOCK),
    FOLIO_TRYLOCK("folio_trylock", Category.TRYLOCK, ArgKind.BIT_LOCK),
    FOLIO_WAIT_LOCKED("folio_wait_locked", Category.ACQUIRE, ArgKind.BIT_LOCK),
    FOLIO_START_WRITEBACK("folio_start_writeback", Category.ACQUIRE, ArgKind.BIT_LOCK),
    FOLIO_END_WRITEBACK("folio_end_writeback", Category.RELEASE, ArgKind.BIT_LOCK),
    FOLIO_WAIT_WRITEBACK("folio_wait_writeback", Category.ACQUIRE, ArgKind.BIT_LOCK),
    // lockdep subclasses: the same acquisitions, in another class for the lock-order graph only
    MUTEX_LOCK_NESTED("mutex_lock_nested", Category.ACQUIRE, ArgKind.MUTEX, ArgKind.SUBCLASS),
    SPIN_LOCK_NESTED("spin_lock_nested", Category.ACQUIRE, ArgKind.SPINLOCK, ArgKind.SUBCLASS),
    DOWN_READ_NESTED("down_read_nested", Category.ACQUIRE, ArgKind.RWSEM, ArgKind.SUBCLASS),
    DOWN_WRITE_NESTED("down_write_nested", Category.ACQUIRE, ArgKind.RWSEM, ArgKind.SUBCLASS),
    // lockdep nest locks: the same acquisitions; many locks of one class nest under the nest lock (lockdep.h *_acquire_nest)
    MUTEX_LOCK_NEST_LOCK("mutex_lock_nest_lock", Category.ACQUIRE, ArgKind.MUTEX, ArgKind.NEST_LOCK),
    SPIN_LOCK_NEST_LOCK("spin_lock_nest_lock", Category.ACQUIRE, ArgKind.SPINLOCK, ArgKind.NEST_LOCK),
    DOWN_WRITE_NEST_LOCK("down_write_nest_lock", Category.ACQUIRE, ArgKind.RWSEM, ArgKind.NEST_LOCK),
    // jbd2: handles are shared holds of the journal, a commit is the exclusive barrier
    JOURNAL_START("jbd2_journal_start", Category.ACQUIRE, ArgKind.JOURNAL),
    JOURNAL_STOP("jbd2_journal_stop", Category.RELEASE, ArgKind.JOURNAL),
    // a reserved handle (jbd2_journal_start_reserved): joins a locked transaction, stopped by jbd2_journal_stop
    JOURNAL_START_RESERVED("jbd2_journal_start_reserved", Category.ACQUIRE, ArgKind.JOURNAL),
    JOURNAL_LOCK_UPDATES("jbd2_journal_lock_updates", Category.ACQUIRE, ArgKind.JOURNAL),
    JOURNAL_UNLOCK_UPDATES("jbd2_journal_unlock_updates", Category.RELEASE, ArgKind.JOURNAL),
    JOURNAL_FORCE_COMMIT("jbd2_journal_force_commit", Category.WAIT, ArgKind.JOURNAL),
    // completions and wait queues
    WAIT_FOR_COMPLETION("wait_for_completion", Category.WAIT, ArgKind.COMPLETION),
    COMPLETE("complete", Category.SIGNAL, ArgKind.COMPLETION),
    COMPLETE_ALL("complete_all", Category.SIGNAL, ArgKind.COMPLETION),
    REINIT_COMPLETION("reinit_completion", Category.SIGNAL, ArgKind.COMPLETION),
    WAIT_EVENT("wait_event", Category.WAIT, ArgKind.CONDITION),
    // workqueues (kernel/workqueue.c): queue a work item, wait for it, cancel it, wait for a workqueue
    QUEUE_WORK("queue_work", Category.WORKQUEUE, ArgKind.WORKQUEUE, ArgKind.WORK),
    FLUSH_WORK("flush_work", Category.WORKQUEUE, ArgKind.WORK),
    CANCEL_WORK_SYNC("cancel_work_sync", Category.WORKQUEUE, ArgKind.WORK),
    FLUSH_WORKQUEUE("flush_workqueue", Category.WORKQUEUE, ArgKind.WORKQUEUE),
    // memory allocation and reclaim scopes
    ALLOC("alloc", Category.ALLOC, ArgKind.GFP),
    KMALLOC("kmalloc", Category.ALLOC, ArgKind.GFP),
    ALLOC_PAGE("alloc_page", Category.ALLOC, ArgKind.GFP),
    MEMALLOC_NOFS_SAVE("memalloc_nofs_save", Category.SCOPE),
    MEMALLOC_NOFS_RESTORE("memalloc_nofs_restore", Category.SCOPE),
    MEMALLOC_NOIO_SAVE("memalloc_noio_save", Category.SCOPE),
    MEMALLOC_NOIO_RESTORE("memalloc_noio_restore", Category.SCOPE),
    MEMALLOC_NORECLAIM_SAVE("memalloc_noreclaim_save", Category.SCOPE),
    MEMALLOC_NORECLAIM_RESTORE("memalloc_noreclaim_restore", Category.SCOPE),
    // pagefault_disable() scopes (include/linux/uaccess.h): a depth per thread
    // (current->pagefault_disabled); arch/x86/mm/fault.c do_user_addr_fault() takes no fault
    // while faulthandler_disabled(), so a user copy in the scope comes back short instead
    PAGEFAULT_DISABLE("pagefault_disable", Category.SCOPE),
    PAGEFAULT_ENABLE("pagefault_enable", Category.SCOPE),
    // user copies, which may fault into the buffer's mapping
    COPY_FROM_USER("copy_from_user", Category.USER_COPY, ArgKind.MAPPING),
    COPY_TO_USER("copy_to_user", Category.USER_COPY, ArgKind.MAPPING),
    // interrupts
    LOCAL_IRQ_DISABLE("local_irq_disable", Category.IRQ),
    LOCAL_IRQ_ENABLE("local_irq_enable", Category.IRQ),
    LOCAL_IRQ_SAVE("local_irq_save", Category.IRQ),
    LOCAL_IRQ_RESTORE("local_irq_restore", Category.IRQ),
    LOCAL_BH_DISABLE("local_bh_disable", Category.IRQ),
    LOCAL_BH_ENABLE("local_bh_enable", Category.IRQ),
    // checks
    MIGHT_SLEEP("might_sleep", Category.CHECK),
    ASSERT("assert", Category.CHECK, ArgKind.CONDITION),
    BUG_ON("BUG_ON", Category.CHECK, ArgKind.CONDITION),
    LOCKDEP_ASSERT_HELD("lockdep_assert_held", Category.CHECK, ArgKind.ANY_LOCK),
    /** lockdep only: an exclusive acquisition and release of the lock's map, never the lock (include/linux/lockdep.h). */
    MIGHT_LOCK("might_lock", Category.CHECK, ArgKind.ANY_LOCK),
    /** lockdep only: might_lock's read-1 form, a shared acquisition and release of the lock's map (include/linux/lockdep.h). */
    MIGHT_LOCK_READ("might_lock_read", Category.CHECK, ArgKind.READ_LOCK),
    /**
     * lockdep only, in init: puts a lock (instance) in the class a key names (include/linux/lockdep.h:
     * lockdep_init_map(&(lock)->dep_map, #key, key, 0)), for the lock-order graph; the search sees instances.
     */
    LOCKDEP_SET_CLASS("lockdep_set_class", Category.CHECK, ArgKind.ANY_LOCK, ArgKind.CLASS_KEY);

    /** Broad groups, for passes that treat a whole group alike. */
    public enum Category { ACQUIRE, RELEASE, TRYLOCK, WAIT, SIGNAL, WORKQUEUE, ALLOC, SCOPE, USER_COPY, IRQ, CHECK }

    private static final Map<String, BuiltinOp> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(BuiltinOp::spelling, Function.identity()));

    private final String spelling;
    private final Category category;
    private final List<ArgKind> params;

    BuiltinOp(String spelling, Category category, ArgKind... params) {
        this.spelling = spelling;
        this.category = category;
        this.params = List.of(params);
    }

    public String spelling() {
        return spelling;
    }

    public Category category() {
        return category;
    }

    public List<ArgKind> params() {
        return params;
    }

    /**
     * The acquisition a lockdep annotation annotates: {@code mutex_lock} for
     * {@code mutex_lock_nested} and {@code mutex_lock_nest_lock}; every other builtin is its own.
     */
    public BuiltinOp plain() {
        String suffix = params.contains(ArgKind.SUBCLASS) ? "_nested" : params.contains(ArgKind.NEST_LOCK) ? "_nest_lock" : "";
        if (suffix.isEmpty()) return this;
        return bySpelling(spelling.substring(0, spelling.length() - suffix.length())).orElseThrow();
    }

    public boolean isTrylock() {
        return category == Category.TRYLOCK;
    }

    /**
     * read_seqretry and read_seqcount_retry: as a condition, whether the read section must run
     * again (a writer began since read_seqbegin); as a statement, the end of the section.
     */
    public boolean isSequenceRetry() {
        return this == READ_SEQRETRY || this == READ_SEQCOUNT_RETRY;
    }

    /** It gives a value in an expression: a trylock's success, a sequence retry, a copy's bytes left. */
    public boolean givesValue() {
        return isTrylock() || isSequenceRetry() || category == Category.USER_COPY;
    }

    public static Optional<BuiltinOp> bySpelling(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}

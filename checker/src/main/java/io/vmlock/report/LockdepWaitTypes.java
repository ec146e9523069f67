package io.vmlock.report;

import io.vmlock.ast.ObjectKind;
import java.util.Optional;

/**
 * The {@code -{outer:inner}} wait types lockdep prints after a class's usage since 5.7
 * (kernel/locking/lockdep.c print_lock_name: {@code "){%s}-{%d:%d}", usage,
 * class->wait_type_outer ?: class->wait_type_inner, class->wait_type_inner}), per lock kind: the
 * one place that states them.
 *
 * <p>Values are include/linux/lockdep_types.h's enum lockdep_wait_type: LD_WAIT_INV 0, LD_WAIT_FREE
 * 1, LD_WAIT_SPIN 2, LD_WAIT_CONFIG 3 and LD_WAIT_SLEEP 4 with CONFIG_PROVE_RAW_LOCK_NESTING (else
 * LD_WAIT_CONFIG = LD_WAIT_SPIN, so a sleeping lock prints 3). PROVE_RAW_LOCK_NESTING has been
 * {@code default y} under PROVE_LOCKING since commit 560af5dc839 ("Enable PROVE_RAW_LOCK_NESTING by
 * default", lib/Kconfig.debug, 6.13); a follow-up posted in 2024-11 keeps it {@code default y if
 * ARCH_SUPPORTS_RT} (x86 among them). So the 6.x reports vmlock follows print 4 for a sleeping lock,
 * as the corpus's newer splats do ({@code &mm->mmap_lock}{@code {++++}-{4:4}}; older ones print 3).
 * None of these kinds' init macros set wait_type_outer, so outer prints as inner (register_lock_class()
 * copies the map's two fields into the class: "class->wait_type_inner = lock->wait_type_inner;").
 * A kind lockdep has no map for prints nothing.
 */
final class LockdepWaitTypes {
    private static final int INVALID = 0; // LD_WAIT_INV: a map no one gave a wait type (seqcount, lockdep_map)
    private static final int CONFIG = 3; // LD_WAIT_CONFIG: spinlock_t (a seqlock_t's too), rwlock_t
    private static final int SLEEP = 4; // LD_WAIT_SLEEP: mutex, rwsem

    private LockdepWaitTypes() {
    }

    /** {@code -{4:4}} for a kind whose wait types the kernel's init macros state; empty for one lockdep never sees. */
    static Optional<String> of(ObjectKind kind) {
        return inner(kind).map(LockdepWaitTypes::printed);
    }

    /** fs_reclaim: mm/page_alloc.c __fs_reclaim_map = STATIC_LOCKDEP_MAP_INIT(name, key), which sets neither. */
    static String fsReclaim() {
        return printed(INVALID);
    }

    private static String printed(int inner) {
        return "-{" + inner + ":" + inner + "}";
    }

    private static Optional<Integer> inner(ObjectKind kind) {
        return switch (kind) {
            // include/linux/mutex.h __DEP_MAP_MUTEX_INITIALIZER: .wait_type_inner = LD_WAIT_SLEEP
            case MUTEX -> Optional.of(SLEEP);
            // include/linux/rwsem.h __RWSEM_DEP_MAP_INIT: .wait_type_inner = LD_WAIT_SLEEP
            case RWSEM -> Optional.of(SLEEP);
            // include/linux/spinlock_types.h SPIN_DEP_MAP_INIT (spinlock_t): .wait_type_inner = LD_WAIT_CONFIG
            case SPINLOCK -> Optional.of(CONFIG);
            // fs/jbd2/journal.c: lockdep_init_map(&journal->j_trans_commit_map, "jbd2_handle", ...), LD_WAIT_INV
            case JOURNAL -> Optional.of(INVALID);
            // include/linux/lockdep.h lockdep_init_map -> lockdep_init_map_wait(..., LD_WAIT_INV) (the workqueue
            // and work maps), or STATIC_LOCKDEP_MAP_INIT / { .name = ... }, which set none: LD_WAIT_INV
            case LOCKDEP_MAP -> Optional.of(INVALID);
            // include/linux/percpu-rwsem.h __PERCPU_RWSEM_DEP_MAP_INIT (.name only) and __percpu_init_rwsem's
            // lockdep_init_map: LD_WAIT_INV (real sb_writers reports print {0:0})
            case PERCPU_RWSEM -> Optional.of(INVALID);
            // include/linux/seqlock.h (Kingxukai/linux 9b44fff655e2, 6.17-era): __seqcount_init() is
            // lockdep_init_map(&s->dep_map, name, key, 0) and SEQCOUNT_DEP_MAP_INIT is
            // ".dep_map = { .name = #lockname }": LD_WAIT_INV either way. A seqcount class is that map
            // (write_seqcount_begin's seqcount_acquire, read_seqcount_begin's seqcount_lockdep_reader_access).
            case SEQCOUNT -> Optional.of(INVALID);
            // seqlock_t is { seqcount_spinlock_t seqcount; spinlock_t lock; }: the class of the seqlock's own
            // name is its spinlock_t (__SEQLOCK_UNLOCKED: .lock = __SPIN_LOCK_UNLOCKED(lockname)), the one
            // write_seqlock() takes first; its seqcount's map, NAME.seqcount, is a SEQCOUNT class
            // (LockdepSeqlock)
            case SEQLOCK -> inner(ObjectKind.SPINLOCK);
            // A percpu_ref has no lockdep map (include/linux/percpu-refcount.h); the class vmlock prints
            // for q_usage_counter is the request queue's map, acquired by freeze and queue entry since
            // 6.13: block/blk-core.c blk_alloc_queue() (Kingxukai/linux 0291023e7330)
            // lockdep_init_map(&q->q_lockdep_map, "&q->q_usage_counter(queue)", ...) and the same for
            // io_lockdep_map: LD_WAIT_INV
            case PERCPU_REF -> Optional.of(INVALID);
            // lockdep sees no bit spinlock and no page bit (no lockdep_map); a completion's cross-release
            // report is 4.14's, before wait types
            case BIT_SPINLOCK, BIT_LOCK, COMPLETION -> Optional.empty();
        };
    }
}

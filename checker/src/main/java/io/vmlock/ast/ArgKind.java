package io.vmlock.ast;

import java.util.Optional;

/** What a builtin operation takes as an argument: an object of one kind, or something else. */
public enum ArgKind {
    MUTEX(ObjectKind.MUTEX),
    SPINLOCK(ObjectKind.SPINLOCK),
    RWSEM(ObjectKind.RWSEM),
    JOURNAL(ObjectKind.JOURNAL),
    PERCPU_RWSEM(ObjectKind.PERCPU_RWSEM),
    BIT_SPINLOCK(ObjectKind.BIT_SPINLOCK),
    PERCPU_REF(ObjectKind.PERCPU_REF),
    LOCKDEP_MAP(ObjectKind.LOCKDEP_MAP),
    SEQLOCK(ObjectKind.SEQLOCK),
    SEQCOUNT(ObjectKind.SEQCOUNT),
    BIT_LOCK(ObjectKind.BIT_LOCK),
    ANY_LOCK("a lock"),
    /** A lock lockdep takes for read with read 1 (rwsem_acquire_read): an rwsem or a percpu rwsem. */
    READ_LOCK("an rwsem or a percpu rwsem"),
    COMPLETION(ObjectKind.COMPLETION),
    MAPPING("a mapping"),
    WORKQUEUE("a workqueue"),
    WORK("a work item"),
    GFP("a GFP context"),
    CONDITION("a condition"),
    /** lockdep's subclass of a *_nested acquisition: a constant below MAX_LOCKDEP_SUBCLASSES. */
    SUBCLASS("a lockdep subclass"),
    /** A lock_class_key, named where lockdep_set_class first names it (the static struct is implied). */
    CLASS_KEY("a lock class key name"),
    /** The lock a *_nest_lock acquisition nests under (mm_take_all_locks()'s mmap_lock). */
    NEST_LOCK("a lock");

    /** include/linux/lockdep_types.h: MAX_LOCKDEP_SUBCLASSES (subclasses 0..7). */
    public static final int MAX_LOCKDEP_SUBCLASSES = 8;

    private final Optional<ObjectKind> objectKind;
    private final String description;

    ArgKind(ObjectKind kind) {
        this.objectKind = Optional.of(kind);
        this.description = kind.description();
    }

    ArgKind(String description) {
        this.objectKind = Optional.empty();
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The object kind the argument must be, for arguments that name one kind of object. */
    public Optional<ObjectKind> objectKind() {
        return objectKind;
    }
}

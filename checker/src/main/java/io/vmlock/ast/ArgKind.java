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
    ANY_LOCK("a lock"),
    COMPLETION(ObjectKind.COMPLETION),
    MAPPING("a mapping"),
    WORKQUEUE("a workqueue"),
    WORK("a work item"),
    GFP("a GFP context"),
    CONDITION("a condition"),
    /** lockdep's subclass of a *_nested acquisition: a constant below MAX_LOCKDEP_SUBCLASSES. */
    SUBCLASS("a lockdep subclass");

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

package io.vmlock.ast;

/** What a builtin operation takes as an argument. */
public enum ArgKind {
    MUTEX("a mutex"),
    SPINLOCK("a spinlock"),
    RWSEM("an rwsem"),
    JOURNAL("a journal"),
    ANY_LOCK("a lock"),
    COMPLETION("a completion"),
    MAPPING("a mapping"),
    GFP("a GFP context"),
    CONDITION("a condition");

    private final String description;

    ArgKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The object kind the argument must be, for arguments that name one kind of object. */
    public java.util.Optional<ObjectKind> objectKind() {
        return switch (this) {
            case MUTEX -> java.util.Optional.of(ObjectKind.MUTEX);
            case SPINLOCK -> java.util.Optional.of(ObjectKind.SPINLOCK);
            case RWSEM -> java.util.Optional.of(ObjectKind.RWSEM);
            case JOURNAL -> java.util.Optional.of(ObjectKind.JOURNAL);
            case COMPLETION -> java.util.Optional.of(ObjectKind.COMPLETION);
            default -> java.util.Optional.empty();
        };
    }
}

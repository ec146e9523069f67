package io.vmlock.graph;

import io.vmlock.ast.ObjectKind;
import java.util.Objects;
import java.util.Optional;

/**
 * What a vertex of the lock-order graph stands for. Real locks come from declarations and carry
 * their {@link ObjectKind}, whose table says everything else; the pseudo-locks are the contexts
 * lockdep also models as locks, so that "may enter reclaim", "may fault" and "may be
 * interrupted" join the order like any acquisition.
 */
public sealed interface LockKind permits LockKind.Declared, LockKind.Pseudo {
    /** mutex, rwsem, ...; irq context, ...: what exports and summaries call it. */
    String description();

    boolean isPseudo();

    /** Two holders of one instance exclude each other: false for contexts and lockdep maps, which nobody waits on. */
    boolean excludesHolders();

    /** Declared kinds in their table's order, then the pseudo-locks: the order of vertices with one name. */
    int rank();

    /** The words of the shared and exclusive holds, for kinds with both (read/write, handle/commit). */
    Optional<ObjectKind.Words> modeWords();

    static LockKind of(ObjectKind kind) {
        return new Declared(kind);
    }

    /** A declared lock. */
    record Declared(ObjectKind kind) implements LockKind {
        public Declared {
            Objects.requireNonNull(kind);
            if (!kind.isLock()) throw new IllegalArgumentException(kind.keyword() + " is not a lock");
        }

        public String description() {
            return kind.keyword();
        }

        public boolean isPseudo() {
            return false;
        }

        public boolean excludesHolders() {
            return kind.blocks();
        }

        public int rank() {
            return kind.ordinal();
        }

        public Optional<ObjectKind.Words> modeWords() {
            return kind.modes().words();
        }
    }

    /** A context lockdep models as a lock. */
    enum Pseudo implements LockKind {
        /** fs_reclaim / io_reclaim / reclaim: held while a reclaim path runs in the allocating thread. */
        RECLAIM("reclaim"),
        /** fault(mapping): held while the mapping's fault handler runs in the copying thread. */
        FAULT("fault"),
        /** hardirq: held while an interrupt handler runs on the thread it interrupted. */
        HARDIRQ("irq context"),
        /** softirq: held while a softirq handler runs on the thread it interrupted (lockdep's SOFTIRQ state). */
        SOFTIRQ("softirq context");

        private final String description;

        Pseudo(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        public boolean isPseudo() {
            return true;
        }

        public boolean excludesHolders() {
            return false;
        }

        public int rank() {
            return ObjectKind.values().length + ordinal();
        }

        public Optional<ObjectKind.Words> modeWords() {
            return Optional.empty();
        }
    }
}

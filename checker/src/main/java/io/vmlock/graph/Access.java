package io.vmlock.graph;

/** How a lock is held or requested: exclusively (mutex, spinlock, write, commit) or shared (read, handle). */
public enum Access {
    EXCLUSIVE("write"),
    SHARED("read");

    private final String word;

    Access(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}

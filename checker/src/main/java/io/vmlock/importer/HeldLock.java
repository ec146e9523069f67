package io.vmlock.importer;

/** One entry of a "N locks held by task/pid:" list: {@code #1: (class){usage}, at: function}. */
public record HeldLock(int index, LockClass lock, String at) {
}

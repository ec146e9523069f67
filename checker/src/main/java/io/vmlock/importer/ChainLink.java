package io.vmlock.importer;

import java.util.List;

/**
 * An entry {@code -> #N (class){...}:} of "the existing dependency chain (in reverse order)": the
 * stack where lockdep saw {@code lock} taken while entry N-1's class was held (entry 0: the
 * acquisition that closed the cycle, with the report's held lock).
 */
public record ChainLink(int index, LockClass lock, List<Frame> stack) {
    public ChainLink {
        stack = List.copyOf(stack);
    }
}

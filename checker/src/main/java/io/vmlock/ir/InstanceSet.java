package io.vmlock.ir;

import java.util.List;
import java.util.Objects;

/** {@code set page { P0, P1 };}: an instance is its position in {@code members}. */
public record InstanceSet(String name, List<String> members) {
    public InstanceSet {
        Objects.requireNonNull(name);
        members = List.copyOf(members);
    }

    public int size() {
        return members.size();
    }
}

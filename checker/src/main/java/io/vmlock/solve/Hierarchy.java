package io.vmlock.solve;

import io.vmlock.graph.LockClass;
import java.util.List;

/** A total order of lock classes, outermost first, consistent with every edge it was made from. */
public record Hierarchy(List<LockClass> order) {
    public Hierarchy {
        order = List.copyOf(order);
    }

    public int position(LockClass c) {
        return order.indexOf(c);
    }
}

package io.vmlock.graph;

import io.vmlock.ir.ObjectClass;
import java.util.Objects;

/**
 * A frame slot's value as the path walk knows it. Globals are never tracked (another thread may
 * change them at any time), so anything computed from one is {@link Unknown}. Each unknown value
 * has an id: the same id read twice is the same value (a parameter used twice).
 */
sealed interface SlotValue permits SlotValue.Known, SlotValue.Unknown, SlotValue.LockOf {

    record Known(int value) implements SlotValue {
    }

    record Unknown(int id) implements SlotValue {
    }

    /** A lock argument whose class is known but whose instance is not ({@code page_lock[cur]}). */
    record LockOf(ObjectClass lockClass, int id) implements SlotValue {
        public LockOf {
            Objects.requireNonNull(lockClass);
        }
    }
}

package io.vmlock.explore;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * A growable list of ints without boxing: the frontier and the stored transitions. Each doubling
 * is first reserved (the search's budget refuses one the heap cannot hold).
 */
final class IntList {
    private final LongConsumer reserve;
    private int[] items = new int[1024];
    private int size;

    /** A small list: its growth is not reserved. */
    IntList() {
        this(bytes -> { });
    }

    IntList(LongConsumer reserve) {
        this.reserve = reserve;
    }

    void add(int v) {
        if (size == items.length) {
            reserve.accept(8L * size);
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = v;
    }

    int get(int i) {
        return items[i];
    }

    void set(int i, int v) {
        items[i] = v;
    }

    int size() {
        return size;
    }

    int removeLast() {
        return items[--size];
    }

    long bytes() {
        return 4L * items.length;
    }
}

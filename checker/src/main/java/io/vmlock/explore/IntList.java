package io.vmlock.explore;

import java.util.Arrays;

/** A growable list of ints without boxing: the frontier and the stored transitions. */
final class IntList {
    private int[] items = new int[1024];
    private int size;

    void add(int v) {
        if (size == items.length) items = Arrays.copyOf(items, size * 2);
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

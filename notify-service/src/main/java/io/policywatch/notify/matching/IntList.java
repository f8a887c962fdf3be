package io.policywatch.notify.matching;

import java.util.Arrays;

/** A growable list of ints: posting lists and positions by the million without boxing. */
final class IntList {

    private int[] values;
    private int size;

    IntList() {
        this(4);
    }

    IntList(int capacity) {
        values = new int[capacity];
    }

    static IntList of(int value) {
        IntList list = new IntList(1);
        list.add(value);
        return list;
    }

    void addAll(IntList other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.max(4, size + (size >> 1) + 1));
        }
        values[size++] = value;
    }

    int removeLast() {
        return values[--size];
    }

    int get(int index) {
        return values[index];
    }

    void set(int index, int value) {
        values[index] = value;
    }

    int size() {
        return size;
    }

    /** Removes one occurrence, not keeping the order. */
    void removeValue(int value) {
        for (int i = 0; i < size; i++) {
            if (values[i] == value) {
                values[i] = values[--size];
                return;
            }
        }
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}

package dev.braid.multilink.protocol;

import java.util.Arrays;

/**
 * The resequencer slots whose packets wait only for their aligned delay, smallest tx timestamp
 * first. Every packet's release time is its tx timestamp plus one shared offset, so this order
 * stays right when the offset changes. An indexed binary heap over preallocated arrays: slots can
 * leave from the middle (a forced release) and nothing is allocated per packet.
 */
final class DueHeap {
    private final int[] heap;
    private final int[] position;
    /** The resequencer's tx timestamps by slot (µs, wrapping u32), read as the key. */
    private final int[] keys;
    private int size;

    DueHeap(int slots, int[] keys) {
        this.heap = new int[slots];
        this.position = new int[slots];
        this.keys = keys;
        Arrays.fill(position, -1);
    }

    boolean contains(int slot) {
        return position[slot] >= 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The {@code k}-th slot in heap order (0 <= k < size), to carry the heap into a resized ring. */
    int slotAt(int k) {
        return heap[k];
    }

    /** The slot with the smallest key; the heap must not be empty. */
    int peek() {
        return heap[0];
    }

    void add(int slot) {
        heap[size] = slot;
        position[slot] = size;
        up(size++);
    }

    void remove(int slot) {
        int p = position[slot];
        position[slot] = -1;
        int last = heap[--size];
        if (p == size) {
            return;
        }
        heap[p] = last;
        position[last] = p;
        up(p);
        down(position[last]);
    }

    private void up(int p) {
        int slot = heap[p];
        while (p > 0) {
            int parent = (p - 1) >>> 1;
            if (!before(slot, heap[parent])) {
                break;
            }
            place(heap[parent], p);
            p = parent;
        }
        place(slot, p);
    }

    private void down(int p) {
        int slot = heap[p];
        while (true) {
            int child = 2 * p + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], slot)) {
                break;
            }
            place(heap[child], p);
            p = child;
        }
        place(slot, p);
    }

    private void place(int slot, int p) {
        heap[p] = slot;
        position[slot] = p;
    }

    /** Wrap-aware: tx timestamps of buffered packets lie within minutes of each other. */
    private boolean before(int a, int b) {
        return keys[a] - keys[b] < 0;
    }
}

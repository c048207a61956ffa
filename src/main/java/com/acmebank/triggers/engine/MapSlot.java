package com.acmebank.triggers.engine;

import java.util.Map;

/** A map of the current customer's state (Flink binds it to a MapState; tests to a HashMap). */
public interface MapSlot<K, V> {
    /** The value, or null. */
    V get(K key);

    boolean contains(K key);

    void put(K key, V value);

    void remove(K key);

    /** The entries; the slot may be changed while they are walked (removals through the iterator). */
    Iterable<Map.Entry<K, V>> entries();

    boolean isEmpty();

    void clear();

    /**
     * Keeps the entries {@code keep} accepts and removes the others, one by one; true while some are kept. Not by
     * {@link #clear()} when none is kept: Flink's heap map state drops a map whose last entry is removed, and on
     * RocksDB a clear walks the customer's entries again (over the deletions just made) for nothing.
     */
    default boolean retainOnly(java.util.function.Predicate<V> keep) {
        java.util.List<K> gone = null;
        boolean kept = false;
        for (Map.Entry<K, V> e : entries()) {
            if (keep.test(e.getValue())) {
                kept = true;
            } else {
                if (gone == null) {
                    gone = new java.util.ArrayList<>();
                }
                gone.add(e.getKey());
            }
        }
        if (gone != null) {
            gone.forEach(this::remove);
        }
        return kept;
    }
}

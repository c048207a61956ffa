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
}

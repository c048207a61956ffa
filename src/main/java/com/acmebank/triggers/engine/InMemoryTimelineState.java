package com.acmebank.triggers.engine;

import com.acmebank.triggers.trigger.TriggerState;
import java.util.LinkedHashMap;
import java.util.Map;

/** A customer's timeline state on plain maps: for unit tests and for tools that run the engine without Flink. */
public final class InMemoryTimelineState extends TimelineState {
    public InMemoryTimelineState() {
        super(new Entries<>(), new Entries<>(), new Value<>(), new Entries<>(), new Value<>(), new Entries<>(), new Entries<>(),
                new Value<>(), new Entries<>(), new Entries<>(), new Entries<>(), new Entries<>(), new Entries<>());
    }

    /** The rule states, for sizing and inspection. */
    public Map<String, TriggerState> triggerStates() {
        return ((Entries<String, TriggerState>) triggers()).map;
    }

    private static final class Value<T> implements ValueSlot<T> {
        private T value;

        @Override public T get() { return value; }
        @Override public void set(T v) { value = v; }
        @Override public void clear() { value = null; }
    }

    private static final class Entries<K, V> implements MapSlot<K, V> {
        private final Map<K, V> map = new LinkedHashMap<>();

        @Override public V get(K key) { return map.get(key); }
        @Override public boolean contains(K key) { return map.containsKey(key); }
        @Override public void put(K key, V value) { map.put(key, value); }
        @Override public void remove(K key) { map.remove(key); }
        @Override public Iterable<Map.Entry<K, V>> entries() { return map.entrySet(); }
        @Override public boolean isEmpty() { return map.isEmpty(); }
        @Override public void clear() { map.clear(); }
    }
}

package com.acmebank.triggers.engine;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.policy.ContactLog;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.trigger.TriggerState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A customer's timeline state on plain maps: for unit tests and for tools that run the engine without Flink. */
public final class InMemoryTimelineState implements TimelineState {
    private final MapSlot<Long, List<Event>> inbox = new Entries<>();
    private final MapSlot<String, Long> seen = new Entries<>();
    private final ValueSlot<Profile> profile = new Value<>();
    private final MapSlot<Long, Profile> pendingProfiles = new Entries<>();
    private final ValueSlot<TimelineClock> clock = new Value<>();
    private final Entries<String, TriggerState> triggers = new Entries<>();
    private final MapSlot<String, Long> lastFired = new Entries<>();
    private final ValueSlot<ContactLog> contactLog = new Value<>();
    private final MapSlot<String, DeferredOffer> deferred = new Entries<>();
    private final MapSlot<Long, Integer> wakeUps = new Entries<>();

    @Override public MapSlot<Long, List<Event>> inbox() { return inbox; }
    @Override public MapSlot<String, Long> seenEventIds() { return seen; }
    @Override public ValueSlot<Profile> profile() { return profile; }
    @Override public MapSlot<Long, Profile> pendingProfiles() { return pendingProfiles; }
    @Override public ValueSlot<TimelineClock> clock() { return clock; }
    @Override public MapSlot<String, TriggerState> triggers() { return triggers; }
    @Override public MapSlot<String, Long> lastFired() { return lastFired; }
    @Override public ValueSlot<ContactLog> contactLog() { return contactLog; }
    @Override public MapSlot<String, DeferredOffer> deferred() { return deferred; }
    @Override public MapSlot<Long, Integer> wakeUps() { return wakeUps; }

    /** The rule states, for sizing and inspection. */
    public Map<String, TriggerState> triggerStates() {
        return triggers.map;
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

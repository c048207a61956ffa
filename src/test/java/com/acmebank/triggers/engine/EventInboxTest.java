package com.acmebank.triggers.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forgetting remembered eventIds: by point removals, never a second walk (a clear, on RocksDB a seek over tombstones). */
class EventInboxTest {
    /** A map slot that records what was asked of it. */
    private static final class Recording implements MapSlot<String, Long> {
        final Map<String, Long> map = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public Long get(String key) {
            return map.get(key);
        }

        @Override
        public boolean contains(String key) {
            return map.containsKey(key);
        }

        @Override
        public void put(String key, Long value) {
            map.put(key, value);
        }

        @Override
        public void remove(String key) {
            calls.add("remove " + key);
            map.remove(key);
        }

        @Override
        public Iterable<Map.Entry<String, Long>> entries() {
            calls.add("entries");
            return new ArrayList<>(map.entrySet());
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public void clear() {
            calls.add("clear");
            map.clear();
        }
    }

    @Test
    void forgetsIdsBeforeTheCutoffAndKeepsTheRest() {
        Recording seen = new Recording();
        seen.put("a", 100L);
        seen.put("b", 200L);
        seen.put("c", 300L);
        assertThat(EventInbox.forgetBefore(200, seen)).as("b and c remain").isTrue();
        assertThat(seen.map).containsOnlyKeys("b", "c");
        assertThat(seen.calls).containsExactly("entries", "remove a");
    }

    @Test
    void forgettingEverythingRemovesEachIdOnceAndWalksOnlyOnce() {
        Recording seen = new Recording();
        seen.put("a", 100L);
        seen.put("b", 200L);
        assertThat(EventInbox.forgetBefore(1_000, seen)).isFalse();
        assertThat(seen.map).isEmpty();
        // Flink's heap map state drops a map whose last entry is removed; a clear would walk the entries again
        assertThat(seen.calls).containsExactly("entries", "remove a", "remove b");
    }

    @Test
    void nothingToForgetTouchesNothing() {
        Recording seen = new Recording();
        seen.put("a", 500L);
        assertThat(EventInbox.forgetBefore(100, seen)).isTrue();
        assertThat(seen.calls).containsExactly("entries");
    }
}

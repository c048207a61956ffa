package com.acmebank.triggers.flink;

import com.acmebank.triggers.engine.MapSlot;
import com.acmebank.triggers.engine.ValueSlot;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;

/**
 * The engine's state slots over Flink keyed state (which follows the operator's current key). Flink's state
 * calls declare Exception; a failing state backend is not something the engine can handle, so it is rethrown
 * unchecked and fails the task, which then restarts from its last checkpoint.
 */
final class FlinkSlots {
    private FlinkSlots() {}

    static <T> ValueSlot<T> value(ValueState<T> state) {
        return new ValueSlot<>() {
            @Override
            public T get() {
                try {
                    return state.value();
                } catch (Exception e) {
                    throw failed(e);
                }
            }

            @Override
            public void set(T value) {
                try {
                    state.update(value);
                } catch (Exception e) {
                    throw failed(e);
                }
            }

            @Override
            public void clear() {
                state.clear();
            }
        };
    }

    static <K, V> MapSlot<K, V> map(MapState<K, V> state) {
        return new MapSlot<>() {
            @Override
            public V get(K key) {
                try {
                    return state.get(key);
                } catch (Exception e) {
                    throw failed(e);
                }
            }

            @Override
            public boolean contains(K key) {
                try {
                    return state.contains(key);
                } catch (Exception e) {
                    throw failed(e);
                }
            }

            @Override
            public void put(K key, V value) {
                try {
                    state.put(key, value);
                } catch (Exception e) {
                    throw failed(e);
                }
            }

            @Override
            public void remove(K key) {
                try {
                    state.remove(key);
                } catch (Exception e) {
                    throw failed(e);
                }
            }

            @Override
            public Iterable<Map.Entry<K, V>> entries() {
                try {
                    return state.entries();
                } catch (Exception e) {
                    throw failed(e);
                }
            }

            @Override
            public boolean isEmpty() {
                try {
                    return state.isEmpty();
                } catch (Exception e) {
                    throw failed(e);
                }
            }

            @Override
            public void clear() {
                state.clear();
            }
        };
    }

    private static IllegalStateException failed(Exception e) {
        return new IllegalStateException("keyed state access failed", e);
    }
}

package com.acmebank.triggers.engine;

/** One value of the current customer's state (Flink binds it to a ValueState; tests to a field). */
public interface ValueSlot<T> {
    /** The value, or null. */
    T get();

    void set(T value);

    void clear();
}

package com.acmebank.triggers.event;

/** The outcome of parsing one record: a value, or the reason it is unusable (and the eventId if one was read). */
public final class Parsed<T> {
    private final T value;
    private final String error;
    private final String eventId;

    private Parsed(T value, String error, String eventId) {
        this.value = value;
        this.error = error;
        this.eventId = eventId;
    }

    public static <T> Parsed<T> ok(T value) {
        return new Parsed<>(value, null, null);
    }

    public static <T> Parsed<T> failed(String error, String eventId) {
        return new Parsed<>(null, error, eventId);
    }

    public boolean isOk() {
        return error == null;
    }

    public T value() {
        return value;
    }

    public String error() {
        return error;
    }

    public String eventId() {
        return eventId;
    }
}

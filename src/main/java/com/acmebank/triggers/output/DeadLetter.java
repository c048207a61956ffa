package com.acmebank.triggers.output;

import com.acmebank.triggers.event.Origin;

/** A record that could not be used, with the reason; nothing is dropped silently. */
public class DeadLetter {
    public static final String EVENT = "EVENT";
    public static final String PROFILE = "PROFILE";
    public static final String RULE = "RULE";

    /** EVENT, PROFILE or RULE. */
    public String kind;
    public String raw;
    public String reason;
    public String eventId;
    public Origin origin;
    /** Epoch milliseconds of the event time when one could be read, else Long.MIN_VALUE. */
    public long eventTime = Long.MIN_VALUE;

    /** The longest raw text a dead letter carries whole. */
    public static final int MAX_RAW_CHARS = 65_536;
    /** The length of the original text when {@link #raw} was cut, else -1. */
    public int rawLength = -1;

    public DeadLetter() {}

    /**
     * {@code raw} is kept whole up to {@link #MAX_RAW_CHARS}; a longer one is cut there and {@link #rawLength} says
     * how long it was, so a dead letter always fits in a Kafka record.
     */
    public DeadLetter(String kind, String raw, String reason, String eventId, Origin origin) {
        this.kind = kind;
        if (raw != null && raw.length() > MAX_RAW_CHARS) {
            this.rawLength = raw.length();
            raw = raw.substring(0, MAX_RAW_CHARS);
        }
        this.raw = raw;
        this.reason = reason;
        this.eventId = eventId;
        this.origin = origin;
    }
}

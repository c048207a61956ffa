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

    public DeadLetter() {}

    public DeadLetter(String kind, String raw, String reason, String eventId, Origin origin) {
        this.kind = kind;
        this.raw = raw;
        this.reason = reason;
        this.eventId = eventId;
        this.origin = origin;
    }
}

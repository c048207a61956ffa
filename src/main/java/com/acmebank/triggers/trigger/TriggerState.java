package com.acmebank.triggers.trigger;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.window.SlidingWindow;

/**
 * What one trigger of one rule remembers about one customer. One POJO serves every trigger kind (each uses
 * the fields it needs), so Flink keeps it in a single MapState (with an explicit serializer; it stays a POJO so
 * state of earlier versions, written by Flink's POJO serializer, can be read).
 */
public class TriggerState {
    public static final long NONE = Long.MIN_VALUE;
    public static final int UNKNOWN = 0;
    public static final int ARMED = 1;
    public static final int DISARMED = 2;
    public static final int HELD = 3;

    /** The shape of the trigger that wrote this state; a rule edit that changes the shape starts afresh. */
    public String fingerprint;
    /** When this trigger wants to be woken (absence, schedule), or NONE. */
    public long deadline = NONE;
    /**
     * The instant a wake-up is registered for, when a deadline moved later: it stays where it was and re-arms the
     * state when it comes (an absence moved by every payment would otherwise cancel and register one per event).
     * NONE: the wake-up is at the deadline.
     */
    public long armedAt = NONE;
    /** A remembered moment: the start of a sequence or absence, the last matching event. */
    public long anchorTime = NONE;
    public String anchorEventId;
    /** Crossing and drop triggers: ARMED, DISARMED, HELD or UNKNOWN. */
    public int mode = UNKNOWN;
    /** Calendar aggregates: the current local period and its totals. */
    public long periodKey = NONE;
    public long periodCount;
    public long periodValue;
    public long periodMax = NONE;
    public long periodMin = NONE;
    /** Calendar aggregates with a ratio: how many of the period's events matched ratioOf. */
    public long periodMarked;
    /** Sliding aggregates and peaks. */
    public SlidingWindow window;
    /** Distinct counts: each value of the counted field with the last time it was seen in the window or period. */
    public java.util.Map<String, Long> distinct;
    /** A timer started by an event (an absence after an event, a delay): that event, cited when the timer fires. */
    public Event anchorEvent;
    /** Event time of the last event that touched this state. */
    public long lastSeen = NONE;
    /** Set by a trigger that changed this state during one call; not stored. */
    public transient boolean touched;

    public TriggerState() {}

    public TriggerState(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    /** The instant this state's wake-up is registered for, or NONE. */
    public long wakeUpAt() {
        return armedAt != NONE ? armedAt : deadline;
    }

    /** Marks the state as changed by an event at {@code time}, so the engine stores it. */
    public void touch(long time) {
        lastSeen = time;
        touched = true;
    }
}

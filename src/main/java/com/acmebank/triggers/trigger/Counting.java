package com.acmebank.triggers.trigger;

import java.time.ZoneId;

/**
 * A trigger that adds events into totals (counts and sums over a window or a calendar period). A reversal of
 * a counted payment takes its part out again, so the engine remembers what each counted event added.
 */
public interface Counting {
    /** The units the event at hand adds to the sum (0 when the rule only counts). */
    long unitsOf(TriggerContext context);

    /** Until when an event at {@code eventTime} can still be in the totals: its window or its period ends then. */
    long countsUntil(long eventTime, ZoneId zone);

    /**
     * Takes {@code units} of the event at {@code eventTime} out of the totals, and the event out of the count
     * when {@code whole}; false when the event is no longer in them (its window or period has passed).
     */
    boolean takeOut(TriggerState state, long eventTime, long units, boolean whole, ZoneId zone);
}

package com.acmebank.triggers.trigger;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.profile.Profile;
import java.util.Set;

/**
 * One way a rule can fire: on an event, an aggregate crossing a threshold, a sequence, an absence, a value
 * crossing, a drop from a peak or a date in the profile. Plain Java: the engine hands in the customer's
 * state for this trigger and stores what comes back; the trigger never sees Flink.
 */
public interface Trigger {
    /** Event types this trigger reacts to (empty for pure schedules). */
    Set<String> eventTypes();

    /** Event types it can fire on (for a sequence only its last step's); empty when it fires on timers. */
    default Set<String> firingTypes() {
        return firesOnEvent() ? eventTypes() : Set.of();
    }

    /**
     * Whether this event can change the trigger's state at all (its type and conditions match). Checked before
     * the state is read, so most events of a type cost no state access for rules they cannot concern.
     */
    boolean concerns(Event event, TriggerContext context);

    /**
     * Reacts to an event it {@link #concerns}, updating the state; returns a firing or null. Called only after
     * {@code concerns} said yes for this very event, so the match is not repeated.
     */
    Firing onEvent(Event event, TriggerState state, TriggerContext context);

    /** The state's deadline has come; returns a firing or null. */
    default Firing onDeadline(long time, TriggerState state, TriggerContext context) {
        return null;
    }

    /** True for triggers that are armed from the profile (dates) rather than from events. */
    default boolean armedByProfile() {
        return false;
    }

    /** The profile in effect changed at {@code time}: re-arm from it; a firing when the change itself is the moment. */
    default Firing onProfile(Profile profile, long time, TriggerState state, TriggerContext context) {
        return null;
    }

    /** Forgets what no longer matters at {@code now}; returns false when nothing is left to keep. */
    boolean retain(TriggerState state, long now, TriggerContext context);

    /**
     * False for state that only its own timer or the next event changes (a remembered last time, an armed
     * schedule): such state gives the periodic sweep nothing to do.
     */
    default boolean ages() {
        return true;
    }

    /** True when this trigger fires on an event, false on a timer. */
    boolean firesOnEvent();

    /**
     * True when its firings carry an event for templates and the audit: the event it fired on, or, for a timer
     * started by an event (an absence after an event, a delay), that event.
     */
    default boolean citesEvent() {
        return firesOnEvent();
    }

    /** Event fields present on every event this trigger fires on, for template validation. */
    Set<String> guaranteedFields();

    /** The facts this trigger reports when it fires (trigger.sum in templates, details in decisions). */
    Set<String> detailKeys();

    /** What it keeps per customer at most, and for how long (static analysis, {@code validate}). */
    StateCost stateCost(int windowCapacity);
}

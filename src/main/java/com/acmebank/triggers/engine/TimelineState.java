package com.acmebank.triggers.engine;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.policy.ContactLog;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.trigger.TriggerState;
import java.util.List;

/**
 * One customer's state as thirteen typed slots. The Flink operator binds them to keyed state (which follows the
 * current key), tests and the benchmark to plain maps ({@link InMemoryTimelineState}). Knows nothing of timers.
 */
public class TimelineState {
    private final MapSlot<Long, List<Event>> inbox;
    private final MapSlot<String, Long> seenEventIds;
    private final ValueSlot<Profile> profile;
    private final MapSlot<Long, Profile> pendingProfiles;
    private final ValueSlot<TimelineClock> clock;
    private final MapSlot<String, TriggerState> triggers;
    private final MapSlot<String, Long> lastFired;
    private final ValueSlot<ContactLog> contactLog;
    private final MapSlot<String, DeferredOffer> deferred;
    private final MapSlot<Long, Integer> wakeUps;
    private final MapSlot<String, Reversible> reversibles;
    private final MapSlot<String, Holding> holdings;
    private final MapSlot<String, Attributable> attributable;

    public TimelineState(MapSlot<Long, List<Event>> inbox, MapSlot<String, Long> seenEventIds, ValueSlot<Profile> profile,
            MapSlot<Long, Profile> pendingProfiles, ValueSlot<TimelineClock> clock, MapSlot<String, TriggerState> triggers,
            MapSlot<String, Long> lastFired, ValueSlot<ContactLog> contactLog, MapSlot<String, DeferredOffer> deferred,
            MapSlot<Long, Integer> wakeUps, MapSlot<String, Reversible> reversibles, MapSlot<String, Holding> holdings,
            MapSlot<String, Attributable> attributable) {
        this.inbox = inbox;
        this.seenEventIds = seenEventIds;
        this.profile = profile;
        this.pendingProfiles = pendingProfiles;
        this.clock = clock;
        this.triggers = triggers;
        this.lastFired = lastFired;
        this.contactLog = contactLog;
        this.deferred = deferred;
        this.wakeUps = wakeUps;
        this.reversibles = reversibles;
        this.holdings = holdings;
        this.attributable = attributable;
    }

    /** Events waiting for event time to reach them, by event time. */
    public MapSlot<Long, List<Event>> inbox() {
        return inbox;
    }

    /** eventIds seen within the dedup retention, with their event time. */
    public MapSlot<String, Long> seenEventIds() {
        return seenEventIds;
    }

    /** The profile in effect. */
    public ValueSlot<Profile> profile() {
        return profile;
    }

    /** Newer profile versions waiting for event time to reach their updatedAt. */
    public MapSlot<Long, Profile> pendingProfiles() {
        return pendingProfiles;
    }

    /** The customer's own instants: profile activation, next sweep, how many versions wait. */
    public ValueSlot<TimelineClock> clock() {
        return clock;
    }

    /** Each rule trigger's state, by state key. */
    public MapSlot<String, TriggerState> triggers() {
        return triggers;
    }

    /** When a rule last reached the customer, by repeat key (ruleId|key). */
    public MapSlot<String, Long> lastFired() {
        return lastFired;
    }

    public ValueSlot<ContactLog> contactLog() {
        return contactLog;
    }

    /** Offers held through quiet hours, by offerId. */
    public MapSlot<String, DeferredOffer> deferred() {
        return deferred;
    }

    /** Instants rules asked to be woken at, with how many asked. */
    public MapSlot<Long, Integer> wakeUps() {
        return wakeUps;
    }

    /** What recent events with an amount did that a reversal of them would undo, by eventId. */
    public MapSlot<String, Reversible> reversibles() {
        return reversibles;
    }

    /** The products the customer holds, by productId, kept only while a rule reads holdings. */
    public MapSlot<String, Holding> holdings() {
        return holdings;
    }

    /** Offers sent and holdout decisions a later event may convert, by offerId, until their window ends. */
    public MapSlot<String, Attributable> attributable() {
        return attributable;
    }
}

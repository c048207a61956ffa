package com.acmebank.triggers.engine;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.policy.ContactLog;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.trigger.TriggerState;
import java.util.List;

/**
 * One customer's state as typed slots. The Flink operator binds them to keyed state (which follows the current
 * key), tests and the benchmark to plain maps ({@link InMemoryTimelineState}). Knows nothing of timers.
 */
public interface TimelineState {
    /** Events waiting for event time to reach them, by event time. */
    MapSlot<Long, List<Event>> inbox();

    /** eventIds seen within the dedup retention, with their event time. */
    MapSlot<String, Long> seenEventIds();

    /** The profile in effect. */
    ValueSlot<Profile> profile();

    /** Newer profile versions waiting for event time to reach their updatedAt. */
    MapSlot<Long, Profile> pendingProfiles();

    /** The customer's own instants: profile activation, next sweep, how many versions wait. */
    ValueSlot<TimelineClock> clock();

    /** Each rule trigger's state, by state key. */
    MapSlot<String, TriggerState> triggers();

    /** When a rule last reached the customer, by repeat key (ruleId|key). */
    MapSlot<String, Long> lastFired();

    ValueSlot<ContactLog> contactLog();

    /** Offers held through quiet hours, by offerId. */
    MapSlot<String, DeferredOffer> deferred();

    /** Instants rules asked to be woken at, with how many asked. */
    MapSlot<Long, Integer> wakeUps();
}

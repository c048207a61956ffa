package com.acmebank.triggers.flink;

import com.acmebank.triggers.engine.DeferredOffer;
import com.acmebank.triggers.engine.MapSlot;
import com.acmebank.triggers.engine.TimelineClock;
import com.acmebank.triggers.engine.TimelineState;
import com.acmebank.triggers.engine.ValueSlot;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.policy.ContactLog;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.trigger.TriggerState;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;

/** A customer's timeline state bound to the keyed state of {@link StateDescriptors}, for the current key. */
final class FlinkTimelineState implements TimelineState {
    private final MapSlot<Long, List<Event>> inbox;
    private final MapSlot<String, Long> seen;
    private final ValueSlot<Profile> profile;
    private final MapSlot<Long, Profile> pendingProfiles;
    private final ValueSlot<TimelineClock> clock;
    private final MapSlot<String, TriggerState> triggers;
    private final MapSlot<String, Long> lastFired;
    private final ValueSlot<ContactLog> contactLog;
    private final MapSlot<String, DeferredOffer> deferred;
    private final MapSlot<Long, Integer> wakeUps;

    FlinkTimelineState(RuntimeContext context) {
        inbox = FlinkSlots.map(context.getMapState(StateDescriptors.buffer()));
        seen = FlinkSlots.map(context.getMapState(StateDescriptors.seenEventIds()));
        profile = FlinkSlots.value(context.getState(StateDescriptors.profile()));
        pendingProfiles = FlinkSlots.map(context.getMapState(StateDescriptors.pendingProfiles()));
        clock = new ClockSlot(context.getState(StateDescriptors.customerClock()));
        triggers = FlinkSlots.map(context.getMapState(StateDescriptors.triggers()));
        lastFired = FlinkSlots.map(context.getMapState(StateDescriptors.lastFired()));
        contactLog = FlinkSlots.value(context.getState(StateDescriptors.contactLog()));
        deferred = FlinkSlots.map(context.getMapState(StateDescriptors.deferred()));
        wakeUps = FlinkSlots.map(context.getMapState(StateDescriptors.wakeUps()));
    }

    @Override public MapSlot<Long, List<Event>> inbox() { return inbox; }
    @Override public MapSlot<String, Long> seenEventIds() { return seen; }
    @Override public ValueSlot<Profile> profile() { return profile; }
    @Override public MapSlot<Long, Profile> pendingProfiles() { return pendingProfiles; }
    @Override public ValueSlot<TimelineClock> clock() { return clock; }
    @Override public MapSlot<String, TriggerState> triggers() { return triggers; }
    @Override public MapSlot<String, Long> lastFired() { return lastFired; }
    @Override public ValueSlot<ContactLog> contactLog() { return contactLog; }
    @Override public MapSlot<String, DeferredOffer> deferred() { return deferred; }
    @Override public MapSlot<Long, Integer> wakeUps() { return wakeUps; }

    /** The clock is stored as {@link CustomerClock}, the POJO earlier savepoints hold. */
    private static final class ClockSlot implements ValueSlot<TimelineClock> {
        private final ValueSlot<CustomerClock> stored;

        ClockSlot(ValueState<CustomerClock> state) {
            this.stored = FlinkSlots.value(state);
        }

        @Override
        public TimelineClock get() {
            CustomerClock s = stored.get();
            if (s == null) {
                return null;
            }
            TimelineClock c = new TimelineClock();
            c.profileActivation = s.profileActivation;
            c.housekeepingAt = s.housekeepingAt;
            c.pendingProfiles = s.pendingProfiles;
            return c;
        }

        @Override
        public void set(TimelineClock c) {
            CustomerClock s = new CustomerClock();
            s.profileActivation = c.profileActivation;
            s.housekeepingAt = c.housekeepingAt;
            s.pendingProfiles = c.pendingProfiles;
            stored.set(s);
        }

        @Override
        public void clear() {
            stored.clear();
        }
    }
}

package com.acmebank.triggers.flink;

import com.acmebank.triggers.engine.TimelineClock;
import com.acmebank.triggers.engine.TimelineState;
import com.acmebank.triggers.engine.ValueSlot;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;

/** A customer's timeline state bound to the keyed state of {@link StateDescriptors}, for the current key. */
final class FlinkTimelineState extends TimelineState {
    FlinkTimelineState(RuntimeContext context) {
        super(FlinkSlots.map(context.getMapState(StateDescriptors.buffer())),
                FlinkSlots.map(context.getMapState(StateDescriptors.seenEventIds())),
                FlinkSlots.value(context.getState(StateDescriptors.profile())),
                FlinkSlots.map(context.getMapState(StateDescriptors.pendingProfiles())),
                new ClockSlot(context.getState(StateDescriptors.customerClock())),
                FlinkSlots.map(context.getMapState(StateDescriptors.triggers())),
                FlinkSlots.map(context.getMapState(StateDescriptors.lastFired())),
                FlinkSlots.value(context.getState(StateDescriptors.contactLog())),
                FlinkSlots.map(context.getMapState(StateDescriptors.deferred())),
                FlinkSlots.map(context.getMapState(StateDescriptors.wakeUps())),
                FlinkSlots.map(context.getMapState(StateDescriptors.reversibles())),
                FlinkSlots.map(context.getMapState(StateDescriptors.customerHoldings())),
                FlinkSlots.map(context.getMapState(StateDescriptors.attributable())));
    }

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
            c.schedulesArmed = s.schedulesArmed;
            c.wakeUpsKnown = s.wakeUpsKnown;
            c.firstWakeUp = s.firstWakeUp;
            c.attributionKnown = s.attributionKnown;
            c.attributableUntil = s.attributableUntil;
            return c;
        }

        @Override
        public void set(TimelineClock c) {
            CustomerClock s = new CustomerClock();
            s.profileActivation = c.profileActivation;
            s.housekeepingAt = c.housekeepingAt;
            s.pendingProfiles = c.pendingProfiles;
            s.schedulesArmed = c.schedulesArmed;
            s.wakeUpsKnown = c.wakeUpsKnown;
            s.firstWakeUp = c.firstWakeUp;
            s.attributionKnown = c.attributionKnown;
            s.attributableUntil = c.attributableUntil;
            stored.set(s);
        }

        @Override
        public void clear() {
            stored.clear();
        }
    }
}

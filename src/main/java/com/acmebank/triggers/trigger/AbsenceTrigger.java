package com.acmebank.triggers.trigger;

import com.acmebank.triggers.event.Event;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fires when T passes without a matching event. With {@code after}, the clock starts at that event ("no
 * transaction within 7 days of opening"), a further {@code after} event while it runs does not restart it, and
 * any matching event stops it; without, every matching event
 * restarts it ("no transaction for 180 days since the last one"), so it fires once per quiet period. A
 * matching event at exactly the deadline still counts as in time (events are handled before timers).
 */
public final class AbsenceTrigger implements Trigger {
    private final EventMatcher after;
    private final EventMatcher missing;
    private final long duration;
    private final Set<String> types;

    public AbsenceTrigger(EventMatcher after, EventMatcher missing, long duration) {
        this.after = after;
        this.missing = missing;
        this.duration = duration;
        Set<String> all = new HashSet<>(missing.types());
        if (after != null) {
            all.addAll(after.types());
        }
        this.types = Set.copyOf(all);
    }

    @Override
    public Set<String> eventTypes() {
        return types;
    }

    @Override
    public boolean concerns(Event event, TriggerContext context) {
        return missing.matches(event, context.facts()) || (after != null && after.matches(event, context.facts()));
    }

    @Override
    public Firing onEvent(Event event, TriggerState state, TriggerContext context) {
        if (missing.matches(event, context.facts())) {
            if (after == null) {
                state.touch(event.eventTime);
                start(state, event);
            } else if (state.deadline != TriggerState.NONE) {
                state.touch(event.eventTime);
                state.deadline = TriggerState.NONE;
                state.anchorTime = TriggerState.NONE;
                state.anchorEventId = null;
                state.anchorEvent = null;
            }
        } else if (after != null && after.matches(event, context.facts()) && state.deadline == TriggerState.NONE) {
            // the clock runs from the first `after` event; a second one while it runs does not restart it
            state.touch(event.eventTime);
            start(state, event);
        }
        return null;
    }

    private void start(TriggerState state, Event event) {
        state.anchorTime = event.eventTime;
        state.anchorEventId = event.eventId;
        state.deadline = event.eventTime + duration;
        if (after != null) {
            state.anchorEvent = DelayTrigger.cited(event);
        }
    }

    @Override
    public Firing onDeadline(long time, TriggerState state, TriggerContext context) {
        if (state.deadline == TriggerState.NONE || state.deadline > time) {
            return null;
        }
        long due = state.deadline;
        state.deadline = TriggerState.NONE;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("since", com.acmebank.triggers.event.Times.format(state.anchorTime));
        details.put("quietFor", com.acmebank.triggers.spec.Durations.format(duration));
        List<String> ids = state.anchorEventId == null ? List.of() : List.of(state.anchorEventId);
        Event started = state.anchorEvent;
        state.anchorEvent = null;
        // with `after`, the offer may cite the event that started the clock ({{event.amount}})
        return started == null ? Firing.onTimer(due, "absence", ids, details) : new Firing(ids, due, "absence@" + due, started, details);
    }

    @Override
    public boolean retain(TriggerState state, long now, TriggerContext context) {
        return state.deadline != TriggerState.NONE;
    }

    @Override
    public StateCost stateCost(int windowCapacity) {
        return new StateCost("one deadline and the eventId it counts from", duration);
    }

    @Override
    public boolean firesOnEvent() {
        return false;
    }

    @Override
    public boolean citesEvent() {
        return after != null;
    }

    @Override
    public Set<String> guaranteedFields() {
        return after != null ? after.guaranteedFields() : Set.of();
    }

    @Override
    public Set<String> detailKeys() {
        return Set.of("since", "quietFor");
    }

    @Override
    public boolean ages() {
        return false;
    }
}

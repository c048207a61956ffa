package com.acmebank.triggers.trigger;

import com.acmebank.triggers.event.Event;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Fires on every matching event; with {@code idleFor}, only on one that follows the previous matching event
 * after at least that long (a return after dormancy; the gap is inclusive: exactly 180 days counts); with
 * {@code firstEver}, only on the customer's first matching event, judged on what the customer did (not on what
 * was sent: a first payment whose offer the policy suppressed still uses it up).
 */
public final class EventTrigger extends MatchingTrigger {
    private final long idleFor;
    private final boolean firstEver;

    public EventTrigger(EventMatcher matcher, long idleFor) {
        this(matcher, idleFor, false);
    }

    public EventTrigger(EventMatcher matcher, long idleFor, boolean firstEver) {
        super(matcher);
        this.idleFor = idleFor;
        this.firstEver = firstEver;
    }

    @Override
    public Firing onEvent(Event event, TriggerState state, TriggerContext context) {
        if (firstEver) {
            if (state.anchorTime != TriggerState.NONE) {
                return null;
            }
            state.anchorTime = event.eventTime;
            state.anchorEventId = event.eventId;
            state.touch(event.eventTime);
            return Firing.onEvent(event, null);
        }
        if (idleFor <= 0) {
            return Firing.onEvent(event, null);
        }
        long previous = state.anchorTime;
        state.anchorTime = event.eventTime;
        state.anchorEventId = event.eventId;
        state.touch(event.eventTime);
        if (previous == TriggerState.NONE || event.eventTime - previous < idleFor) {
            return null;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("previousEventTime", com.acmebank.triggers.event.Times.format(previous));
        details.put("idleDays", (event.eventTime - previous) / 86_400_000L);
        return Firing.onEvent(event, details);
    }

    /** The last matching event is remembered as long as the customer exists: one number, needed to see a return. */
    @Override
    public boolean retain(TriggerState state, long now, TriggerContext context) {
        return (idleFor > 0 || firstEver) && state.anchorTime != TriggerState.NONE;
    }

    @Override
    public boolean firesOnEvent() {
        return true;
    }

    public boolean stateless() {
        return idleFor <= 0 && !firstEver;
    }

    @Override
    public Set<String> detailKeys() {
        return idleFor > 0 ? Set.of("previousEventTime", "idleDays") : Set.of();
    }

    @Override
    public StateCost stateCost(int windowCapacity) {
        if (firstEver) {
            return new StateCost("one instant (the first matching event)", StateCost.FOREVER);
        }
        return idleFor > 0 ? new StateCost("one instant (the last matching event)", StateCost.FOREVER) : StateCost.NONE;
    }

    @Override
    public boolean ages() {
        return false;
    }
}

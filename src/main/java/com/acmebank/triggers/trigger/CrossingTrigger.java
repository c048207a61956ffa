package com.acmebank.triggers.trigger;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.Money;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A value crossing upward to {@code above} or more from below, with hysteresis: after firing it re-arms only
 * once the value falls below {@code rearmBelow}. The first value seen only sets the starting side (armed if
 * below {@code above}), since nothing is known of where it came from.
 */
public final class CrossingTrigger extends MatchingTrigger {
    /** How long a customer's last side is remembered without a new value. */
    static final long MEMORY = 400L * 86_400_000L;

    private final ValueReader value;
    private final long above;
    private final long rearmBelow;

    public CrossingTrigger(EventMatcher matcher, ValueReader value, long above, long rearmBelow) {
        super(matcher);
        this.value = value;
        this.above = above;
        this.rearmBelow = rearmBelow;
    }

    @Override
    public Firing onEvent(Event event, TriggerState state, TriggerContext context) {
        Long v = value.units(context.facts());
        if (v == null) {
            return null;
        }
        state.touch(event.eventTime);
        if (state.mode == TriggerState.ARMED && v >= above) {
            state.mode = TriggerState.DISARMED;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put(value.name(), Money.fromUnits(v));
            details.put("threshold", Money.fromUnits(above));
            return Firing.onEvent(event, details);
        }
        if (state.mode == TriggerState.UNKNOWN) {
            state.mode = v < above ? TriggerState.ARMED : TriggerState.DISARMED;
        } else if (state.mode == TriggerState.DISARMED && v < rearmBelow) {
            state.mode = TriggerState.ARMED;
        }
        return null;
    }

    @Override
    public boolean retain(TriggerState state, long now, TriggerContext context) {
        return state.lastSeen != TriggerState.NONE && now - state.lastSeen <= MEMORY;
    }

    @Override
    public StateCost stateCost(int windowCapacity) {
        return new StateCost("which side of the threshold the value is on", MEMORY);
    }

    @Override
    public boolean firesOnEvent() {
        return true;
    }

    @Override
    public Set<String> detailKeys() {
        return Set.of(value.name(), "threshold");
    }
}

package com.acmebank.triggers.trigger;

import com.acmebank.triggers.event.Event;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All of two or more triggers at once: fires on an event after which every member holds when they did not all
 * hold after the previous event it judged. An aggregate holds while its bounds hold over its current window or
 * period (so "no purchase in the last 24 hours" is an aggregate with {@code count: {eq: 0}}); an event member
 * holds only on an event it matches, so with one the rule fires on each such event the others allow. "3 logins
 * within 24 hours and no purchase in them" fires on the third login, or on the first login after the purchase
 * has left the 24 hours. Each member keeps its own state under its own key; the composite keeps whether all
 * held (mode HELD).
 */
public final class AllOfTrigger implements Trigger {
    private final List<Trigger> members;
    private final Set<String> types;

    public AllOfTrigger(List<Trigger> members) {
        for (Trigger m : members) {
            if (!(m instanceof AggregateTrigger) && !(m instanceof EventTrigger)) {
                throw new IllegalArgumentException("allOf members are event or aggregate triggers");
            }
        }
        this.members = List.copyOf(members);
        Set<String> all = new HashSet<>();
        members.forEach(m -> all.addAll(m.eventTypes()));
        this.types = Set.copyOf(all);
    }

    public List<Trigger> members() {
        return members;
    }

    @Override
    public Set<String> eventTypes() {
        return types;
    }

    @Override
    public boolean concerns(Event event, TriggerContext context) {
        for (Trigger m : members) {
            if (m.concerns(event, context)) {
                return true;
            }
        }
        return false;
    }

    /** The members' states are kept apart; {@link #onEvent(Event, TriggerState[], TriggerContext)} is the way in. */
    @Override
    public Firing onEvent(Event event, TriggerState state, TriggerContext context) {
        throw new UnsupportedOperationException("allOf is evaluated with one state per member");
    }

    /**
     * {@code own}: the composite's state (whether all held after the previous event); {@code states}: one per
     * member, in order (a member's state is touched when the event changed it).
     */
    public Firing onEvent(Event event, TriggerState own, TriggerState[] states, TriggerContext context) {
        boolean before = own.mode == TriggerState.HELD;
        boolean after = true;
        boolean momentary = false;
        long now = event.eventTime;
        for (int i = 0; i < members.size(); i++) {
            Trigger m = members.get(i);
            boolean concerned = m.concerns(event, context);
            if (m instanceof AggregateTrigger a) {
                if (concerned) {
                    a.onEvent(event, states[i], context);
                }
                after &= a.holds(states[i], now, context);
            } else {
                momentary = true;
                after &= concerned && m.onEvent(event, states[i], context) != null;
            }
        }
        // with an event member the conjunction is a moment, never a lasting state
        boolean held = after && !momentary;
        if (held != before) {
            own.mode = held ? TriggerState.HELD : TriggerState.UNKNOWN;
            own.touch(now);
        }
        if ((before && !momentary) || !after) {
            return null;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i) instanceof AggregateTrigger a) {
                Map<String, Object> part = new LinkedHashMap<>();
                a.describe(part, states[i], now, context);
                for (Map.Entry<String, Object> e : part.entrySet()) {
                    details.put("m" + i + "." + e.getKey(), e.getValue());
                }
            }
        }
        return Firing.onEvent(event, details);
    }

    /** Only "all held" needs keeping: forgetting "not held" changes nothing. */
    @Override
    public boolean retain(TriggerState state, long now, TriggerContext context) {
        return state.mode == TriggerState.HELD;
    }

    @Override
    public StateCost stateCost(int windowCapacity) {
        StringBuilder bound = new StringBuilder();
        long horizon = 0;
        for (Trigger m : members) {
            StateCost c = m.stateCost(windowCapacity);
            if (c != StateCost.NONE) {
                bound.append(bound.length() == 0 ? "" : " + ").append(c.bound());
                horizon = Math.max(horizon, c.horizonMillis());
            }
        }
        return bound.length() == 0 ? StateCost.NONE : new StateCost(bound.toString(), horizon);
    }

    @Override
    public boolean firesOnEvent() {
        return true;
    }

    /** The event it fires on may be any member's: only what every member guarantees. */
    @Override
    public Set<String> guaranteedFields() {
        Set<String> common = null;
        for (Trigger m : members) {
            if (common == null) {
                common = new HashSet<>(m.guaranteedFields());
            } else {
                common.retainAll(m.guaranteedFields());
            }
        }
        return common == null ? Set.of() : Set.copyOf(common);
    }

    @Override
    public Set<String> detailKeys() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i) instanceof AggregateTrigger) {
                for (String k : members.get(i).detailKeys()) {
                    keys.add("m" + i + "." + k);
                }
            }
        }
        return Set.copyOf(keys);
    }
}

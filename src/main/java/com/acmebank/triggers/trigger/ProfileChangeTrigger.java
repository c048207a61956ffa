package com.acmebank.triggers.trigger;

import com.acmebank.triggers.condition.Facts;
import com.acmebank.triggers.condition.Field;
import com.acmebank.triggers.condition.ReferenceLists;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.profile.Profile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fires when a profile version takes effect in which a field changed (upgraded to GOLD: {@code field: tier,
 * to: [GOLD]}), optionally only from given values. The first profile known of a customer is the baseline and
 * fires nothing. It fires at the instant the version takes effect (its updatedAt), so policy and arbitration
 * judge it then. State: the field's last value.
 */
public final class ProfileChangeTrigger implements Trigger {
    private final Field field;
    private final Set<String> from;
    private final Set<String> to;

    /** {@code from}, {@code to}: the values that count (null: any). */
    public ProfileChangeTrigger(Field field, Set<String> from, Set<String> to) {
        this.field = field;
        this.from = from == null ? null : Set.copyOf(from);
        this.to = to == null ? null : Set.copyOf(to);
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of();
    }

    @Override
    public boolean concerns(Event event, TriggerContext context) {
        return false;
    }

    @Override
    public Firing onEvent(Event event, TriggerState state, TriggerContext context) {
        return null;
    }

    @Override
    public boolean armedByProfile() {
        return true;
    }

    @Override
    public Firing onProfile(Profile profile, long time, TriggerState state, TriggerContext context) {
        Object v = field.read(Facts.of(null, profile, ReferenceLists.empty()));
        String now = v == null ? null : v.toString();
        boolean known = state.mode == TriggerState.ARMED;
        String before = state.anchorEventId;
        state.anchorEventId = now;
        state.anchorTime = time;
        state.mode = TriggerState.ARMED;
        if (!known || Objects.equals(before, now)) {
            return null;
        }
        if ((to != null && (now == null || !to.contains(now))) || (from != null && (before == null || !from.contains(before)))) {
            return null;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", field.path());
        details.put("from", before);
        details.put("to", now);
        return Firing.onTimer(time, "profile", List.of(), details);
    }

    @Override
    public boolean retain(TriggerState state, long now, TriggerContext context) {
        return state.mode == TriggerState.ARMED;
    }

    @Override
    public boolean ages() {
        return false;
    }

    @Override
    public StateCost stateCost(int windowCapacity) {
        return new StateCost("the last value of " + field.path(), StateCost.FOREVER);
    }

    @Override
    public boolean firesOnEvent() {
        return false;
    }

    @Override
    public Set<String> guaranteedFields() {
        return Set.of();
    }

    @Override
    public Set<String> detailKeys() {
        return Set.of("field", "from", "to");
    }
}

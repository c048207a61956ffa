package com.acmebank.triggers.trigger;

import com.acmebank.triggers.event.Event;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A then B within T (inclusive): fires on the first B after A when it comes no later than T after A. The first
 * B ends the sequence either way, so "the first salary after opening" is exactly that; a new A starts over.
 */
public final class SequenceTrigger implements Trigger {
    private final EventMatcher first;
    private final EventMatcher then;
    private final long within;
    private final Set<String> types;

    public SequenceTrigger(EventMatcher first, EventMatcher then, long within) {
        this.first = first;
        this.then = then;
        this.within = within;
        Set<String> all = new HashSet<>(first.types());
        all.addAll(then.types());
        this.types = Set.copyOf(all);
    }

    @Override
    public Set<String> eventTypes() {
        return types;
    }

    @Override
    public boolean concerns(Event event, TriggerContext context) {
        return first.matches(event, context.facts()) || then.matches(event, context.facts());
    }

    @Override
    public Firing onEvent(Event event, TriggerState state, TriggerContext context) {
        if (state.anchorTime != TriggerState.NONE && then.matches(event, context.facts())) {
            long started = state.anchorTime;
            String startEvent = state.anchorEventId;
            state.touch(event.eventTime);
            state.anchorTime = TriggerState.NONE;
            state.anchorEventId = null;
            if (event.eventTime - started <= within) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("sequenceStart", com.acmebank.triggers.event.Times.format(started));
                return new Firing(List.of(startEvent, event.eventId), event.eventTime, event.eventId, event, details);
            }
            return null;
        }
        if (first.matches(event, context.facts())) {
            state.anchorTime = event.eventTime;
            state.anchorEventId = event.eventId;
            state.touch(event.eventTime);
        }
        return null;
    }

    @Override
    public boolean retain(TriggerState state, long now, TriggerContext context) {
        return state.anchorTime != TriggerState.NONE && now - state.anchorTime <= within;
    }

    @Override
    public boolean firesOnEvent() {
        return true;
    }

    @Override
    public Set<String> guaranteedFields() {
        return then.guaranteedFields();
    }

    @Override
    public Set<String> detailKeys() {
        return Set.of("sequenceStart");
    }
}

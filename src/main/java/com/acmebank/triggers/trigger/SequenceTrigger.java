package com.acmebank.triggers.trigger;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.Times;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Steps in order, all within T of the first (inclusive): fires on the event that completes the last step. It
 * is greedy from the first step: each next step is the first matching event after the one before; a step that
 * comes too late ends the sequence without firing, and an event matching {@code without} (something that must
 * not happen in between) ends it too. A new first step while a sequence runs (and does not match the next
 * step) starts over from it. With two steps: "account opened, then the first salary within 30 days" (S3).
 *
 * <p>State: the time of the first step, the eventIds matched so far (comma-joined) and the index of the next step.
 */
public final class SequenceTrigger implements Trigger {
    private final List<EventMatcher> steps;
    private final EventMatcher without;
    private final long within;
    private final Set<String> types;

    public SequenceTrigger(List<EventMatcher> steps, EventMatcher without, long within) {
        if (steps.size() < 2) {
            throw new IllegalArgumentException("a sequence has at least two steps");
        }
        this.steps = List.copyOf(steps);
        this.without = without;
        this.within = within;
        Set<String> all = new HashSet<>();
        steps.forEach(s -> all.addAll(s.types()));
        if (without != null) {
            all.addAll(without.types());
        }
        this.types = Set.copyOf(all);
    }

    public SequenceTrigger(EventMatcher first, EventMatcher then, long within) {
        this(List.of(first, then), null, within);
    }

    @Override
    public Set<String> eventTypes() {
        return types;
    }

    @Override
    public boolean concerns(Event event, TriggerContext context) {
        if (without != null && without.matches(event, context.facts())) {
            return true;
        }
        for (EventMatcher step : steps) {
            if (step.matches(event, context.facts())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Firing onEvent(Event event, TriggerState state, TriggerContext context) {
        if (state.anchorTime != TriggerState.NONE) {
            // state written by the two-step version has no step index: it waits for the second step
            int next = Math.max(1, state.mode);
            if (without != null && without.matches(event, context.facts())) {
                reset(state, event.eventTime);
                return null;
            }
            if (steps.get(next).matches(event, context.facts())) {
                long started = state.anchorTime;
                if (event.eventTime - started > within) {
                    reset(state, event.eventTime);
                    // too late: this event may still begin a sequence of its own, below
                } else if (next == steps.size() - 1) {
                    List<String> ids = new java.util.ArrayList<>(Arrays.asList(state.anchorEventId.split(",")));
                    ids.add(event.eventId);
                    reset(state, event.eventTime);
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("sequenceStart", Times.format(started));
                    return new Firing(List.copyOf(ids), event.eventTime, event.eventId, event, details);
                } else {
                    state.anchorEventId = state.anchorEventId + "," + event.eventId;
                    state.mode = next + 1;
                    state.touch(event.eventTime);
                    return null;
                }
            }
        }
        if (steps.get(0).matches(event, context.facts())) {
            state.anchorTime = event.eventTime;
            state.anchorEventId = event.eventId;
            state.mode = 1;
            state.touch(event.eventTime);
        }
        return null;
    }

    private static void reset(TriggerState state, long time) {
        state.anchorTime = TriggerState.NONE;
        state.anchorEventId = null;
        state.mode = TriggerState.UNKNOWN;
        state.touch(time);
    }

    @Override
    public boolean retain(TriggerState state, long now, TriggerContext context) {
        return state.anchorTime != TriggerState.NONE && now - state.anchorTime <= within;
    }

    @Override
    public StateCost stateCost(int windowCapacity) {
        int ids = steps.size() - 1;
        return new StateCost("one instant and up to " + ids + (ids == 1 ? " eventId" : " eventIds"), within);
    }

    @Override
    public Set<String> firingTypes() {
        return steps.get(steps.size() - 1).types();
    }

    @Override
    public boolean firesOnEvent() {
        return true;
    }

    @Override
    public Set<String> guaranteedFields() {
        return steps.get(steps.size() - 1).guaranteedFields();
    }

    @Override
    public Set<String> detailKeys() {
        return Set.of("sequenceStart");
    }
}

package com.acmebank.triggers.trigger;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A timer started by an event: fires {@code delay} after it, or, with {@code at}, at that local time on the day
 * {@code delay} after it ("10:00 the next day": delay 1d, at 10:00), in the customer's zone. A newer matching
 * event while one waits replaces it (the offer follows the latest). The firing cites the event that started it.
 */
public final class DelayTrigger implements Trigger {
    private final EventMatcher after;
    private final long delay;
    private final LocalTime at;

    public DelayTrigger(EventMatcher after, long delay, LocalTime at) {
        this.after = after;
        this.delay = delay;
        this.at = at;
    }

    @Override
    public Set<String> eventTypes() {
        return after.types();
    }

    @Override
    public boolean concerns(Event event, TriggerContext context) {
        return after.matches(event, context.facts());
    }

    @Override
    public Firing onEvent(Event event, TriggerState state, TriggerContext context) {
        state.anchorTime = event.eventTime;
        state.anchorEventId = event.eventId;
        state.anchorEvent = cited(event);
        state.deadline = due(event.eventTime, context.zone());
        state.touch(event.eventTime);
        return null;
    }

    /** The instant it fires for an event at {@code time}; always after the event. */
    long due(long time, ZoneId zone) {
        if (at == null) {
            return time + delay;
        }
        LocalDate day = ZonedDateTime.ofInstant(Instant.ofEpochMilli(time + delay), zone).toLocalDate();
        long t = ZonedDateTime.of(day, at, zone).toInstant().toEpochMilli();
        return t > time ? t : ZonedDateTime.of(day.plusDays(1), at, zone).toInstant().toEpochMilli();
    }

    @Override
    public Firing onDeadline(long time, TriggerState state, TriggerContext context) {
        if (state.deadline == TriggerState.NONE || state.deadline > time) {
            return null;
        }
        long due = state.deadline;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("startedBy", state.anchorEventId);
        details.put("startedAt", Times.format(state.anchorTime));
        List<String> ids = List.of(state.anchorEventId);
        Event started = state.anchorEvent;
        state.deadline = TriggerState.NONE;
        state.anchorTime = TriggerState.NONE;
        state.anchorEventId = null;
        state.anchorEvent = null;
        return new Firing(ids, due, "delay@" + due, started, details);
    }

    /** The event as a template reads it, without its text and source (kept only until the gate anyway). */
    static Event cited(Event e) {
        Event copy = e.copyFor(e.customerId);
        copy.fannedOut = e.fannedOut;
        return copy;
    }

    @Override
    public boolean citesEvent() {
        return true;
    }

    @Override
    public boolean retain(TriggerState state, long now, TriggerContext context) {
        return state.deadline != TriggerState.NONE;
    }

    @Override
    public StateCost stateCost(int windowCapacity) {
        return new StateCost("one deadline and the eventId that started it", delay + 86_400_000L);
    }

    @Override
    public boolean firesOnEvent() {
        return false;
    }

    @Override
    public Set<String> guaranteedFields() {
        return after.guaranteedFields();
    }

    @Override
    public Set<String> detailKeys() {
        return Set.of("startedBy", "startedAt");
    }

    @Override
    public boolean ages() {
        return false;
    }
}

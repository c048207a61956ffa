package com.acmebank.triggers.trigger;

import com.acmebank.triggers.event.Event;
import java.util.List;
import java.util.Map;

/**
 * A trigger's moment: which events made it fire, when, a stable key for the offer id, the event it fired
 * on (null for timers) and what the engine knew (aggregates), for templates and the audit record.
 */
public record Firing(List<String> triggerEventIds, long triggerTime, String triggerKey, Event event, Map<String, Object> details) {

    public static Firing onEvent(Event e, Map<String, Object> details) {
        return new Firing(List.of(e.eventId), e.eventTime, e.eventId, e, details);
    }

    public static Firing onTimer(long time, String kind, List<String> eventIds, Map<String, Object> details) {
        return new Firing(eventIds, time, kind + "@" + time, null, details);
    }
}

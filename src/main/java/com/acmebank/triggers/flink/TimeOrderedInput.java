package com.acmebank.triggers.flink;

import com.acmebank.triggers.event.Event;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.streaming.api.TimerService;

/**
 * Holds a key's events until the watermark passes them, then hands them out in event-time order, and events
 * of the same instant by eventId: rules then see the same sequence whatever the arrival order within the
 * out-of-orderness bound, and whichever path (the file, a fan-out task) an event came by. Also drops a
 * repeated eventId (an upstream retry) for as long as the dedup retention.
 */
final class TimeOrderedInput {
    private final MapState<Long, List<Event>> buffer;
    private final MapState<String, Long> seen;

    TimeOrderedInput(RuntimeContext context) {
        this.buffer = context.getMapState(StateDescriptors.buffer());
        this.seen = context.getMapState(StateDescriptors.seenEventIds());
    }

    /** Buffers the event and asks for a timer at its time; false when its eventId was seen already. */
    boolean accept(Event event, TimerService timers) throws Exception {
        if (seen.contains(event.eventId)) {
            return false;
        }
        seen.put(event.eventId, event.eventTime);
        List<Event> at = buffer.get(event.eventTime);
        if (at == null) {
            at = new ArrayList<>(1);
        }
        at.add(event);
        buffer.put(event.eventTime, at);
        timers.registerEventTimeTimer(event.eventTime);
        return true;
    }

    boolean hasEventsAt(long time) throws Exception {
        return buffer.contains(time);
    }

    /** The events at exactly this time, by eventId, removed from the buffer. */
    List<Event> take(long time) throws Exception {
        List<Event> events = buffer.get(time);
        if (events != null) {
            buffer.remove(time);
            if (events.size() > 1) {
                events.sort(BY_EVENT_ID);
            }
        }
        return events;
    }

    private static final java.util.Comparator<Event> BY_EVENT_ID = java.util.Comparator.comparing((Event e) -> e.eventId);

    /** Forgets eventIds older than the cutoff; returns true while some are still remembered. */
    boolean forgetBefore(long cutoff) throws Exception {
        boolean remaining = false;
        Iterator<Map.Entry<String, Long>> it = seen.iterator();
        while (it.hasNext()) {
            if (it.next().getValue() < cutoff) {
                it.remove();
            } else {
                remaining = true;
            }
        }
        if (!remaining) {
            seen.clear(); // an emptied map may otherwise linger as an empty entry
        }
        return remaining;
    }
}

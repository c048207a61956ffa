package com.acmebank.triggers.engine;

import com.acmebank.triggers.event.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Holds a key's events until event time reaches them, then hands them out in event-time order, and events of
 * the same instant by eventId: rules then see the same sequence whatever the arrival order within the
 * out-of-orderness bound, and whichever path (the file, a fan-out task) an event came by. Drops a repeated
 * eventId (an upstream retry) for as long as the dedup retention. Used by both keyed operators.
 */
public final class EventInbox {
    private static final Comparator<Event> BY_EVENT_ID = Comparator.comparing((Event e) -> e.eventId);

    private EventInbox() {}

    /** Buffers the event; false when its eventId was seen already. The caller needs a wake-up at its time. */
    public static boolean accept(Event event, MapSlot<Long, List<Event>> inbox, MapSlot<String, Long> seen) {
        if (seen.contains(event.eventId)) {
            return false;
        }
        seen.put(event.eventId, event.eventTime);
        List<Event> at = inbox.get(event.eventTime);
        if (at == null) {
            at = new ArrayList<>(1);
        }
        at.add(event);
        inbox.put(event.eventTime, at);
        return true;
    }

    /** The events at exactly this time, by eventId, removed from the inbox; null when there are none. */
    public static List<Event> take(long time, MapSlot<Long, List<Event>> inbox) {
        List<Event> events = inbox.get(time);
        if (events != null) {
            inbox.remove(time);
            if (events.size() > 1) {
                events.sort(BY_EVENT_ID);
            }
        }
        return events;
    }

    /** Forgets eventIds older than the cutoff; true while some are still remembered. */
    public static boolean forgetBefore(long cutoff, MapSlot<String, Long> seen) {
        return seen.retainOnly(time -> time >= cutoff);
    }
}

package com.acmebank.triggers.trigger;

import com.acmebank.triggers.event.Event;
import java.util.Set;

/**
 * A trigger that reacts to the events one matcher accepts (event, aggregate, crossing, drop, change): what
 * types it reacts to, whether an event concerns it, and which fields its events always have follow from that
 * matcher alone.
 */
abstract class MatchingTrigger implements Trigger {
    protected final EventMatcher matcher;

    MatchingTrigger(EventMatcher matcher) {
        this.matcher = matcher;
    }

    @Override
    public final Set<String> eventTypes() {
        return matcher.types();
    }

    @Override
    public final boolean concerns(Event event, TriggerContext context) {
        return matcher.matches(event, context.facts());
    }

    @Override
    public final Set<String> guaranteedFields() {
        return matcher.guaranteedFields();
    }
}

package com.acmebank.triggers.condition;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.profile.Profile;

/**
 * What a condition or template can look at: the event being evaluated (null for timers), the customer's
 * profile (null when unknown) and the reference lists. One instance is reused per operator.
 */
public final class Facts {
    private Event event;
    private Profile profile;
    private ReferenceLists lists = ReferenceLists.empty();

    public Facts set(Event event, Profile profile, ReferenceLists lists) {
        this.event = event;
        this.profile = profile;
        this.lists = lists;
        return this;
    }

    public static Facts of(Event event, Profile profile, ReferenceLists lists) {
        return new Facts().set(event, profile, lists);
    }

    public Event event() {
        return event;
    }

    public Profile profile() {
        return profile;
    }

    public ReferenceLists lists() {
        return lists;
    }
}

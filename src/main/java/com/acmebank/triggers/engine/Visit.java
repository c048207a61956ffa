package com.acmebank.triggers.engine;

import com.acmebank.triggers.policy.ContactPolicy;
import com.acmebank.triggers.profile.Profile;
import java.time.ZoneId;

/**
 * The customer being advanced: whose state, where records go, how to ask for a wake-up, and the profile in
 * effect with its zone (read once per visit, re-read when a profile version takes effect). Reused, not
 * allocated per call.
 */
final class Visit {
    String customerId;
    TimelineState state;
    TimelineOutput out;
    Agenda agenda;
    Profile profile;
    ZoneId zone;
    /** The customer's clock for this visit (never null), written back at its end when {@link #clockChanged}. */
    TimelineClock clock;
    boolean clockChanged;

    void bind(String customerId, TimelineState state, TimelineOutput out, Agenda agenda) {
        this.customerId = customerId;
        this.state = state;
        this.out = out;
        this.agenda = agenda;
        TimelineClock c = state.clock().get();
        this.clock = c == null ? new TimelineClock() : c;
        this.clockChanged = false;
    }

    /** A trigger state was removed: the profile-armed ones may no longer all be there. */
    void triggerStateRemoved() {
        if (clock.schedulesArmed != 0) {
            clock.schedulesArmed = 0;
            clockChanged = true;
        }
    }

    /** Reads the profile in effect (a deleted customer has none). */
    void readProfile(ContactPolicy policy) {
        Profile p = state.profile().get();
        profile = p == null || p.deleted ? null : p;
        zone = policy.zoneOf(profile);
    }

    void unbind() {
        state = null;
        out = null;
        agenda = null;
        profile = null;
        zone = null;
        clock = null;
    }
}

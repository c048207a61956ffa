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

    void bind(String customerId, TimelineState state, TimelineOutput out, Agenda agenda) {
        this.customerId = customerId;
        this.state = state;
        this.out = out;
        this.agenda = agenda;
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
    }
}

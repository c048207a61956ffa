package com.acmebank.triggers.condition;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.profile.Profile;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * What a condition or template can look at: the event being evaluated (null for timers), the customer's
 * profile (null when unknown) and the reference lists. One instance is reused per operator.
 */
public final class Facts {
    private Event event;
    private Profile profile;
    private ReferenceLists lists = ReferenceLists.empty();
    /** The instant being evaluated and the customer's zone: for local-time fields and the age. */
    private long time = Long.MIN_VALUE;
    private ZoneId zone = DEFAULT_ZONE;
    /** The products the customer holds and their types, when a rule reads them (else empty). */
    private List<String> holdings = List.of();
    private List<String> holdingTypes = List.of();
    /** The local date-time of {@link #time}, computed once per instant when a rule asks for it. */
    private LocalDateTime local;

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    public Facts set(Event event, Profile profile, ReferenceLists lists) {
        this.event = event;
        this.profile = profile;
        this.lists = lists;
        return this;
    }

    /** The instant being evaluated (the event's time, or the timer's) in the customer's zone. */
    public Facts at(long time, ZoneId zone) {
        if (time != this.time || zone != this.zone) {
            this.time = time;
            this.zone = zone == null ? DEFAULT_ZONE : zone;
            this.local = null;
        }
        return this;
    }

    /** Local date and time of the instant being evaluated, in the customer's zone; null when no instant is set. */
    public LocalDateTime localTime() {
        if (local == null && time != Long.MIN_VALUE) {
            local = LocalDateTime.ofInstant(Instant.ofEpochMilli(time), zone);
        }
        return local;
    }

    public Facts holdings(List<String> productIds, List<String> productTypes) {
        this.holdings = productIds;
        this.holdingTypes = productTypes;
        return this;
    }

    public List<String> holdings() {
        return holdings;
    }

    public List<String> holdingTypes() {
        return holdingTypes;
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

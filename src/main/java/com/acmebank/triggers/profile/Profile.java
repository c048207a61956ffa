package com.acmebank.triggers.profile;

import java.util.List;
import java.util.Map;

/** A customer profile from the CRM (docs/contracts.md, "Customer profiles"); a newer one replaces the older. */
public class Profile {
    /** updatedAt when the record carried none: it then applies from the start. */
    public static final long NO_TIME = Long.MIN_VALUE;

    public String customerId;
    public long updatedAt = NO_TIME;
    public String name;
    public String tier;
    public List<String> segments;
    /** ISO date (yyyy-MM-dd) or null. */
    public String birthDate;
    /** IANA zone id, already validated; null means the engine's default zone. */
    public String timezone;
    public String language;
    public Map<String, Boolean> consent;
    /** Further CRM fields (strings, numbers, booleans as text), addressable by rules as profile.attributes.NAME. */
    public Map<String, String> attributes;
    /** A tombstone: the CRM deleted the customer. */
    public boolean deleted;

    public Profile() {}

    public boolean consents(String channel) {
        Boolean granted = consent == null ? null : consent.get(channel);
        return granted != null && granted;
    }

    public boolean inSegment(String segment) {
        return segments != null && segments.contains(segment);
    }
}

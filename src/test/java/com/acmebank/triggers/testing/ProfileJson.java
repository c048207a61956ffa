package com.acmebank.triggers.testing;

import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.profile.ProfileParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds contract profiles for tests; by default consenting to SMS and PUSH, zh-CN, Asia/Shanghai, MASS. */
public final class ProfileJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode node = JSON.createObjectNode();

    private ProfileJson() {}

    public static ProfileJson of(String customerId) {
        ProfileJson p = new ProfileJson();
        p.node.put("customerId", customerId);
        p.node.put("name", "Test " + customerId);
        p.node.put("tier", "MASS");
        p.node.putArray("segments");
        p.node.put("timezone", "Asia/Shanghai");
        p.node.put("language", "zh-CN");
        p.node.putObject("consent").put("SMS", true).put("PUSH", true).put("EMAIL", false);
        return p;
    }

    public ProfileJson with(String field, String value) {
        node.put(field, value);
        return this;
    }

    /** A further CRM field, addressable as profile.attributes.NAME. */
    public ProfileJson attribute(String name, String value) {
        node.withObject("attributes").put(name, value);
        return this;
    }

    public ProfileJson without(String field) {
        node.remove(field);
        return this;
    }

    public ProfileJson segments(String... segments) {
        var array = node.putArray("segments");
        for (String s : segments) {
            array.add(s);
        }
        return this;
    }

    public ProfileJson consent(String channel, boolean granted) {
        node.withObject("consent").put(channel, granted);
        return this;
    }

    public String json() {
        return node.toString();
    }

    public Profile profile() {
        var parsed = new ProfileParser().parse(json());
        if (!parsed.isOk()) {
            throw new IllegalArgumentException(parsed.error());
        }
        return parsed.value();
    }
}

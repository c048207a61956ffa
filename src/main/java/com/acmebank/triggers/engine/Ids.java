package com.acmebank.triggers.engine;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids: the same rule, customer, channel and triggering moment always give the same offerId, so a
 * replay or a redelivery after a restart produces ids a gateway can de-duplicate on.
 */
public final class Ids {
    private Ids() {}

    public static String offerId(String ruleId, String customerId, String channel, String triggerKey) {
        return uuid("offer|" + ruleId + "|" + customerId + "|" + channel + "|" + triggerKey);
    }

    public static String decisionId(String offerId, String outcome, long decidedAt) {
        return uuid("decision|" + offerId + "|" + outcome + "|" + decidedAt);
    }

    public static String conversionId(String offerId, String eventId) {
        return uuid("conversion|" + offerId + "|" + eventId);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}

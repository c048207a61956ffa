package com.acmebank.triggers.template;

import com.acmebank.triggers.condition.Facts;
import java.time.ZoneId;
import java.util.Map;

/** Everything a message can be filled from at the moment an offer is made. */
public record RenderContext(
        Facts facts,
        Map<String, Object> payload,
        Map<String, Object> details,
        String ruleId,
        String ruleName,
        int ruleVersion,
        long expiresAt,
        ZoneId zone,
        String language,
        String currency) {}

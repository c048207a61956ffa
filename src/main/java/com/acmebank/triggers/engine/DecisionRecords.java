package com.acmebank.triggers.engine;

import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.Output;
import com.acmebank.triggers.template.Payload;
import com.acmebank.triggers.trigger.Firing;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the audit records: one decision per rule firing and channel, with what the engine knew as details. */
final class DecisionRecords {
    private static final JsonFactory JSON = new JsonFactory();

    private DecisionRecords() {}

    /** The decision on a firing of {@code rule} for output {@code o}. */
    static Decision of(CompiledRule rule, Output o, String variant, Firing firing, String customerId, String outcome, String reason,
            long decidedAt, String detailsJson) {
        Decision d = new Decision();
        d.offerId = Ids.offerId(rule.id(), customerId, o.channel(), firing.triggerKey());
        d.customerId = customerId;
        d.ruleId = rule.id();
        d.ruleVersion = rule.version();
        d.channel = o.channel();
        d.variant = variant;
        d.outcome = outcome;
        d.reason = reason;
        d.triggerEventIds = firing.triggerEventIds();
        d.triggerTime = firing.triggerTime();
        d.decidedAt = decidedAt;
        d.detailsJson = detailsJson;
        d.decisionId = Ids.decisionId(d.offerId, outcome, decidedAt);
        return d;
    }

    /** The decision on a deferred offer at its release. */
    static Decision ofRelease(Offer offer, String outcome, String reason, long decidedAt, String detailsJson) {
        Decision d = new Decision();
        d.offerId = offer.offerId;
        d.customerId = offer.customerId;
        d.ruleId = offer.ruleId;
        d.ruleVersion = offer.ruleVersion;
        d.channel = offer.channel;
        d.variant = offer.variant;
        d.triggerEventIds = offer.triggerEventIds;
        d.triggerTime = offer.triggerTime;
        d.decidedAt = decidedAt;
        d.outcome = outcome;
        d.reason = reason;
        d.detailsJson = detailsJson;
        d.decisionId = Ids.decisionId(offer.offerId, outcome, decidedAt);
        return d;
    }

    /** The trigger's details followed by {@code extra}, as a JSON object, or null when both are empty. */
    static String details(Firing firing, Map<String, Object> extra) {
        Map<String, Object> all = new LinkedHashMap<>();
        if (firing.details() != null) {
            all.putAll(firing.details());
        }
        if (extra != null) {
            all.putAll(extra);
        }
        return all.isEmpty() ? null : Payload.toJson(all);
    }

    /**
     * Details kept with a deferred offer, with the release's note added as a last field. The kept JSON is copied
     * token by token with its numbers' exact text, so the release repeats what the deferral said.
     */
    static String withNote(String detailsJson, String note) {
        if (note == null) {
            return detailsJson;
        }
        if (detailsJson == null) {
            return Payload.toJson(Map.of("note", note));
        }
        StringWriter w = new StringWriter(detailsJson.length() + note.length() + 16);
        try (JsonParser p = JSON.createParser(detailsJson); JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            p.nextToken();
            int depth = 0;
            for (JsonToken t = p.nextToken(); t != null && !(depth == 0 && t == JsonToken.END_OBJECT); t = p.nextToken()) {
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
                g.copyCurrentEventExact(p);
            }
            g.writeStringField("note", note);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}

package com.acmebank.triggers.output;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.Origin;
import com.acmebank.triggers.event.Times;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes the output records in the JSON shapes of docs/contracts.md: one object, one line. */
public final class RecordJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = MAPPER.getFactory();

    private RecordJson() {}

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String object(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static String offer(Offer o) {
        return object(g -> {
            g.writeStringField("offerId", o.offerId);
            g.writeStringField("customerId", o.customerId);
            g.writeStringField("ruleId", o.ruleId);
            g.writeNumberField("ruleVersion", o.ruleVersion);
            g.writeStringField("channel", o.channel);
            optional(g, "variant", o.variant);
            g.writeStringField("message", o.message);
            g.writeFieldName("payload");
            g.writeRawValue(o.payloadJson == null ? "{}" : o.payloadJson);
            strings(g, "triggerEventIds", o.triggerEventIds);
            g.writeStringField("triggerTime", Times.format(o.triggerTime));
            g.writeStringField("sendAt", Times.format(o.sendAt));
            g.writeStringField("expiresAt", Times.format(o.expiresAt));
        });
    }

    public static String ruleStatus(RuleStatus s) {
        return object(g -> {
            g.writeStringField("type", s.type);
            g.writeStringField("id", s.id);
            g.writeNumberField("version", s.version);
            optional(g, "state", s.state);
            g.writeStringField("status", s.status);
            if (s.effectiveFrom != Long.MIN_VALUE) {
                g.writeStringField("effectiveFrom", Times.format(s.effectiveFrom));
            }
            strings(g, "messages", s.messages);
            strings(g, "warnings", s.warnings);
            if (s.origin != null) {
                origin(g, s.origin);
            }
        });
    }

    public static String decision(Decision d) {
        return object(g -> {
            g.writeStringField("decisionId", d.decisionId);
            g.writeStringField("offerId", d.offerId);
            g.writeStringField("customerId", d.customerId);
            g.writeStringField("ruleId", d.ruleId);
            g.writeNumberField("ruleVersion", d.ruleVersion);
            g.writeStringField("channel", d.channel);
            optional(g, "variant", d.variant);
            g.writeStringField("outcome", d.outcome);
            optional(g, "reason", d.reason);
            strings(g, "triggerEventIds", d.triggerEventIds);
            g.writeStringField("triggerTime", Times.format(d.triggerTime));
            g.writeStringField("decidedAt", Times.format(d.decidedAt));
            if (d.detailsJson != null) {
                g.writeFieldName("details");
                g.writeRawValue(d.detailsJson);
            }
        });
    }

    public static String conversion(Conversion c) {
        return object(g -> {
            g.writeStringField("conversionId", c.conversionId);
            g.writeStringField("offerId", c.offerId);
            g.writeStringField("decisionId", c.decisionId);
            g.writeStringField("customerId", c.customerId);
            g.writeStringField("ruleId", c.ruleId);
            g.writeNumberField("ruleVersion", c.ruleVersion);
            optional(g, "variant", c.variant);
            g.writeStringField("outcome", c.outcome);
            g.writeStringField("eventId", c.eventId);
            g.writeStringField("eventTime", Times.format(c.eventTime));
            g.writeStringField("delay", java.time.Duration.ofMillis(c.delayMillis).toString());
            g.writeNumberField("delayMillis", c.delayMillis);
        });
    }

    public static String deadLetter(DeadLetter d) {
        return object(g -> {
            g.writeStringField("kind", d.kind);
            g.writeStringField("reason", d.reason);
            optional(g, "eventId", d.eventId);
            origin(g, d.origin);
            g.writeStringField("raw", d.raw);
            if (d.rawLength >= 0) {
                g.writeNumberField("rawLength", d.rawLength);
            }
        });
    }

    public static String lateEvent(LateEvent l) {
        return object(g -> {
            g.writeStringField("eventId", l.eventId);
            optional(g, "customerId", l.customerId);
            g.writeStringField("eventTime", Times.format(l.eventTime));
            g.writeStringField("watermark", Times.format(l.watermark));
            origin(g, l.origin);
            g.writeFieldName("event");
            g.writeTree(readTree(l.raw));
        });
    }

    /** The event in its contract form, for events whose original text is no longer at hand. */
    public static String event(Event e) {
        return object(g -> {
            g.writeStringField("eventId", e.eventId);
            g.writeStringField("type", e.type);
            optional(g, "customerId", e.customerId);
            g.writeStringField("eventTime", Times.format(e.eventTime));
            if (e.amount != null) {
                g.writeNumberField("amount", e.amount);
            }
            optional(g, "currency", e.currency);
            optional(g, "merchantId", e.merchantId);
            optional(g, "merchantName", e.merchantName);
            optional(g, "mcc", e.mcc);
            optional(g, "country", e.country);
            optional(g, "channel", e.channel);
            optional(g, "cardType", e.cardType);
            if (e.balance != null) {
                g.writeNumberField("balance", e.balance);
            }
            optional(g, "productId", e.productId);
            optional(g, "productType", e.productType);
            optional(g, "loanType", e.loanType);
            optional(g, "counterpartyBank", e.counterpartyBank);
            if (e.changePct != null) {
                g.writeNumberField("changePct", e.changePct);
            }
            optional(g, "originalEventId", e.originalEventId);
            if (e.attributes != null && !e.attributes.isEmpty()) {
                g.writeObjectFieldStart("attributes");
                for (Map.Entry<String, String> a : e.attributes.entrySet()) {
                    g.writeStringField(a.getKey(), a.getValue());
                }
                g.writeEndObject();
            }
        });
    }

    private static JsonNode readTree(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        if (values != null) {
            for (String v : values) {
                g.writeString(v);
            }
        }
        g.writeEndArray();
    }

    private static void origin(JsonGenerator g, Origin o) throws IOException {
        if (o == null) {
            return;
        }
        g.writeObjectFieldStart("source");
        if (o.topic != null) {
            g.writeStringField("topic", o.topic);
            g.writeNumberField("partition", o.partition);
            g.writeNumberField("offset", o.offset);
        } else {
            g.writeStringField("file", o.file);
            if (o.line >= 0) {
                g.writeNumberField("line", o.line);
            }
        }
        g.writeEndObject();
    }
}

package com.acmebank.triggers.testing;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.EventParser;
import com.acmebank.triggers.event.Parsed;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** Builds contract events for tests: EventJson.of("CARD_PAYMENT", "e1", "C1", "2026-11-02T10:00:00+08:00").amount("200.00"). */
public final class EventJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode node = JSON.createObjectNode();

    private EventJson() {}

    public static EventJson of(String type, String eventId, String customerId, String eventTime) {
        EventJson e = new EventJson();
        e.node.put("eventId", eventId);
        e.node.put("type", type);
        if (customerId != null) {
            e.node.put("customerId", customerId);
        }
        e.node.put("eventTime", eventTime);
        return e;
    }

    public EventJson amount(String amount) {
        node.put("amount", new BigDecimal(amount));
        return this;
    }

    public EventJson balance(String balance) {
        node.put("balance", new BigDecimal(balance));
        return this;
    }

    public EventJson decimal(String field, String value) {
        node.put(field, new BigDecimal(value));
        return this;
    }

    public EventJson with(String field, String value) {
        node.put(field, value);
        return this;
    }

    public EventJson attribute(String name, String value) {
        node.withObject("attributes").put(name, value);
        return this;
    }

    public String json() {
        return node.toString();
    }

    public Event event() {
        Parsed<Event> parsed = new EventParser().parse(json());
        if (!parsed.isOk()) {
            throw new IllegalArgumentException(parsed.error() + ": " + json());
        }
        return parsed.value();
    }

    @Override
    public String toString() {
        return json();
    }
}

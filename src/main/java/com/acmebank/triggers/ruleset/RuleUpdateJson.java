package com.acmebank.triggers.ruleset;

import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The records of the rule-updates topic (and of a replay's --rule-updates file), one JSON object each, keyed
 * {@code rule:ID} or {@code list:NAME}:
 * <pre>
 * {"type":"RULE","id":"S1-partner-spend","version":4,"state":"ACTIVE","effectiveFrom":"2026-12-02T10:15:00Z","fileName":"S1-partner-spend.yaml","text":"id: S1-partner-spend\n..."}
 * {"type":"RULE","id":"S1-partner-spend","version":4,"state":"PAUSED",...}     same text and version, on hold
 * {"type":"RULE","id":"S1-partner-spend","version":4,"state":"DELETED","effectiveFrom":...}
 * {"type":"LIST","id":"partner-merchants","version":7,"effectiveFrom":...,"values":["M001","M002"]}
 * </pre>
 * {@code effectiveFrom} (optional) is the event time from which the update applies; without it, from the moment
 * the engine reads it.
 */
public final class RuleUpdateJson {
    public static final String RULE = "RULE";
    public static final String LIST = "LIST";
    public static final String ACTIVE = "ACTIVE";
    public static final String PAUSED = "PAUSED";
    public static final String DELETED = "DELETED";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RULE_FIELDS = Set.of("type", "id", "version", "state", "effectiveFrom", "fileName", "text");
    private static final Set<String> LIST_FIELDS = Set.of("type", "id", "version", "effectiveFrom", "values");

    private RuleUpdateJson() {}

    /** A record that is not a valid update: the message names the field and the problem; {@code subject} what it was about, if known. */
    public static final class Malformed extends Exception {
        private final String type;
        private final String id;

        public Malformed(String type, String id, String message) {
            super(message);
            this.type = type;
            this.id = id;
        }

        public String type() {
            return type;
        }

        public String id() {
            return id;
        }
    }

    /** The Kafka key of an update's subject: {@code rule:ID} or {@code list:NAME}. */
    public static String key(String type, String id) {
        return (LIST.equals(type) ? "list:" : "rule:") + id;
    }

    public static String key(RuleUpdate u) {
        return RuleUpdate.PUT_LIST.equals(u.kind) ? key(LIST, u.name) : key(RULE, u.ruleId());
    }

    /** The state word of an update: ACTIVE, PAUSED or DELETED. */
    public static String state(RuleUpdate u) {
        return RuleUpdate.REMOVE_RULE.equals(u.kind) ? DELETED : u.paused() ? PAUSED : ACTIVE;
    }

    public static String type(RuleUpdate u) {
        return RuleUpdate.PUT_LIST.equals(u.kind) ? LIST : RULE;
    }

    public static String write(RuleUpdate u) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type(u));
        o.put("id", RuleUpdate.PUT_LIST.equals(u.kind) ? u.name : u.ruleId());
        o.put("version", u.version);
        if (!RuleUpdate.PUT_LIST.equals(u.kind)) {
            o.put("state", state(u));
        }
        if (u.effectiveFrom != RuleUpdate.FROM_START) {
            o.put("effectiveFrom", Times.format(u.effectiveFrom));
        }
        if (RuleUpdate.PUT_RULE.equals(u.kind)) {
            o.put("fileName", u.rule.fileName);
            o.put("text", u.rule.text);
        }
        if (RuleUpdate.PUT_LIST.equals(u.kind)) {
            ArrayNode values = o.putArray("values");
            u.values.forEach(values::add);
        }
        return o.toString();
    }

    /** Reads one record; {@code key} is the Kafka key (null for a file line, where the body alone decides). */
    public static RuleUpdate parse(String key, String text) throws Malformed {
        String keyType = null;
        String keyId = null;
        if (key != null) {
            int colon = key.indexOf(':');
            if (colon > 0 && (key.startsWith("rule:") || key.startsWith("list:"))) {
                keyType = key.startsWith("list:") ? LIST : RULE;
                keyId = key.substring(colon + 1);
            }
        }
        if (text == null || text.isBlank()) {
            throw new Malformed(keyType, keyId, "empty record: expected a rule or list update (a tombstone does not delete a rule: use rules delete)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Malformed(keyType, keyId, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Malformed(keyType, keyId, "expected a JSON object with type, id, version");
        }
        String type = text(root, "type", keyType, keyId);
        String id = text(root, "id", keyType, keyId);
        if (!RULE.equals(type) && !LIST.equals(type)) {
            throw new Malformed(keyType, id, "type: expected RULE or LIST, got \"" + type + "\"");
        }
        if (key != null && !key(type, id).equals(key)) {
            throw new Malformed(type, id, "key: the record is keyed '" + key + "' but is about " + key(type, id));
        }
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!(RULE.equals(type) ? RULE_FIELDS : LIST_FIELDS).contains(f)) {
                throw new Malformed(type, id, f + ": unknown field (a " + type + " update has " + String.join(", ",
                        new java.util.TreeSet<>(RULE.equals(type) ? RULE_FIELDS : LIST_FIELDS)) + ")");
            }
        }
        JsonNode v = root.get("version");
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 1) {
            throw new Malformed(type, id, "version: expected a whole number of at least 1, got " + (v == null ? "none" : v.toString()));
        }
        long from = RuleUpdate.FROM_START;
        JsonNode f = root.get("effectiveFrom");
        if (f != null && !f.isNull()) {
            try {
                from = Times.parseInstant(f.asText());
            } catch (RuntimeException e) {
                throw new Malformed(type, id, "effectiveFrom: expected an ISO-8601 instant with an offset or Z, got " + f);
            }
        }
        RuleUpdate u;
        if (LIST.equals(type)) {
            JsonNode values = root.get("values");
            if (values == null || !values.isArray()) {
                throw new Malformed(type, id, "values: expected an array of strings");
            }
            List<String> list = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                JsonNode e = values.get(i);
                if (!e.isTextual() || e.asText().isBlank()) {
                    throw new Malformed(type, id, "values[" + i + "]: expected a non-empty string, got " + e);
                }
                list.add(e.asText().strip());
            }
            u = RuleUpdate.putList(id, list);
        } else {
            String state = root.path("state").asText(ACTIVE);
            switch (state) {
                case ACTIVE, PAUSED -> {
                    String body = text(root, "text", type, id);
                    String fileName = root.path("fileName").asText(id + ".yaml");
                    RuleSource source = new RuleSource(fileName, body);
                    source.ruleId = id;
                    source.paused = PAUSED.equals(state);
                    u = RuleUpdate.putRule(source);
                }
                case DELETED -> u = RuleUpdate.removeRule(id);
                default -> throw new Malformed(type, id, "state: expected ACTIVE, PAUSED or DELETED, got \"" + state + "\"");
            }
        }
        u.version = v.intValue();
        u.effectiveFrom = from;
        return u;
    }

    private static String text(JsonNode root, String field, String type, String id) throws Malformed {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new Malformed(type, id, field + ": expected a non-empty string, got " + (n == null ? "none" : n.toString()));
        }
        return n.asText();
    }
}

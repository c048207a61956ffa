package com.acmebank.triggers.ruleset;

import com.acmebank.triggers.event.Origin;
import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.output.RuleStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of the rule-status topic back, as {@link com.acmebank.triggers.output.RecordJson#ruleStatus}
 * writes them. Lenient about what it does not need (unknown fields are ignored), strict about what it does.
 */
public final class RuleStatusJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleStatusJson() {}

    /** Throws IOException naming the field when the text is not a status record. */
    public static RuleStatus parse(String text) throws IOException {
        if (text == null || text.isBlank()) {
            throw new IOException("empty record: expected a rule status");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IOException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IOException("expected a JSON object with type, id, version and status");
        }
        RuleStatus s = new RuleStatus();
        s.type = optionalText(root, "type");
        s.id = optionalText(root, "id");
        s.state = optionalText(root, "state");
        s.status = optionalText(root, "status");
        if (s.status == null) {
            throw new IOException("status: expected ACCEPTED or REJECTED, got none");
        }
        JsonNode version = root.get("version");
        if (version != null && !version.isNull()) {
            if (!version.canConvertToInt() || !version.isIntegralNumber()) {
                throw new IOException("version: expected a whole number, got " + version);
            }
            s.version = version.intValue();
        }
        String from = optionalText(root, "effectiveFrom");
        if (from != null) {
            try {
                s.effectiveFrom = Times.parseInstant(from);
            } catch (RuntimeException e) {
                throw new IOException("effectiveFrom: expected an ISO-8601 instant, got \"" + from + "\"");
            }
        }
        s.messages = strings(root, "messages");
        s.warnings = strings(root, "warnings");
        s.origin = origin(root.get("source"));
        return s;
    }

    private static Origin origin(JsonNode source) throws IOException {
        if (source == null || source.isNull()) {
            return null;
        }
        if (!source.isObject()) {
            throw new IOException("source: expected an object with topic, partition, offset (or file, line), got " + source);
        }
        if (source.hasNonNull("topic")) {
            return Origin.kafka(source.get("topic").asText(), source.path("partition").asInt(-1), source.path("offset").asLong(-1));
        }
        return Origin.fileLine(source.path("file").asText(null), source.path("line").asLong(-1));
    }

    private static List<String> strings(JsonNode root, String field) throws IOException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new IOException(field + ": expected an array of strings, got " + n);
        }
        List<String> values = new ArrayList<>();
        n.forEach(e -> values.add(e.asText()));
        return List.copyOf(values);
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}

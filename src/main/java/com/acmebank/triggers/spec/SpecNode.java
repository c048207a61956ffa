package com.acmebank.triggers.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A position in a rule document that knows its path (trigger.event.where[0].gte) and reports problems
 * against it, so every validation message names the field. Reading never throws: problems are collected.
 */
public final class SpecNode {
    private final JsonNode node;
    private final String path;
    private final Problems problems;

    /** One problem, at a field path. */
    public record Problem(String path, String message) {}

    /** Collects problems for one document (a rule, a policy). */
    public static final class Problems {
        private final List<Problem> items = new ArrayList<>();

        void add(String path, String problem) {
            items.add(new Problem(path, problem));
        }

        public boolean isEmpty() {
            return items.isEmpty();
        }

        public List<Problem> all() {
            return List.copyOf(items);
        }
    }

    public SpecNode(JsonNode node, String path, Problems problems) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.problems = problems;
    }

    public static SpecNode root(JsonNode node, Problems problems) {
        return new SpecNode(node, "", problems);
    }

    public String path() {
        return path;
    }

    public JsonNode json() {
        return node;
    }

    public boolean isMissing() {
        return node.isMissingNode() || node.isNull();
    }

    public boolean isObject() {
        return node.isObject();
    }

    public boolean isArray() {
        return node.isArray();
    }

    public boolean isText() {
        return node.isTextual();
    }

    public boolean has(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    public SpecNode get(String field) {
        return new SpecNode(node.get(field), join(path, field), problems);
    }

    public void problem(String problem) {
        problems.add(path, problem);
    }

    /** Reports fields this object does not know, with the ones it does. */
    public void allowOnly(Set<String> known) {
        if (!node.isObject()) {
            return;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(join(path, name), "unknown field; expected one of " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    public boolean requireObject() {
        if (isMissing()) {
            problem("missing required field");
            return false;
        }
        if (!node.isObject()) {
            problem("expected an object");
            return false;
        }
        return true;
    }

    public String text(boolean required) {
        if (isMissing()) {
            if (required) {
                problem("missing required field");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            problem("expected a non-empty text, got " + describe());
            return null;
        }
        return node.asText();
    }

    public String textOr(String fallback) {
        String value = text(false);
        return value == null ? fallback : value;
    }

    /** A scalar rendered as text: strings, numbers and booleans all accepted. */
    public String scalarText() {
        if (node.isValueNode() && !node.isNull()) {
            return node.isNumber() ? node.decimalValue().toPlainString() : node.asText();
        }
        problem("expected a text, number or boolean, got " + describe());
        return null;
    }

    public Integer integer(boolean required, int min) {
        if (isMissing()) {
            if (required) {
                problem("missing required field");
            }
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            problem("expected a whole number, got " + describe());
            return null;
        }
        if (node.intValue() < min) {
            problem("must be >= " + min + ", got " + node.intValue());
            return null;
        }
        return node.intValue();
    }

    public BigDecimal decimal(boolean required) {
        if (isMissing()) {
            if (required) {
                problem("missing required field");
            }
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        problem("expected a number, got " + describe());
        return null;
    }

    public Boolean bool(boolean fallback) {
        if (isMissing()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            problem("expected true or false, got " + describe());
            return fallback;
        }
        return node.booleanValue();
    }

    /** A text or a list of texts. */
    public List<String> texts(boolean required) {
        List<String> values = new ArrayList<>();
        if (isMissing()) {
            if (required) {
                problem("missing required field");
            }
            return values;
        }
        if (node.isValueNode()) {
            String v = scalarText();
            if (v != null) {
                values.add(v);
            }
            return values;
        }
        if (!node.isArray()) {
            problem("expected a text or a list of texts, got " + describe());
            return values;
        }
        forEachItem(item -> {
            String v = item.scalarText();
            if (v != null) {
                values.add(v);
            }
        });
        if (values.isEmpty() && required) {
            problem("must not be empty");
        }
        return values;
    }

    public void forEachItem(Consumer<SpecNode> action) {
        if (!node.isArray()) {
            return;
        }
        for (int i = 0; i < node.size(); i++) {
            action.accept(new SpecNode(node.get(i), path + "[" + i + "]", problems));
        }
    }

    public List<SpecNode> items() {
        List<SpecNode> items = new ArrayList<>();
        forEachItem(items::add);
        return items;
    }

    public void forEachField(java.util.function.BiConsumer<String, SpecNode> action) {
        if (!node.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            action.accept(f.getKey(), new SpecNode(f.getValue(), join(path, f.getKey()), problems));
        }
    }

    public String describe() {
        if (node.isTextual()) {
            return "\"" + node.asText() + "\"";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.toString();
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}

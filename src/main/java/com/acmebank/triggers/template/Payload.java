package com.acmebank.triggers.template;

import com.acmebank.triggers.condition.Facts;
import com.acmebank.triggers.condition.Field;
import com.acmebank.triggers.condition.FieldType;
import com.acmebank.triggers.spec.SpecNode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The structured parameters of an offer: literals ({@code couponValue: 10}) and values computed from a
 * guaranteed field without code ({@code {value: event.amount, multiply: 0.1, roundDownTo: 100}}), in
 * declaration order.
 */
public final class Payload {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> COMPUTED = Set.of("value", "multiply", "add", "roundDownTo", "roundUpTo", "roundTo");

    private final Map<String, Function<Facts, Object>> values;
    private final Map<String, ValueKind> kinds;

    private Payload(Map<String, Function<Facts, Object>> values, Map<String, ValueKind> kinds) {
        this.values = values;
        this.kinds = kinds;
    }

    public static Payload empty() {
        return new Payload(Map.of(), Map.of());
    }

    public Map<String, ValueKind> kinds() {
        return kinds;
    }

    public Map<String, Object> compute(Facts facts) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, f) -> out.put(k, f.apply(facts)));
        return out;
    }

    /** A flat JSON object of texts, numbers and booleans, in map order. */
    public static String toJson(Map<String, Object> payload) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : payload.entrySet()) {
                Object v = e.getValue();
                if (v == null) {
                    g.writeNullField(e.getKey());
                } else if (v instanceof BigDecimal b) {
                    g.writeFieldName(e.getKey());
                    g.writeNumber(b.stripTrailingZeros().scale() <= 0 ? b.setScale(0, RoundingMode.UNNECESSARY) : b);
                } else if (v instanceof Long || v instanceof Integer) {
                    g.writeNumberField(e.getKey(), ((Number) v).longValue());
                } else if (v instanceof Boolean b) {
                    g.writeBooleanField(e.getKey(), b);
                } else {
                    g.writeStringField(e.getKey(), v.toString());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Compiles the payload block; {@code guaranteed} are the event fields the triggering event always has (null: a timer). */
    public static Payload compile(SpecNode node, Set<String> guaranteed) {
        Map<String, Function<Facts, Object>> values = new LinkedHashMap<>();
        Map<String, ValueKind> kinds = new LinkedHashMap<>();
        if (node.isMissing()) {
            return empty();
        }
        if (!node.isObject()) {
            node.problem("expected an object of name: value");
            return empty();
        }
        node.forEachField((key, value) -> {
            if (value.json().isValueNode()) {
                Object literal = value.json().isNumber() ? value.json().decimalValue()
                        : value.json().isBoolean() ? (Object) value.json().booleanValue() : value.json().asText();
                values.put(key, f -> literal);
                kinds.put(key, literal instanceof BigDecimal ? ValueKind.NUMBER : ValueKind.TEXT);
                return;
            }
            if (!value.isObject()) {
                value.problem("expected a literal or {value: field, multiply/add/roundDownTo/roundUpTo/roundTo: number}");
                return;
            }
            value.allowOnly(COMPUTED);
            String path = value.get("value").text(true);
            if (path == null) {
                return;
            }
            Field field = Field.resolve(path);
            if (field == null) {
                value.get("value").problem("unknown field '" + path + "'; known: " + Field.known());
                return;
            }
            if (field.onEvent() && (guaranteed == null || !guaranteed.contains(field.name()))) {
                value.get("value").problem(guaranteed == null ? "this rule fires on a timer, there is no event to read"
                        : "the event may not have " + field.name() + "; require it in the trigger's where");
                return;
            }
            boolean numeric = field.type() == FieldType.MONEY || field.type() == FieldType.DECIMAL;
            BigDecimal multiply = value.get("multiply").decimal(false);
            BigDecimal add = value.get("add").decimal(false);
            BigDecimal down = value.get("roundDownTo").decimal(false);
            BigDecimal up = value.get("roundUpTo").decimal(false);
            BigDecimal near = value.get("roundTo").decimal(false);
            boolean arithmetic = multiply != null || add != null || down != null || up != null || near != null;
            if (arithmetic && !numeric) {
                value.problem("arithmetic needs a number, but " + field.path() + " is not one");
                return;
            }
            for (BigDecimal step : new BigDecimal[] {down, up, near}) {
                if (step != null && step.signum() <= 0) {
                    value.problem("rounding steps must be greater than zero");
                    return;
                }
            }
            values.put(key, facts -> {
                Object raw = field.read(facts);
                if (!(raw instanceof BigDecimal number)) {
                    return raw;
                }
                BigDecimal v = number;
                if (multiply != null) {
                    v = v.multiply(multiply);
                }
                if (add != null) {
                    v = v.add(add);
                }
                if (down != null) {
                    v = v.divide(down, 0, RoundingMode.FLOOR).multiply(down);
                } else if (up != null) {
                    v = v.divide(up, 0, RoundingMode.CEILING).multiply(up);
                } else if (near != null) {
                    v = v.divide(near, 0, RoundingMode.HALF_UP).multiply(near);
                }
                return v;
            });
            kinds.put(key, field.type() == FieldType.MONEY ? ValueKind.MONEY : numeric ? ValueKind.NUMBER : ValueKind.TEXT);
        });
        return new Payload(values, kinds);
    }
}

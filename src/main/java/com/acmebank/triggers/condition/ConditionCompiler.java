package com.acmebank.triggers.condition;

import com.acmebank.triggers.event.EventParser;
import com.acmebank.triggers.spec.SpecNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles the structured condition form of the rule files into {@link Condition}s:
 * <pre>
 * - {field: amount, gte: 200}
 * - {field: merchantId, inList: partner-merchants}
 * - {anyOf: [ {field: country, ne: CN}, {field: attributes.vip, eq: true} ]}
 * - {not: {field: channel, eq: ATM}}
 * </pre>
 * A list means all of its items. A missing value fails every test except ne, notIn, notInList, excludes and
 * {present: false}.
 */
public final class ConditionCompiler {
    static final Set<String> OPERATORS = Set.of("eq", "ne", "eqIgnoreCase", "gt", "gte", "lt", "lte", "in", "notIn", "inList",
            "notInList", "present", "includes", "excludes", "includesAny", "startsWith");
    private static final Set<String> SHAPES = Set.of("field", "anyOf", "allOf", "not");

    /** Where conditions may look. */
    public enum Scope {
        /** Event and profile fields. */
        EVENT_AND_PROFILE,
        /** Profile fields only (audiences, timers). */
        PROFILE_ONLY,
        /** Event fields only (fan-out pre-filter runs where no profile is known). */
        EVENT_ONLY
    }

    private final Set<String> referencedLists = new HashSet<>();
    private final Set<String> assertedPresent = new HashSet<>();
    private boolean readsHoldings;

    /** True when a compiled condition reads the customer's holdings. */
    public boolean readsHoldings() {
        return readsHoldings;
    }

    /** Conditions compiled elsewhere for the same rule read the holdings. */
    public void alsoReadsHoldings() {
        readsHoldings = true;
    }

    /** Names of the reference lists the compiled conditions use. */
    public Set<String> referencedLists() {
        return referencedLists;
    }

    /** Event fields (by name) the top-level conditions require to be present. */
    public Set<String> assertedPresent() {
        return assertedPresent;
    }

    /** A list (all of) or a single condition object; missing means always true. */
    public Condition compileAll(SpecNode node, Scope scope) {
        if (node.isMissing()) {
            return Condition.ALWAYS;
        }
        if (node.isArray()) {
            List<Condition> parts = new ArrayList<>();
            node.forEachItem(item -> parts.add(compile(item, scope, true)));
            return Condition.all(parts);
        }
        return compile(node, scope, true);
    }

    private Condition compile(SpecNode node, Scope scope, boolean topLevel) {
        if (!node.isObject()) {
            node.problem("expected a condition object like {field: amount, gte: 200}, got " + node.describe());
            return Condition.ALWAYS;
        }
        if (node.has("anyOf")) {
            node.allowOnly(Set.of("anyOf"));
            return Condition.any(list(node.get("anyOf"), scope));
        }
        if (node.has("allOf")) {
            node.allowOnly(Set.of("allOf"));
            return Condition.all(list(node.get("allOf"), scope));
        }
        if (node.has("not")) {
            node.allowOnly(Set.of("not"));
            Condition inner = compile(node.get("not"), scope, false);
            return facts -> !inner.test(facts);
        }
        if (!node.has("field")) {
            node.problem("expected 'field' with one operator, or anyOf / allOf / not");
            return Condition.ALWAYS;
        }
        return comparison(node, scope, topLevel);
    }

    private List<Condition> list(SpecNode node, Scope scope) {
        List<Condition> parts = new ArrayList<>();
        if (!node.isArray() || node.items().isEmpty()) {
            node.problem("expected a non-empty list of conditions");
            return parts;
        }
        node.forEachItem(item -> parts.add(compile(item, scope, false)));
        return parts;
    }

    private Condition comparison(SpecNode node, Scope scope, boolean topLevel) {
        Set<String> allowed = new HashSet<>(OPERATORS);
        allowed.add("field");
        node.allowOnly(allowed);
        SpecNode fieldNode = node.get("field");
        String path = fieldNode.text(true);
        if (path == null) {
            return Condition.ALWAYS;
        }
        Field field = Field.resolve(path);
        if (field != null && field.isHoldings()) {
            readsHoldings = true;
        }
        if (field == null) {
            fieldNode.problem("unknown field '" + path + "'; known: " + Field.known());
            return Condition.ALWAYS;
        }
        if (scope == Scope.PROFILE_ONLY && field.onEvent()) {
            fieldNode.problem("'" + path + "' is an event field, but only profile fields can be used here");
            return Condition.ALWAYS;
        }
        if (scope == Scope.EVENT_ONLY && !field.onEvent()) {
            fieldNode.problem("'" + path + "' is a profile field, but only event fields can be used here");
            return Condition.ALWAYS;
        }
        List<String> ops = new ArrayList<>();
        node.forEachField((name, value) -> {
            if (OPERATORS.contains(name)) {
                ops.add(name);
            }
        });
        if (ops.size() != 1) {
            node.problem("expected exactly one operator (" + String.join(", ", new java.util.TreeSet<>(OPERATORS)) + "), got "
                    + (ops.isEmpty() ? "none" : String.join(", ", ops)));
            return Condition.ALWAYS;
        }
        String op = ops.get(0);
        SpecNode operand = node.get(op);
        ValueTest test = operator(op, operand, field);
        if (test == null) {
            return Condition.ALWAYS;
        }
        if (topLevel && field.onEvent() && !Set.of("ne", "notIn", "notInList", "excludes").contains(op)
                && !(op.equals("present") && !operand.json().asBoolean())) {
            assertedPresent.add(field.name());
        }
        boolean trueWhenMissing = Set.of("ne", "notIn", "notInList", "excludes").contains(op)
                || (op.equals("present") && !operand.json().asBoolean(true));
        return facts -> {
            Object value = field.read(facts);
            if (value == null) {
                return trueWhenMissing;
            }
            return test.test(value, facts);
        };
    }

    private ValueTest operator(String op, SpecNode operand, Field field) {
        FieldType type = field.type();
        switch (op) {
            case "present":
                if (!operand.json().isBoolean()) {
                    operand.problem("expected true or false");
                    return null;
                }
                return (value, facts) -> operand.json().booleanValue();
            case "eq":
            case "ne": {
                ValueTest equal = equality(operand, field);
                if (equal == null) {
                    return null;
                }
                return op.equals("eq") ? equal : equal.negate();
            }
            case "eqIgnoreCase": {
                if (type != FieldType.TEXT && type != FieldType.DYNAMIC) {
                    operand.problem("'eqIgnoreCase' needs a text field, but " + field.path() + " is " + describe(type));
                    return null;
                }
                String expected = operand.scalarText();
                return expected == null ? null : (value, facts) -> expected.equalsIgnoreCase(value.toString());
            }
            case "gt":
            case "gte":
            case "lt":
            case "lte": {
                if (type == FieldType.ORDERED_TEXT) {
                    return orderedText(op, operand, field);
                }
                if (!type.numeric()) {
                    operand.problem("'" + op + "' compares numbers, but " + field.path() + " is " + describe(type));
                    return null;
                }
                BigDecimal limit = operand.decimal(true);
                if (limit == null) {
                    return null;
                }
                return (value, facts) -> {
                    BigDecimal number = number(value);
                    if (number == null) {
                        return false;
                    }
                    int c = number.compareTo(limit);
                    return switch (op) {
                        case "gt" -> c > 0;
                        case "gte" -> c >= 0;
                        case "lt" -> c < 0;
                        default -> c <= 0;
                    };
                };
            }
            case "in":
            case "notIn": {
                if (!operand.isArray()) {
                    operand.problem("expected a list of values");
                    return null;
                }
                List<ValueTest> options = new ArrayList<>();
                operand.forEachItem(item -> {
                    ValueTest t = equality(item, field);
                    if (t != null) {
                        options.add(t);
                    }
                });
                ValueTest in = (value, facts) -> options.stream().anyMatch(t -> t.test(value, facts));
                if (type == FieldType.TEXT) {
                    Set<String> values = new HashSet<>(operand.texts(true));
                    in = (value, facts) -> values.contains(value);
                }
                return op.equals("in") ? in : in.negate();
            }
            case "inList":
            case "notInList": {
                if (type != FieldType.TEXT && type != FieldType.DYNAMIC && type != FieldType.ORDERED_TEXT) {
                    operand.problem("'" + op + "' needs a text field, but " + field.path() + " is " + describe(type));
                    return null;
                }
                String list = operand.text(true);
                if (list == null) {
                    return null;
                }
                referencedLists.add(list);
                ValueTest lookup = (value, facts) -> facts.lists().get(list).contains(value.toString());
                return op.equals("inList") ? lookup : lookup.negate();
            }
            case "includes":
            case "excludes":
            case "includesAny": {
                if (type != FieldType.TEXT_LIST) {
                    operand.problem("'" + op + "' applies to list fields like profile.segments, not " + field.path());
                    return null;
                }
                List<String> wanted = operand.texts(true);
                if (op.equals("excludes")) {
                    return (value, facts) -> ((List<?>) value).stream().noneMatch(wanted::contains);
                }
                return op.equals("includesAny")
                        ? (value, facts) -> ((List<?>) value).stream().anyMatch(wanted::contains)
                        : (value, facts) -> ((List<?>) value).containsAll(wanted);
            }
            case "startsWith": {
                if (type != FieldType.TEXT && type != FieldType.DYNAMIC) {
                    operand.problem("'startsWith' needs a text field, but " + field.path() + " is " + describe(type));
                    return null;
                }
                String prefix = operand.scalarText();
                return prefix == null ? null : (value, facts) -> value.toString().startsWith(prefix);
            }
            default:
                return null;
        }
    }

    /** A local date or time compared in time order: the operand must have the field's own form. */
    private static ValueTest orderedText(String op, SpecNode operand, Field field) {
        String limit = operand.scalarText();
        if (limit == null) {
            return null;
        }
        boolean date = field.name().equals("localDate");
        if (!(date ? limit.matches("\\d{4}-\\d{2}-\\d{2}") : limit.matches("([01]\\d|2[0-3]):[0-5]\\d"))) {
            operand.problem("expected " + (date ? "a local date like 2026-11-03" : "a local time like 09:30") + ", got \"" + limit + "\"");
            return null;
        }
        return (value, facts) -> {
            int c = value.toString().compareTo(limit);
            return switch (op) {
                case "gt" -> c > 0;
                case "gte" -> c >= 0;
                case "lt" -> c < 0;
                default -> c <= 0;
            };
        };
    }

    /** Equality in the field's own type: decimals by value (200 equals 200.00), texts exactly. */
    private static ValueTest equality(SpecNode operand, Field field) {
        FieldType type = field.type();
        if (type == FieldType.DECIMAL || type == FieldType.MONEY) {
            BigDecimal expected = operand.decimal(true);
            return expected == null ? null : (value, facts) -> value instanceof BigDecimal b && b.compareTo(expected) == 0;
        }
        if (type == FieldType.TEXT_LIST || type == FieldType.INSTANT) {
            operand.problem("'eq' and 'in' do not apply to " + field.path() + " (" + describe(type) + ")");
            return null;
        }
        String expected = operand.scalarText();
        if (expected == null) {
            return null;
        }
        if (type == FieldType.DYNAMIC && operand.json().isNumber()) {
            BigDecimal number = operand.json().decimalValue();
            return (value, facts) -> {
                BigDecimal actual = number(value);
                return actual != null ? actual.compareTo(number) == 0 : expected.equals(value.toString());
            };
        }
        return (value, facts) -> expected.equals(value.toString());
    }

    private static BigDecimal number(Object value) {
        if (value instanceof BigDecimal b) {
            return b;
        }
        return EventParser.numericAttribute(value.toString());
    }

    private static String describe(FieldType type) {
        return switch (type) {
            case TEXT -> "a text";
            case DECIMAL -> "a number";
            case MONEY -> "an amount";
            case INSTANT -> "an instant";
            case DATE -> "a date";
            case TEXT_LIST -> "a list";
            case DYNAMIC -> "an attribute";
            case ORDERED_TEXT -> "a local date or time";
        };
    }

    /** A test of a present value. */
    @FunctionalInterface
    private interface ValueTest {
        boolean test(Object value, Facts facts);

        default ValueTest negate() {
            return (value, facts) -> !test(value, facts);
        }
    }
}

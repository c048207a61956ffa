package com.acmebank.triggers.rule;

import com.acmebank.triggers.spec.SpecNode;
import com.acmebank.triggers.spec.Durations;
import com.acmebank.triggers.condition.Condition;
import com.acmebank.triggers.condition.ConditionCompiler;
import com.acmebank.triggers.condition.ConditionCompiler.Scope;
import com.acmebank.triggers.condition.Field;
import com.acmebank.triggers.condition.FieldType;
import com.acmebank.triggers.event.Money;
import com.acmebank.triggers.rule.CompiledRule.Alternative;
import com.acmebank.triggers.rule.CompiledRule.FanOut;
import com.acmebank.triggers.template.MessageTemplate;
import com.acmebank.triggers.template.Payload;
import com.acmebank.triggers.template.TemplateScope;
import com.acmebank.triggers.trigger.AbsenceTrigger;
import com.acmebank.triggers.trigger.AggregateTrigger;
import com.acmebank.triggers.trigger.Bounds;
import com.acmebank.triggers.trigger.CrossingTrigger;
import com.acmebank.triggers.trigger.DelayTrigger;
import com.acmebank.triggers.trigger.DropTrigger;
import com.acmebank.triggers.trigger.EventMatcher;
import com.acmebank.triggers.trigger.EventTrigger;
import com.acmebank.triggers.trigger.ProfileChangeTrigger;
import com.acmebank.triggers.trigger.ScheduleTrigger;
import com.acmebank.triggers.trigger.SequenceTrigger;
import com.acmebank.triggers.trigger.Trigger;
import com.acmebank.triggers.trigger.TriggerFactory;
import com.acmebank.triggers.window.CalendarPeriod;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one rule file (YAML, or JSON) and turns it into a {@link CompiledRule}, or rejects it with every
 * problem named by file, rule id, field and what is wrong. The rule format is documented in README.md
 * ("Writing a rule"); each trigger kind is a general primitive, never a scenario.
 */
public final class RuleCompiler {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Set<String> TOP = Set.of("id", "version", "name", "description", "priority", "enabled", "trigger",
            "audience", "repeat", "offer", "offers", "active", "conversion");
    private static final Set<String> KINDS = Set.of("event", "aggregate", "sequence", "absence", "crossing", "drop", "schedule",
            "change", "profileChange");
    public static final Set<String> CHANNELS = Set.of("PUSH", "SMS", "EMAIL", Output.RM_TASK);
    private static final long DEFAULT_EXPIRY = 7L * 86_400_000L;
    private static final Set<String> MEASURES = Set.of("count", "sum", "max", "min", "avg", "distinctCount", "ratio");
    /** Priorities a rule may have; arbitration compares them, so the range keeps them far from overflow. */
    public static final int MIN_PRIORITY = -1000;
    public static final int MAX_PRIORITY = 1000;
    private static final ObjectMapper STRICT_JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final YAMLMapper STRICT_YAML = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    /** A rule that compiled, with what is allowed but probably a mistake ({@link RuleWarnings}). */
    public record Checked(CompiledRule rule, List<RuleError> warnings) {}

    public CompiledRule compile(RuleSource source) throws RuleRejectedException {
        return check(source).rule();
    }

    /** Compiles the rule and looks for likely mistakes; throws with every problem when it is invalid. */
    public Checked check(RuleSource source) throws RuleRejectedException {
        JsonNode root;
        // duplicate keys are refused (a second `where:` must not silently replace the first), and so is a
        // second YAML document, which a plain read would ignore
        ObjectMapper mapper = source.isJson() ? STRICT_JSON : STRICT_YAML;
        try (JsonParser parser = mapper.createParser(source.text == null ? "" : source.text)) {
            root = mapper.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                throw new RuleRejectedException(List.of(new RuleError(source.fileName, root.path("id").asText(null), null,
                        source.isJson() ? "content after the rule object: one rule per file"
                                : "more than one YAML document (---): one rule per file, the second document would be ignored")));
            }
        } catch (JsonProcessingException e) {
            throw new RuleRejectedException(List.of(new RuleError(source.fileName, null, null,
                    "not valid " + (source.isJson() ? "JSON" : "YAML") + ": " + e.getOriginalMessage()
                            + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // reading a string
        }
        if (root == null || !root.isObject()) {
            throw new RuleRejectedException(List.of(new RuleError(source.fileName, null, null, "expected a rule object (id, version, trigger, offer, ...)")));
        }
        SpecNode.Problems problems = new SpecNode.Problems();
        SpecNode r = SpecNode.root(root, problems);
        r.allowOnly(TOP);
        String id = r.get("id").text(true);
        if (id != null && !ID.matcher(id).matches()) {
            r.get("id").problem("use letters, digits, '.', '_' and '-' only (at most 128), starting with a letter or digit");
        }
        Integer version = r.get("version").integer(true, 1);
        String name = r.get("name").textOr(id);
        Integer priority = r.get("priority").integer(false, Integer.MIN_VALUE);
        if (priority != null && (priority < MIN_PRIORITY || priority > MAX_PRIORITY)) {
            r.get("priority").problem("must be between " + MIN_PRIORITY + " and " + MAX_PRIORITY + ", got " + priority);
        }
        boolean enabled = r.get("enabled").bool(true);
        r.get("description").textOr(null);

        ConditionCompiler conditions = new ConditionCompiler();
        List<Alternative> alternatives = new ArrayList<>();
        FanOut[] fanOut = new FanOut[1];
        SpecNode trigger = r.get("trigger");
        if (trigger.requireObject()) {
            compileTriggers(trigger, id, conditions, alternatives, fanOut);
        }
        Condition audience = conditions.compileAll(r.get("audience"), Scope.PROFILE_ONLY);
        RepeatLimit repeat = RepeatLimit.compile(r.get("repeat"));
        CompiledRule.Campaign campaign = campaign(r.get("active"));
        CompiledRule.Conversion conversion = conversion(r.get("conversion"), conditions);
        TemplateFacts templateFacts = templateFacts(alternatives);
        List<Output> outputs = outputs(r, conditions, templateFacts);

        if (!problems.isEmpty()) {
            throw new RuleRejectedException(RuleError.of(source.fileName, id, problems));
        }
        if (source.incarnation != 0) {
            alternatives.replaceAll(a -> a.reborn(source.incarnation));
        }
        CompiledRule rule = new CompiledRule(id, version, name, priority == null ? 0 : priority, enabled, List.copyOf(alternatives), audience,
                repeat, outputs, fanOut[0], Set.copyOf(conditions.referencedLists()), source.fileName, campaign, conditions.readsHoldings(),
                conversion);
        return new Checked(rule, RuleWarnings.of(source.fileName, id, root));
    }

    /** {@code conversion: {of: {type: ..., where: [...]}, within: 7d}}; {@code within} defaults to 7 days. */
    private CompiledRule.Conversion conversion(SpecNode node, ConditionCompiler conditions) {
        if (node.isMissing() || !node.requireObject()) {
            return null;
        }
        node.allowOnly(Set.of("of", "within"));
        EventMatcher of = matcherField(node, "of", conditions, true);
        long window = node.has("within") ? Durations.read(node.get("within"), true) : CompiledRule.Conversion.DEFAULT_WINDOW;
        return of == null || window <= 0 ? null : new CompiledRule.Conversion(of, window);
    }

    /** {@code active: {from: INSTANT, until: INSTANT}}, either end optional; instants with an offset or Z. */
    private static CompiledRule.Campaign campaign(SpecNode node) {
        if (node.isMissing()) {
            return CompiledRule.Campaign.ALWAYS;
        }
        if (!node.requireObject()) {
            return CompiledRule.Campaign.ALWAYS;
        }
        node.allowOnly(Set.of("from", "until"));
        long from = instant(node.get("from"), Long.MIN_VALUE);
        long until = instant(node.get("until"), Long.MAX_VALUE);
        if (!node.has("from") && !node.has("until")) {
            node.problem("give from, until or both (instants like 2026-11-01T00:00:00+08:00)");
        } else if (from != Long.MIN_VALUE && until != Long.MAX_VALUE && until <= from) {
            node.get("until").problem("must be after from");
        }
        return new CompiledRule.Campaign(from, until);
    }

    private static long instant(SpecNode node, long absent) {
        if (node.isMissing()) {
            return absent;
        }
        String text = node.scalarText();
        try {
            return com.acmebank.triggers.event.Times.parseIsoInstant(text == null ? "" : text.trim());
        } catch (DateTimeParseException e) {
            node.problem("expected an instant with an offset, like 2026-11-01T00:00:00+08:00, got \"" + text + "\"");
            return absent;
        }
    }

    private void compileTriggers(SpecNode trigger, String ruleId, ConditionCompiler conditions, List<Alternative> out, FanOut[] fanOut) {
        if (trigger.has("allOf")) {
            trigger.allowOnly(Set.of("allOf"));
            List<SpecNode> items = trigger.get("allOf").items();
            if (items.size() < 2) {
                trigger.get("allOf").problem("expected a list of at least two triggers");
            }
            List<Trigger> members = new ArrayList<>();
            List<Alternative> parts = new ArrayList<>();
            for (SpecNode item : items) {
                Trigger t = compileOne(item, conditions, null);
                if (t != null && !(t instanceof com.acmebank.triggers.trigger.AggregateTrigger) && !(t instanceof EventTrigger)) {
                    item.problem("allOf members are event or aggregate triggers; write an absence as an aggregate with count: {eq: 0}");
                    t = null;
                }
                if (t != null && item.has("aggregate") && item.get("aggregate").has("fires")) {
                    // the allOf decides when it fires (when all members hold and did not all hold before)
                    item.get("aggregate").get("fires").problem("not for an allOf member: the allOf fires when all its members hold "
                            + "and did not all hold after the previous event");
                    t = null;
                }
                if (t != null) {
                    parts.add(new Alternative(parts.size(), t, ruleId + "#0." + parts.size(), fingerprint(stateShape(item.json()).toString())));
                    members.add(t);
                }
            }
            if (members.size() == items.size() && members.size() >= 2) {
                out.add(new Alternative(0, new com.acmebank.triggers.trigger.AllOfTrigger(members), ruleId + "#0",
                        fingerprint(trigger.json().toString()), List.copyOf(parts)));
            }
            return;
        }
        if (trigger.has("anyOf")) {
            trigger.allowOnly(Set.of("anyOf"));
            List<SpecNode> items = trigger.get("anyOf").items();
            if (items.size() < 2) {
                trigger.get("anyOf").problem("expected a list of at least two triggers");
            }
            for (SpecNode item : items) {
                Trigger t = compileOne(item, conditions, null);
                if (t != null) {
                    out.add(alternative(out.size(), t, item, ruleId));
                }
            }
            return;
        }
        Trigger t = compileOne(trigger, conditions, fanOut);
        if (t != null) {
            out.add(alternative(0, t, trigger, ruleId));
        }
    }

    private static Alternative alternative(int index, Trigger trigger, SpecNode spec, String ruleId) {
        return new Alternative(index, trigger, ruleId + "#" + index, fingerprint(stateShape(spec.json()).toString()));
    }

    /** Thresholds and durations that do not shape what a trigger remembers, per kind: editing them keeps the state. */
    private static final java.util.Map<String, Set<String>> NOT_SHAPING = java.util.Map.of(
            "aggregate", Set.of("having", "fires"),
            "crossing", Set.of("above", "rearmBelow"),
            "drop", Set.of("toPercentOfPeak", "fires"),
            "event", Set.of("idleFor"),
            "absence", Set.of("for"),
            "sequence", Set.of("within"),
            "change", Set.of("percent", "difference"));

    /** The trigger spec without its thresholds: a rule edit that changes only them keeps every customer's state. */
    private static JsonNode stateShape(JsonNode trigger) {
        JsonNode copy = trigger.deepCopy();
        copy.fields().forEachRemaining(kind -> {
            Set<String> drop = NOT_SHAPING.get(kind.getKey());
            if (drop != null && kind.getValue().isObject()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) kind.getValue()).remove(drop);
            }
        });
        return copy;
    }

    private Trigger compileOne(SpecNode node, ConditionCompiler conditions, FanOut[] fanOut) {
        if (!node.isObject()) {
            node.problem("expected a trigger object with one of " + String.join(", ", new java.util.TreeSet<>(KINDS)));
            return null;
        }
        List<String> kinds = new ArrayList<>();
        node.forEachField((k, v) -> kinds.add(k));
        if (kinds.size() != 1 || !KINDS.contains(kinds.get(0))) {
            node.problem("expected exactly one trigger kind (" + String.join(", ", new java.util.TreeSet<>(KINDS)) + (fanOut != null ? ", or anyOf" : "")
                    + "), got " + (kinds.isEmpty() ? "none" : String.join(", ", kinds)));
            return null;
        }
        String kind = kinds.get(0);
        SpecNode spec = node.get(kind);
        if (!spec.requireObject()) {
            return null;
        }
        return switch (kind) {
            case "event" -> eventTrigger(spec, conditions, fanOut);
            case "aggregate" -> aggregate(spec, conditions);
            case "sequence" -> sequence(spec, conditions);
            case "absence" -> absence(spec, conditions);
            case "crossing" -> crossing(spec, conditions);
            case "drop" -> drop(spec, conditions);
            case "change" -> change(spec, conditions);
            case "profileChange" -> profileChange(spec);
            default -> schedule(spec, conditions);
        };
    }

    /** {type: X | types: [..], where: [...]} plus the extra fields a trigger kind allows. */
    private EventMatcher matcher(SpecNode node, ConditionCompiler conditions, Scope scope, Set<String> extra) {
        Set<String> allowed = new HashSet<>(Set.of("type", "types", "where"));
        allowed.addAll(extra);
        node.allowOnly(allowed);
        List<String> types = new ArrayList<>();
        if (node.has("type") == node.has("types")) {
            node.problem("give the event type as 'type: X' or 'types: [X, Y]'");
        } else {
            types = node.get(node.has("type") ? "type" : "types").texts(true);
        }
        ConditionCompiler local = new ConditionCompiler();
        Condition where = local.compileAll(node.get("where"), scope);
        conditions.referencedLists().addAll(local.referencedLists());
        if (local.readsHoldings()) {
            conditions.alsoReadsHoldings();
        }
        return new EventMatcher(new HashSet<>(types), where, local.assertedPresent());
    }

    private EventMatcher matcherField(SpecNode parent, String field, ConditionCompiler conditions, boolean required) {
        SpecNode node = parent.get(field);
        if (node.isMissing()) {
            if (required) {
                node.problem("missing required field");
            }
            return null;
        }
        if (!node.requireObject()) {
            return null;
        }
        return matcher(node, conditions, Scope.EVENT_AND_PROFILE, Set.of());
    }

    private Trigger eventTrigger(SpecNode spec, ConditionCompiler conditions, FanOut[] fanOut) {
        boolean fansOut = spec.has("fanOut");
        EventMatcher matcher = matcher(spec, conditions, fansOut ? Scope.EVENT_ONLY : Scope.EVENT_AND_PROFILE,
                Set.of("idleFor", "fanOut", "firstEver"));
        long idleFor = spec.has("idleFor") ? Durations.read(spec.get("idleFor"), true) : 0;
        boolean firstEver = spec.get("firstEver").bool(false);
        if (firstEver && (idleFor > 0 || fansOut)) {
            spec.get("firstEver").problem("firstEver cannot be combined with idleFor or fanOut");
        }
        if (!fansOut) {
            return new EventTrigger(matcher, idleFor, firstEver);
        }
        SpecNode f = spec.get("fanOut");
        if (fanOut == null) {
            f.problem("fanOut is only allowed on a single event trigger, not inside anyOf");
            return null;
        }
        if (!f.requireObject()) {
            return null;
        }
        f.allowOnly(Set.of("holdersOf"));
        String path = f.get("holdersOf").text(true);
        Field field = path == null ? null : Field.resolve(path);
        if (path != null && (field == null || !field.name().equals("productId"))) {
            f.get("holdersOf").problem("the holdings index tracks PRODUCT_PURCHASE minus PRODUCT_REDEMPTION per productId; expected productId");
            return null;
        }
        if (idleFor > 0) {
            spec.get("idleFor").problem("idleFor cannot be combined with fanOut");
        }
        if (field == null) {
            return null;
        }
        // The fan-out operator pre-filters on the event alone; the customer operator then fires only for the
        // copies it delivered, so a customer who does not hold the product never gets the offer.
        ConditionCompiler prefilter = new ConditionCompiler();
        Condition eventOnly = prefilter.compileAll(spec.get("where"), Scope.EVENT_ONLY);
        fanOut[0] = new FanOut(matcher.types(), field.name(), eventOnly);
        Set<String> guaranteed = new HashSet<>(matcher.guaranteedFields());
        guaranteed.add(field.name());
        guaranteed.add("customerId");
        EventMatcher delivered = TriggerFactory.deliveredCopies(matcher, guaranteed);
        return new EventTrigger(delivered, 0);
    }

    private Trigger aggregate(SpecNode spec, ConditionCompiler conditions) {
        spec.allowOnly(Set.of("of", "field", "window", "having", "distinct", "ratioOf", "fires"));
        boolean whileHolding = whileHolding(spec);
        Condition ratioOf = spec.has("ratioOf") ? conditions.compileAll(spec.get("ratioOf"), Scope.EVENT_AND_PROFILE) : null;
        EventMatcher of = matcherField(spec, "of", conditions, true);
        Field field = numericField(spec.get("field"), "amount");
        Field distinct = null;
        if (spec.has("distinct")) {
            String path = spec.get("distinct").text(true);
            distinct = path == null ? null : Field.resolve(path);
            if (path != null && (distinct == null || !distinct.onEvent())) {
                spec.get("distinct").problem("expected an event field whose different values are counted, like merchantId; got '"
                        + path + "'");
            }
        }
        SpecNode window = spec.get("window");
        long sliding = -1;
        CalendarPeriod period = null;
        if (window.requireObject()) {
            window.allowOnly(Set.of("sliding", "calendar"));
            if (window.has("sliding") == window.has("calendar")) {
                window.problem("give either {sliding: 30d} or {calendar: day|week|month|year}");
            } else if (window.has("sliding")) {
                sliding = Durations.read(window.get("sliding"), true);
            } else {
                String text = window.get("calendar").text(true);
                period = text == null ? null : CalendarPeriod.parse(text);
                if (text != null && period == null) {
                    window.get("calendar").problem("expected day, week, month or year, got \"" + text + "\"");
                }
            }
        }
        Bounds bounds = bounds(spec.get("having"));
        if (bounds != null && bounds.uses(Bounds.Measure.DISTINCT_COUNT) && !spec.has("distinct")) {
            spec.get("having").get("distinctCount").problem("needs 'distinct: FIELD' on the aggregate: which field's different values to count");
        }
        if (bounds != null && bounds.uses(Bounds.Measure.RATIO) && ratioOf == null) {
            spec.get("having").get("ratio").problem("needs 'ratioOf: [conditions]' on the aggregate: which of the counted events the ratio counts");
        }
        if (of == null || field == null || bounds == null || (sliding <= 0 && period == null)) {
            return null;
        }
        return TriggerFactory.aggregate(of, field, sliding, period, bounds, distinct, ratioOf, whileHolding);
    }

    /** {@code fires}: onCrossing (the default: when the condition starts to hold) or whileHolding (every event it holds after). */
    private static boolean whileHolding(SpecNode spec) {
        if (!spec.has("fires")) {
            return false;
        }
        String text = spec.get("fires").text(true);
        if ("whileHolding".equals(text)) {
            return true;
        }
        if (text != null && !"onCrossing".equals(text)) {
            spec.get("fires").problem("expected onCrossing (when the condition starts to hold, the default) or whileHolding "
                    + "(on every matching event after which it holds; the repeat limit spaces the contacts), got \"" + text + "\"");
        }
        return false;
    }

    private Bounds bounds(SpecNode having) {
        if (!having.requireObject()) {
            return null;
        }
        having.allowOnly(MEASURES);
        List<Bounds.Bound> bounds = new ArrayList<>();
        having.forEachField((measure, limits) -> {
            if (!MEASURES.contains(measure) || !limits.requireObject()) {
                // an unknown measure is reported by allowOnly
                return;
            }
            limits.allowOnly(Set.of("gt", "gte", "lt", "lte", "eq"));
            limits.forEachField((op, value) -> {
                BigDecimal limit = value.decimal(true);
                if (limit == null) {
                    return;
                }
                Bounds.Measure m = switch (measure) {
                    case "count" -> Bounds.Measure.COUNT;
                    case "distinctCount" -> Bounds.Measure.DISTINCT_COUNT;
                    case "avg" -> Bounds.Measure.AVG;
                    case "ratio" -> Bounds.Measure.RATIO;
                    case "max" -> Bounds.Measure.MAX;
                    case "min" -> Bounds.Measure.MIN;
                    default -> Bounds.Measure.SUM;
                };
                if (m == Bounds.Measure.COUNT || m == Bounds.Measure.DISTINCT_COUNT) {
                    if (limit.stripTrailingZeros().scale() > 0) {
                        value.problem("a count is a whole number");
                        return;
                    }
                    bounds.add(new Bounds.Bound(m, op, limit.longValueExact()));
                } else if (m == Bounds.Measure.RATIO && (limit.signum() < 0 || limit.compareTo(BigDecimal.ONE) > 0)) {
                    value.problem("a ratio is a share from 0 to 1 (0.8 is 80%), got " + limit.toPlainString());
                } else if (!Money.representable(limit)) {
                    value.problem("at most " + Money.SCALE + " decimal places");
                } else {
                    bounds.add(new Bounds.Bound(m, op, Money.toUnits(limit)));
                }
            });
        });
        if (bounds.isEmpty()) {
            having.problem("give at least one bound, e.g. {sum: {gte: 5000}}");
            return null;
        }
        return new Bounds(bounds);
    }

    private Field numericField(SpecNode node, String fallback) {
        String path = node.isMissing() ? fallback : node.text(true);
        if (path == null) {
            return null;
        }
        Field field = Field.resolve(path);
        if (field == null || !field.onEvent() || !field.type().numeric()) {
            node.problem("expected a numeric event field such as amount, balance or changePct, got '" + path + "'");
            return null;
        }
        return field;
    }

    /** {@code first} and {@code then}, or {@code steps: [...]} (two or more); {@code within}; optional {@code without}. */
    private Trigger sequence(SpecNode spec, ConditionCompiler conditions) {
        spec.allowOnly(Set.of("first", "then", "steps", "within", "without"));
        List<EventMatcher> steps = new ArrayList<>();
        boolean complete = true;
        if (spec.has("steps")) {
            if (spec.has("first") || spec.has("then")) {
                spec.problem("give either first and then, or steps, not both");
            }
            List<SpecNode> items = spec.get("steps").items();
            if (items.size() < 2) {
                spec.get("steps").problem("expected a list of at least two steps, e.g. [{type: ACCOUNT_OPENED}, {type: SALARY_CREDIT}]");
                complete = false;
            }
            for (SpecNode item : items) {
                EventMatcher m = item.requireObject() ? matcher(item, conditions, Scope.EVENT_AND_PROFILE, Set.of()) : null;
                complete &= m != null;
                steps.add(m);
            }
        } else {
            EventMatcher first = matcherField(spec, "first", conditions, true);
            EventMatcher then = matcherField(spec, "then", conditions, true);
            complete = first != null && then != null;
            steps.add(first);
            steps.add(then);
        }
        EventMatcher without = matcherField(spec, "without", conditions, false);
        long within = Durations.read(spec.get("within"), true);
        return !complete || within <= 0 ? null : new SequenceTrigger(steps, without, within);
    }

    private Trigger absence(SpecNode spec, ConditionCompiler conditions) {
        spec.allowOnly(Set.of("after", "of", "for"));
        EventMatcher after = matcherField(spec, "after", conditions, false);
        EventMatcher of = matcherField(spec, "of", conditions, true);
        long duration = Durations.read(spec.get("for"), true);
        return of == null || duration <= 0 ? null : new AbsenceTrigger(after, of, duration);
    }

    private Trigger crossing(SpecNode spec, ConditionCompiler conditions) {
        spec.allowOnly(Set.of("of", "field", "above", "rearmBelow"));
        EventMatcher of = matcherField(spec, "of", conditions, true);
        Field field = spec.has("field") ? numericField(spec.get("field"), null) : null;
        if (!spec.has("field")) {
            spec.get("field").problem("missing required field");
        }
        BigDecimal above = spec.get("above").decimal(true);
        BigDecimal rearm = spec.has("rearmBelow") ? spec.get("rearmBelow").decimal(true) : above;
        if (above != null && rearm != null && rearm.compareTo(above) > 0) {
            spec.get("rearmBelow").problem("must not be above 'above' (" + above.toPlainString() + ")");
            return null;
        }
        if (of == null || field == null || above == null || rearm == null) {
            return null;
        }
        return TriggerFactory.crossing(of, field, Money.toUnits(above), Money.toUnits(rearm));
    }

    /**
     * {@code of}, {@code field} (default amount), {@code comparedTo: previous | {average: 90d}}, and one of
     * {@code percent: {op: N}} or {@code difference: {op: N}}.
     */
    private Trigger change(SpecNode spec, ConditionCompiler conditions) {
        spec.allowOnly(Set.of("of", "field", "comparedTo", "percent", "difference"));
        EventMatcher of = matcherField(spec, "of", conditions, true);
        Field field = numericField(spec.get("field"), "amount");
        long window = 0;
        SpecNode to = spec.get("comparedTo");
        if (to.isMissing()) {
            to.problem("missing required field: previous, or {average: 90d}");
            return null;
        } else if (to.isObject()) {
            to.allowOnly(Set.of("average"));
            window = Durations.read(to.get("average"), true);
            if (window <= 0) {
                return null;
            }
        } else if (!"previous".equals(to.scalarText())) {
            to.problem("expected previous, or {average: 90d}, got \"" + to.scalarText() + "\"");
            return null;
        }
        if (spec.has("percent") == spec.has("difference")) {
            spec.problem("give either percent: {lte: -30} or difference: {gte: 1000}");
            return null;
        }
        boolean percent = spec.has("percent");
        SpecNode bound = spec.get(percent ? "percent" : "difference");
        if (!bound.requireObject()) {
            return null;
        }
        bound.allowOnly(Set.of("gt", "gte", "lt", "lte", "eq"));
        List<String> ops = new ArrayList<>();
        bound.forEachField((op, v) -> ops.add(op));
        if (ops.size() != 1) {
            bound.problem("expected exactly one of gt, gte, lt, lte, eq");
            return null;
        }
        BigDecimal limit = bound.get(ops.get(0)).decimal(true);
        if (limit == null || of == null || field == null) {
            return null;
        }
        if (!percent && !Money.representable(limit.abs())) {
            bound.get(ops.get(0)).problem("at most " + Money.SCALE + " decimal places");
            return null;
        }
        return TriggerFactory.change(of, field, window, percent, ops.get(0), percent ? limit : BigDecimal.valueOf(Money.toUnits(limit.abs()))
                .multiply(BigDecimal.valueOf(limit.signum())));
    }

    /** {@code field} (a profile field), optional {@code from} and {@code to}: a value or a list of values. */
    private Trigger profileChange(SpecNode spec) {
        spec.allowOnly(Set.of("field", "from", "to"));
        String path = spec.get("field").text(true);
        if (path == null) {
            return null;
        }
        Field field = Field.resolve(path.startsWith("profile.") ? path : "profile." + path);
        if (field == null || field.onEvent() || field.type() == FieldType.TEXT_LIST) {
            spec.get("field").problem("expected a profile field with one value, like tier or attributes.NAME, got '" + path + "'");
            return null;
        }
        return new ProfileChangeTrigger(field, values(spec.get("from")), values(spec.get("to")));
    }

    private static Set<String> values(SpecNode node) {
        if (node.isMissing()) {
            return null;
        }
        return node.isArray() ? new HashSet<>(node.texts(true)) : Set.of(node.scalarText() == null ? "" : node.scalarText());
    }

    private Trigger drop(SpecNode spec, ConditionCompiler conditions) {
        spec.allowOnly(Set.of("of", "field", "window", "toPercentOfPeak", "fires"));
        boolean whileHolding = whileHolding(spec);
        EventMatcher of = matcherField(spec, "of", conditions, true);
        Field field = spec.has("field") ? numericField(spec.get("field"), null) : null;
        if (!spec.has("field")) {
            spec.get("field").problem("missing required field");
        }
        long window = Durations.read(spec.get("window"), true);
        BigDecimal pct = spec.get("toPercentOfPeak").decimal(true);
        if (pct != null && (pct.signum() <= 0 || pct.compareTo(BigDecimal.valueOf(100)) > 0)) {
            spec.get("toPercentOfPeak").problem("expected a percentage above 0 and at most 100");
            return null;
        }
        if (of == null || field == null || window <= 0 || pct == null) {
            return null;
        }
        return TriggerFactory.drop(of, field, window, pct, whileHolding);
    }

    /**
     * {@code annually: birthDate | attributes.NAME}, {@code monthly: 1-31}, or {@code after: {event}} with
     * {@code delay}; {@code at} a local time (required for annually and monthly, optional after an event).
     */
    private Trigger schedule(SpecNode spec, ConditionCompiler conditions) {
        spec.allowOnly(Set.of("annually", "monthly", "after", "delay", "at"));
        int forms = (spec.has("annually") ? 1 : 0) + (spec.has("monthly") ? 1 : 0) + (spec.has("after") ? 1 : 0);
        if (forms != 1) {
            spec.problem("give exactly one of annually: birthDate, monthly: DAY (1-31) or after: {type: ...} with delay");
            return null;
        }
        LocalTime time = null;
        String at = spec.has("at") || !spec.has("after") ? spec.get("at").text(true) : null;
        if (at != null) {
            try {
                time = LocalTime.parse(at);
            } catch (DateTimeParseException e) {
                spec.get("at").problem("expected a local time like 09:00, got \"" + at + "\"");
                return null;
            }
        }
        if (spec.has("after")) {
            EventMatcher after = matcherField(spec, "after", conditions, true);
            long delay = spec.has("delay") ? Durations.read(spec.get("delay"), true) : (time != null ? 0 : -1);
            if (!spec.has("delay") && time == null) {
                spec.get("delay").problem("missing required field (or give at: a local time)");
            }
            return after == null || delay < 0 ? null : new DelayTrigger(after, delay, time);
        }
        if (spec.has("delay")) {
            spec.get("delay").problem("delay belongs to after: {...}");
        }
        if (time == null) {
            return null;
        }
        if (spec.has("monthly")) {
            Integer day = spec.get("monthly").integer(true, 1);
            if (day != null && day > 31) {
                spec.get("monthly").problem("expected a day of the month from 1 to 31 (31 means the last day of a shorter month)");
                return null;
            }
            return day == null ? null : new ScheduleTrigger(null, day, time);
        }
        String dateField = spec.get("annually").text(true);
        if (dateField == null) {
            return null;
        }
        Field field = Field.resolve(dateField.startsWith("profile.") ? dateField : "profile." + dateField);
        if (field == null || field.onEvent() || (field.type() != FieldType.DATE && field.type() != FieldType.DYNAMIC)) {
            spec.get("annually").problem("expected a date of the profile: birthDate, or attributes.NAME holding a date like 2020-03-15");
            return null;
        }
        return new ScheduleTrigger(field, 0, time);
    }

    private record TemplateFacts(Set<String> guaranteed, Set<String> detailKeys) {}

    /** What templates of this rule can rely on, over all alternatives. */
    private static TemplateFacts templateFacts(List<Alternative> alternatives) {
        Set<String> guaranteed = null;
        Set<String> details = null;
        boolean timer = false;
        for (Alternative a : alternatives) {
            Trigger t = a.trigger();
            if (!t.citesEvent()) {
                timer = true;
            } else if (guaranteed == null) {
                guaranteed = new HashSet<>(t.guaranteedFields());
            } else {
                guaranteed.retainAll(t.guaranteedFields());
            }
            if (details == null) {
                details = new HashSet<>(t.detailKeys());
            } else {
                details.retainAll(t.detailKeys());
            }
        }
        return new TemplateFacts(timer ? null : guaranteed == null ? Set.of() : guaranteed, details == null ? Set.of() : details);
    }

    private List<Output> outputs(SpecNode r, ConditionCompiler conditions, TemplateFacts facts) {
        List<SpecNode> specs = new ArrayList<>();
        if (r.has("offer") == r.has("offers")) {
            r.problem("give the offer as 'offer: {...}' or a list under 'offers:'");
            return List.of();
        }
        if (r.has("offer")) {
            specs.add(r.get("offer"));
        } else if (!r.get("offers").isArray() || r.get("offers").items().isEmpty()) {
            r.get("offers").problem("expected a non-empty list of offers");
        } else {
            specs.addAll(r.get("offers").items());
        }
        List<Output> outputs = new ArrayList<>();
        Set<String> channels = new HashSet<>();
        for (SpecNode o : specs) {
            if (!o.requireObject()) {
                continue;
            }
            o.allowOnly(Set.of("channel", "audience", "template", "variants", "payload", "expiresAfter"));
            String channel = o.get("channel").text(true);
            if (channel != null && !CHANNELS.contains(channel)) {
                o.get("channel").problem("expected one of PUSH, SMS, EMAIL, RM_TASK, got \"" + channel + "\"");
            } else if (channel != null && !channels.add(channel)) {
                o.get("channel").problem("a rule makes at most one offer per channel");
            }
            Condition audience = conditions.compileAll(o.get("audience"), Scope.PROFILE_ONLY);
            Payload payload = Payload.compile(o.get("payload"), facts.guaranteed());
            TemplateScope scope = new TemplateScope(facts.guaranteed(), payload.kinds(), facts.detailKeys());
            List<Output.Variant> variants = variants(o, scope);
            long expiry = o.has("expiresAfter") ? Durations.read(o.get("expiresAfter"), true) : DEFAULT_EXPIRY;
            outputs.add(new Output(outputs.size(), channel, audience, variants, payload, expiry));
        }
        return outputs;
    }

    private List<Output.Variant> variants(SpecNode o, TemplateScope scope) {
        List<Output.Variant> variants = new ArrayList<>();
        if (o.has("template") == o.has("variants")) {
            o.problem("give the message as 'template:' or as A/B 'variants:' (not both)");
            return variants;
        }
        if (o.has("template")) {
            Map<String, MessageTemplate> templates = templates(o.get("template"), scope);
            if (!templates.isEmpty()) {
                variants.add(new Output.Variant(null, 1, templates));
            }
            return variants;
        }
        SpecNode list = o.get("variants");
        if (!list.isArray() || list.items().size() < 2) {
            list.problem("expected a list of at least two variants {name, weight, template}");
            return variants;
        }
        Set<String> names = new HashSet<>();
        for (SpecNode v : list.items()) {
            if (!v.requireObject()) {
                continue;
            }
            v.allowOnly(Set.of("name", "weight", "template"));
            String name = v.get("name").text(true);
            if (name != null && !names.add(name)) {
                v.get("name").problem("duplicate variant name");
            }
            Integer weight = v.has("weight") ? v.get("weight").integer(true, 1) : Integer.valueOf(1);
            Map<String, MessageTemplate> templates = templates(v.get("template"), scope);
            if (name != null && weight != null && !templates.isEmpty()) {
                variants.add(new Output.Variant(name, weight, templates));
            }
        }
        return variants;
    }

    /** A template text, or a map of language tag to text (the first is used for other languages). */
    private static Map<String, MessageTemplate> templates(SpecNode node, TemplateScope scope) {
        Map<String, MessageTemplate> templates = new LinkedHashMap<>();
        if (node.isText()) {
            templates.put("", MessageTemplate.compile(node.json().asText(), scope, node));
        } else if (node.isObject() && node.json().size() > 0) {
            node.forEachField((language, text) -> {
                String t = text.text(true);
                if (t != null) {
                    templates.put(language, MessageTemplate.compile(t, scope, text));
                }
            });
        } else {
            node.problem(node.isMissing() ? "missing required field" : "expected a message text or {zh-CN: text, en-US: text}");
        }
        return templates;
    }

    static String fingerprint(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

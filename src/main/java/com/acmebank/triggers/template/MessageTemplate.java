package com.acmebank.triggers.template;

import com.acmebank.triggers.condition.Field;
import com.acmebank.triggers.condition.FieldType;
import com.acmebank.triggers.spec.SpecNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message with placeholders, compiled once when the rule loads:
 * {@code 尊敬的{{profile.name|default:客户}}, 您的工资{{event.amount}}已到账}. Placeholders name event.*,
 * profile.*, payload.*, trigger.*, rule.id/name/version or offer.expiresAt, optionally followed by
 * {@code |money}, {@code |number}, {@code |date}, {@code |datetime} and {@code |default:text}. A placeholder
 * that cannot always be filled (an unknown name, or a value that may be absent without a default) is a
 * validation error at load time, never a broken message at send time.
 */
public final class MessageTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}|\\s]+)\\s*((?:\\|[^}|]*)*)}}");

    private interface Part {
        void append(StringBuilder out, RenderContext context, Formats formats);
    }

    private final List<Part> parts;

    private MessageTemplate(List<Part> parts) {
        this.parts = parts;
    }

    public String render(RenderContext context, Formats formats) {
        StringBuilder out = new StringBuilder(128);
        for (Part p : parts) {
            p.append(out, context, formats);
        }
        return out.toString();
    }

    /** Compiles the text, reporting problems against the node; never null. */
    public static MessageTemplate compile(String text, TemplateScope scope, SpecNode node) {
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                String literal = text.substring(last, m.start());
                parts.add((out, c, f) -> out.append(literal));
            }
            Part p = placeholder(m.group(1), m.group(2), scope, node);
            if (p != null) {
                parts.add(p);
            }
            last = m.end();
        }
        String rest = text.substring(last);
        if (rest.contains("{{") || rest.contains("}}")) {
            node.problem("unbalanced placeholder braces in template: " + rest.trim());
        }
        if (!rest.isEmpty()) {
            parts.add((out, c, f) -> out.append(rest));
        }
        return new MessageTemplate(List.copyOf(parts));
    }

    private static Part placeholder(String path, String modifiers, TemplateScope scope, SpecNode node) {
        String format = null;
        String fallback = null;
        for (String modifier : modifiers.split("\\|")) {
            String mod = modifier.trim();
            if (mod.isEmpty()) {
                continue;
            }
            if (mod.startsWith("default:")) {
                fallback = mod.substring("default:".length());
            } else if (List.of("money", "number", "date", "datetime").contains(mod)) {
                format = mod;
            } else {
                node.problem("placeholder {{" + path + "}}: unknown modifier '" + mod + "' (money, number, date, datetime, default:text)");
                return null;
            }
        }
        Resolved resolved = resolve(path, scope, node, fallback != null);
        if (resolved == null) {
            return null;
        }
        String fmt = format;
        String dflt = fallback;
        return (out, context, formats) -> {
            Object value = resolved.reader.apply(context);
            if (value == null || (value instanceof String s && s.isEmpty())) {
                out.append(dflt == null ? "" : dflt);
                return;
            }
            out.append(show(value, fmt == null ? resolved.kind : kindOf(fmt), context, formats));
        };
    }

    private record Resolved(Function<RenderContext, Object> reader, ValueKind kind) {}

    private static Resolved resolve(String path, TemplateScope scope, SpecNode node, boolean hasDefault) {
        String where = "placeholder {{" + path + "}}: ";
        if (path.startsWith("event.")) {
            if (!scope.firesOnEvent()) {
                node.problem(where + "this rule fires on a timer, not on an event, so there is no event to read");
                return null;
            }
            Field field = Field.resolve(path);
            if (field == null || !field.onEvent()) {
                node.problem(where + "unknown event field; known: " + Field.known());
                return null;
            }
            if (!hasDefault && !scope.guaranteedEventFields().contains(field.name())) {
                node.problem(where + "the event may not have " + field.name()
                        + "; require it in the trigger's where (e.g. {field: " + field.name() + ", present: true}) or add |default:text");
                return null;
            }
            return new Resolved(c -> field.read(c.facts()), kind(field.type()));
        }
        if (path.startsWith("profile.")) {
            Field field = Field.resolve(path);
            if (field == null) {
                node.problem(where + "unknown profile field; known: profile.name, profile.tier, profile.segments, profile.birthDate, profile.language, profile.timezone, profile.customerId");
                return null;
            }
            if (!hasDefault && !field.name().equals("customerId")) {
                node.problem(where + "a profile may lack " + field.name() + "; add a default, e.g. {{" + path + "|default:...}}");
                return null;
            }
            if (field.name().equals("customerId")) {
                return new Resolved(c -> c.facts().profile() != null ? c.facts().profile().customerId
                        : c.facts().event() != null ? c.facts().event().customerId : null, ValueKind.TEXT);
            }
            return new Resolved(c -> field.read(c.facts()), kind(field.type()));
        }
        if (path.startsWith("payload.")) {
            String key = path.substring("payload.".length());
            ValueKind kind = scope.payloadKeys().get(key);
            if (kind == null) {
                node.problem(where + "no payload value '" + key + "' in this offer; payload has: " + scope.payloadKeys().keySet());
                return null;
            }
            return new Resolved(c -> c.payload().get(key), kind);
        }
        if (path.startsWith("trigger.")) {
            String key = path.substring("trigger.".length());
            if (!scope.detailKeys().contains(key)) {
                node.problem(where + "this trigger reports " + (scope.detailKeys().isEmpty() ? "nothing" : scope.detailKeys()));
                return null;
            }
            return new Resolved(c -> c.details() == null ? null : c.details().get(key), ValueKind.TEXT);
        }
        switch (path) {
            case "rule.id":
                return new Resolved(RenderContext::ruleId, ValueKind.TEXT);
            case "rule.name":
                return new Resolved(RenderContext::ruleName, ValueKind.TEXT);
            case "rule.version":
                return new Resolved(c -> c.ruleVersion(), ValueKind.TEXT);
            case "offer.expiresAt":
                return new Resolved(RenderContext::expiresAt, ValueKind.INSTANT);
            default:
                node.problem(where + "unknown name; use event.*, profile.*, payload.*, trigger.*, rule.id, rule.name, rule.version or offer.expiresAt");
                return null;
        }
    }

    private static ValueKind kind(FieldType type) {
        return switch (type) {
            case MONEY -> ValueKind.MONEY;
            case DECIMAL -> ValueKind.NUMBER;
            case INSTANT -> ValueKind.INSTANT;
            case DATE -> ValueKind.DATE;
            case TEXT_LIST -> ValueKind.LIST;
            default -> ValueKind.TEXT;
        };
    }

    private static ValueKind kindOf(String format) {
        return switch (format) {
            case "money" -> ValueKind.MONEY;
            case "number" -> ValueKind.NUMBER;
            case "date" -> ValueKind.DATE;
            default -> ValueKind.INSTANT;
        };
    }

    private static String show(Object value, ValueKind kind, RenderContext context, Formats formats) {
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        BigDecimal number = value instanceof BigDecimal b ? b : value instanceof Long l && kind != ValueKind.INSTANT && kind != ValueKind.DATE
                ? BigDecimal.valueOf(l) : null;
        switch (kind) {
            case MONEY:
                if (number == null) {
                    number = parse(value);
                }
                return number == null ? value.toString() : formats.money(number, context.language(), context.currency());
            case NUMBER:
                if (number == null) {
                    number = parse(value);
                }
                return number == null ? value.toString() : formats.number(number);
            case INSTANT:
                return value instanceof Long t ? formats.dateTime(t, context.zone()) : value.toString();
            case DATE:
                return value instanceof Long t ? formats.date(t, context.zone()) : value.toString();
            default:
                return number != null ? formats.number(number) : value.toString();
        }
    }

    private static BigDecimal parse(Object value) {
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

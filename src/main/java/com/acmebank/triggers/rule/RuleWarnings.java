package com.acmebank.triggers.rule;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is allowed but almost certainly a mistake, found in a rule that compiled: an event type no contract
 * system sends (CARD_PAYMNET), a tier that does not exist (GLOD), a language key written as zh_CN, and
 * comparisons on one field that can never all hold (amount >= 5000 and amount < 100). Each names the file, the
 * rule and the field. {@code validate} prints them, {@code validate --strict} fails on them.
 */
final class RuleWarnings {
    /** The event types of the input contract (docs/contracts.md); others are allowed, since a source may add types. */
    static final Set<String> CONTRACT_TYPES = Set.of("CARD_PAYMENT", "SALARY_CREDIT", "TRANSFER_IN", "TRANSFER_OUT",
            "BALANCE_SNAPSHOT", "ACCOUNT_OPENED", "PRODUCT_PURCHASE", "PRODUCT_REDEMPTION", "LOAN_DISBURSED", "MERCHANT_SETTLEMENT",
            "APP_LOGIN", "MARKET_MOVE", "PAYMENT_REVERSAL");
    static final Set<String> TIERS = Set.of("MASS", "SILVER", "GOLD", "DIAMOND");
    private static final Set<String> CONDITION_LISTS = Set.of("where", "audience");

    private final String file;
    private final String ruleId;
    private final List<RuleError> found = new ArrayList<>();

    private RuleWarnings(String file, String ruleId) {
        this.file = file;
        this.ruleId = ruleId;
    }

    static List<RuleError> of(String file, String ruleId, JsonNode root) {
        RuleWarnings w = new RuleWarnings(file, ruleId);
        w.walk(root, "");
        return w.found;
    }

    private void walk(JsonNode node, String path) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]");
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = f.getKey();
            JsonNode value = f.getValue();
            String at = path.isEmpty() ? name : path + "." + name;
            if (path.startsWith("trigger") && (name.equals("type") || name.equals("types"))) {
                eventTypes(value, at);
            } else if (name.equals("template") && value.isObject()) {
                languages(value, at);
            }
            if (name.equals("profileChange") && value.isObject() && value.path("field").asText("").matches("(profile\\.)?tier")) {
                for (String side : List.of("from", "to")) {
                    JsonNode v = value.get(side);
                    List<JsonNode> values = new ArrayList<>();
                    if (v != null && v.isArray()) {
                        v.forEach(values::add);
                    } else if (v != null) {
                        values.add(v);
                    }
                    for (JsonNode t : values) {
                        if (t.isTextual() && !TIERS.contains(t.asText())) {
                            String close = closest(t.asText(), TIERS);
                            warn(at + "." + side, "'" + t.asText() + "' is not a tier (MASS, SILVER, GOLD, DIAMOND)"
                                    + (close != null ? "; did you mean " + close + "?" : ""));
                        }
                    }
                }
            }
            if (CONDITION_LISTS.contains(name)) {
                conditions(value, at);
            }
            walk(value, at);
        }
    }

    private void eventTypes(JsonNode value, String at) {
        List<JsonNode> types = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(types::add);
        } else {
            types.add(value);
        }
        for (JsonNode t : types) {
            if (t.isTextual() && !CONTRACT_TYPES.contains(t.asText())) {
                String close = closest(t.asText(), CONTRACT_TYPES);
                warn(at, "'" + t.asText() + "' is not an event type of the input contract"
                        + (close != null ? " (did you mean " + close + "?)" : "") + "; the rule only reacts if a source sends that type");
            }
        }
    }

    private void languages(JsonNode template, String at) {
        template.fieldNames().forEachRemaining(key -> {
            if (!key.matches("[a-z]{2,3}(-[A-Z]{2})?")) {
                warn(at + "." + key, "'" + key + "' is not a language tag like zh-CN or en-US (profiles say zh-CN): this text is"
                        + " chosen for no customer");
            }
        });
    }

    /** A list of conditions that must all hold: tiers that do not exist, and numeric bounds that cannot meet. */
    private void conditions(JsonNode list, String at) {
        if (!list.isArray()) {
            return;
        }
        Map<String, BigDecimal[]> ranges = new LinkedHashMap<>();
        Map<String, Boolean[]> inclusive = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            String field = c.path("field").asText(null);
            if (field == null) {
                continue;
            }
            String where = at + "[" + i + "]";
            if (field.equals("profile.tier") || field.equals("tier")) {
                for (String op : List.of("eq", "ne", "in", "notIn")) {
                    JsonNode v = c.get(op);
                    if (v == null) {
                        continue;
                    }
                    List<JsonNode> values = new ArrayList<>();
                    if (v.isArray()) {
                        v.forEach(values::add);
                    } else {
                        values.add(v);
                    }
                    for (JsonNode t : values) {
                        if (t.isTextual() && !TIERS.contains(t.asText())) {
                            String close = closest(t.asText(), TIERS);
                            warn(where + "." + op, "'" + t.asText() + "' is not a tier (MASS, SILVER, GOLD, DIAMOND)"
                                    + (close != null ? "; did you mean " + close + "?" : ""));
                        }
                    }
                }
            }
            BigDecimal[] range = ranges.computeIfAbsent(field, k -> new BigDecimal[2]);
            Boolean[] incl = inclusive.computeIfAbsent(field, k -> new Boolean[] {true, true});
            for (String op : List.of("gt", "gte", "lt", "lte", "eq")) {
                JsonNode v = c.get(op);
                if (v == null || !(v.isNumber() || (v.isTextual() && isNumber(v.asText())))) {
                    continue;
                }
                BigDecimal n = new BigDecimal(v.asText());
                if (op.startsWith("g") || op.equals("eq")) {
                    int cmp = range[0] == null ? 1 : n.compareTo(range[0]);
                    if (cmp > 0 || (cmp == 0 && op.equals("gt"))) {
                        range[0] = n;
                        incl[0] = !op.equals("gt");
                    }
                }
                if (op.startsWith("l") || op.equals("eq")) {
                    int cmp = range[1] == null ? -1 : n.compareTo(range[1]);
                    if (cmp < 0 || (cmp == 0 && op.equals("lt"))) {
                        range[1] = n;
                        incl[1] = !op.equals("lt");
                    }
                }
            }
        }
        ranges.forEach((field, r) -> {
            if (r[0] == null || r[1] == null) {
                return;
            }
            int cmp = r[0].compareTo(r[1]);
            Boolean[] incl = inclusive.get(field);
            if (cmp > 0 || (cmp == 0 && !(incl[0] && incl[1]))) {
                warn(at, "the conditions on " + field + " can never all hold (at least " + r[0].toPlainString()
                        + (incl[0] ? "" : ", exclusive") + ", at most " + r[1].toPlainString() + (incl[1] ? "" : ", exclusive")
                        + "): the rule never fires");
            }
        });
    }

    private static boolean isNumber(String s) {
        try {
            new BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The known value one or two edits away, for "did you mean". */
    private static String closest(String text, Set<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(text.toUpperCase(), k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    /** Optimal string alignment distance (an adjacent swap counts as one edit, as in PAYMNET). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private void warn(String field, String message) {
        found.add(new RuleError(file, ruleId, field, message));
    }
}

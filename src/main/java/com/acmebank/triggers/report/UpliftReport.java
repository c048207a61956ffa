package com.acmebank.triggers.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per rule and variant, from the decisions and conversions: what the rule did (fired, sent, deferred, held out,
 * suppressed by reason) and whether it worked: the conversion rate of the treated (offers SENT) against the
 * control group (HELD_OUT), the absolute uplift (difference of rates, Newcombe interval) and the relative
 * uplift (ratio of rates minus one, Katz log interval), 95%. A group too small to tell is said so.
 */
public final class UpliftReport {
    /** Below this many decisions in a group, or conversions, a difference cannot be told apart from chance. */
    static final int MIN_GROUP = 30;
    static final int MIN_CONVERSIONS = 5;

    /** The figures of one rule and variant. */
    public static final class Row {
        public final String ruleId;
        public final String variant;
        final Set<String> fired = new HashSet<>();
        long sent;
        long deferred;
        long heldOut;
        final Map<String, Long> suppressed = new TreeMap<>();
        long convertedTreated;
        long convertedControl;

        Row(String ruleId, String variant) {
            this.ruleId = ruleId;
            this.variant = variant;
        }

        public long fired() {
            return fired.size();
        }

        public long sent() {
            return sent;
        }

        public long heldOut() {
            return heldOut;
        }

        public long convertedTreated() {
            return convertedTreated;
        }

        public long convertedControl() {
            return convertedControl;
        }

        double rate(long x, long n) {
            return n == 0 ? Double.NaN : (double) x / n;
        }

        public double treatedRate() {
            return rate(convertedTreated, sent);
        }

        public double controlRate() {
            return rate(convertedControl, heldOut);
        }

        public Proportions.Interval absoluteUplift() {
            return Proportions.difference(convertedTreated, sent, convertedControl, heldOut);
        }

        /** The relative uplift's interval: the rate ratio's minus one. */
        public Proportions.Interval relativeUplift() {
            Proportions.Interval r = Proportions.ratio(convertedTreated, sent, convertedControl, heldOut);
            return new Proportions.Interval(r.low() - 1, r.high() - 1);
        }

        /** Null when the figures can tell; else why not. */
        public String warning() {
            if (sent < MIN_GROUP || heldOut < MIN_GROUP) {
                return "too few to tell: " + sent + " treated, " + heldOut + " in the control group (at least " + MIN_GROUP + " each)";
            }
            if (convertedTreated + convertedControl < MIN_CONVERSIONS) {
                return "too few conversions to tell (" + (convertedTreated + convertedControl) + ", at least " + MIN_CONVERSIONS + ")";
            }
            Proportions.Interval a = absoluteUplift();
            if (a.low() <= 0 && a.high() >= 0) {
                return "no uplift shown: the interval includes 0";
            }
            return null;
        }
    }

    private final Map<String, Row> rows = new TreeMap<>();

    public static UpliftReport of(List<JsonNode> decisions, List<JsonNode> conversions) {
        UpliftReport r = new UpliftReport();
        for (JsonNode d : decisions) {
            Row row = r.row(d);
            String outcome = d.path("outcome").asText();
            if (!"REVERSED".equals(outcome)) {
                row.fired.add(d.path("offerId").asText());
            }
            switch (outcome) {
                case "SENT" -> row.sent++;
                case "DEFERRED" -> row.deferred++;
                case "HELD_OUT" -> row.heldOut++;
                case "SUPPRESSED" -> row.suppressed.merge(d.path("reason").asText("OTHER"), 1L, Long::sum);
                default -> { }
            }
        }
        for (JsonNode c : conversions) {
            Row row = r.row(c);
            if ("HELD_OUT".equals(c.path("outcome").asText())) {
                row.convertedControl++;
            } else {
                row.convertedTreated++;
            }
        }
        return r;
    }

    private Row row(JsonNode record) {
        String rule = record.path("ruleId").asText();
        String variant = record.hasNonNull("variant") ? record.get("variant").asText() : null;
        return rows.computeIfAbsent(rule + "\u0000" + (variant == null ? "" : variant), k -> new Row(rule, variant));
    }

    public List<Row> rows() {
        return List.copyOf(rows.values());
    }

    public void print(PrintStream out) {
        out.printf("%-32s %-7s %7s %7s %8s %8s %10s %9s %9s %8s %8s %22s %22s%n", "rule", "variant", "fired", "sent", "deferred",
                "held out", "suppressed", "conv sent", "conv ctrl", "rate", "ctrl", "uplift (95% CI)", "relative (95% CI)");
        for (Row r : rows.values()) {
            long suppressed = r.suppressed.values().stream().mapToLong(Long::longValue).sum();
            Proportions.Interval a = r.absoluteUplift();
            Proportions.Interval rel = r.relativeUplift();
            double rr = r.treatedRate() / r.controlRate() - 1;
            out.printf("%-32s %-7s %7d %7d %8d %8d %10d %9d %9d %8s %8s %22s %22s%n", r.ruleId, r.variant == null ? "-" : r.variant,
                    r.fired(), r.sent, r.deferred, r.heldOut, suppressed, r.convertedTreated, r.convertedControl, pct(r.treatedRate()),
                    pct(r.controlRate()), withInterval(r.treatedRate() - r.controlRate(), a), withInterval(rr, rel));
            if (!r.suppressed.isEmpty()) {
                StringBuilder s = new StringBuilder("    suppressed:");
                r.suppressed.forEach((reason, n) -> s.append(' ').append(reason).append(' ').append(n));
                out.println(s);
            }
            String warning = r.warning();
            if (warning != null) {
                out.println("    " + warning);
            }
        }
        out.println("Rates: conversions per offer SENT (treated) and per HELD_OUT decision (control). Uplift: the difference of the"
                + " rates, 95% Newcombe hybrid score interval; relative: the ratio of the rates minus one, 95% Katz log interval.");
    }

    public ObjectNode json(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("method", "95% intervals: Newcombe hybrid score (absolute uplift), Katz log (relative uplift), Wilson (rates)");
        ArrayNode list = root.putArray("rules");
        for (Row r : rows.values()) {
            ObjectNode o = list.addObject();
            o.put("ruleId", r.ruleId);
            if (r.variant != null) {
                o.put("variant", r.variant);
            }
            o.put("fired", r.fired());
            o.put("sent", r.sent);
            o.put("deferred", r.deferred);
            o.put("heldOut", r.heldOut);
            ObjectNode s = o.putObject("suppressed");
            r.suppressed.forEach(s::put);
            o.put("convertedTreated", r.convertedTreated);
            o.put("convertedControl", r.convertedControl);
            number(o, "treatedRate", r.treatedRate());
            number(o, "controlRate", r.controlRate());
            number(o, "absoluteUplift", r.treatedRate() - r.controlRate());
            interval(o, "absoluteUpliftInterval", r.absoluteUplift());
            number(o, "relativeUplift", r.treatedRate() / r.controlRate() - 1);
            interval(o, "relativeUpliftInterval", r.relativeUplift());
            if (r.warning() != null) {
                o.put("warning", r.warning());
            }
        }
        return root;
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, Math.round(v * 1e6) / 1e6);
        } else {
            o.putNull(field);
        }
    }

    private static void interval(ObjectNode o, String field, Proportions.Interval i) {
        if (Double.isFinite(i.low()) && Double.isFinite(i.high())) {
            ArrayNode a = o.putArray(field);
            a.add(Math.round(i.low() * 1e6) / 1e6);
            a.add(Math.round(i.high() * 1e6) / 1e6);
        } else {
            o.putNull(field);
        }
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format("%.1f%%", v * 100) : "-";
    }

    private static String withInterval(double v, Proportions.Interval i) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        if (!Double.isFinite(i.low())) {
            return String.format("%+.1f%%", v * 100);
        }
        return String.format("%+.1f%% [%+.1f, %+.1f]", v * 100, i.low() * 100, i.high() * 100);
    }
}

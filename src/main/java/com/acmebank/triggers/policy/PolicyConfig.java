package com.acmebank.triggers.policy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contact policy as written in {@code rules/policy.yaml}: consent, frequency caps, quiet hours, holdout
 * and per-rule overrides. Bound by Jackson, checked by {@link #validate()}; serializable into Flink jobs.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public class PolicyConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public String defaultTimezone = "Asia/Shanghai";
    public String defaultLanguage = "zh-CN";
    public Caps frequencyCaps = new Caps();
    public Quiet quietHours = new Quiet();
    public Holdout holdout = new Holdout();
    /** Channels that need no consent (internal tasks). */
    public List<String> consentExemptChannels = new ArrayList<>(List.of("RM_TASK"));
    public Map<String, RuleOverride> rules = new LinkedHashMap<>();
    /** Caps shared by a family of rules (all wealth offers together, say), by family name. */
    public Map<String, Family> families = new LinkedHashMap<>();

    /** A cap of one rule's, or one family's, contacts; an absent limit does not limit. */
    public static class Limit implements Serializable {
        private static final long serialVersionUID = 1L;
        public Integer perLocalDay;
        public Integer perRolling7Days;
    }

    public static class Family extends Limit {
        private static final long serialVersionUID = 1L;
        public List<String> rules = new ArrayList<>();
    }

    public static class Caps implements Serializable {
        private static final long serialVersionUID = 1L;
        public int perLocalDay = 2;
        public int perRolling7Days = 5;
        public List<String> exemptChannels = new ArrayList<>(List.of("RM_TASK"));
    }

    public static class Quiet implements Serializable {
        private static final long serialVersionUID = 1L;
        public String start = "21:00";
        public String end = "08:00";
        public List<String> channels = new ArrayList<>(List.of("SMS", "PUSH"));
    }

    public static class Holdout implements Serializable {
        private static final long serialVersionUID = 1L;
        public BigDecimal defaultPercent = BigDecimal.valueOf(5);
    }

    /** Per-rule exceptions to the policy; absent fields keep the policy's value. */
    public static class RuleOverride implements Serializable {
        private static final long serialVersionUID = 1L;
        public BigDecimal holdoutPercent;
        /** Minimum time between two sends of this rule to one customer, e.g. 3d. */
        public String cooldown;
        public Boolean quietHours;
        public Boolean frequencyCapped;
        /** This rule's own cap, on top of the customer-wide one. */
        public Limit caps;
    }

    /** Problems in the policy, each naming the field; empty when valid. */
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        try {
            java.time.ZoneId.of(defaultTimezone);
        } catch (java.time.DateTimeException e) {
            problems.add("defaultTimezone: unknown time zone '" + defaultTimezone + "'");
        }
        if (frequencyCaps.perLocalDay < 0 || frequencyCaps.perRolling7Days < 0) {
            problems.add("frequencyCaps: limits must be >= 0");
        }
        for (String[] f : new String[][] {{"quietHours.start", quietHours.start}, {"quietHours.end", quietHours.end}}) {
            try {
                java.time.LocalTime.parse(f[1]);
            } catch (RuntimeException e) {
                problems.add(f[0] + ": expected a local time like 21:00, got '" + f[1] + "'");
            }
        }
        checkPercent("holdout.defaultPercent", holdout.defaultPercent, problems);
        families.forEach((name, f) -> {
            checkLimit("families." + name, f, problems);
            if (f.rules == null || f.rules.isEmpty()) {
                problems.add("families." + name + ".rules: expected the ids of the rules the family caps together");
            }
        });
        rules.forEach((id, o) -> {
            checkPercent("rules." + id + ".holdoutPercent", o.holdoutPercent, problems);
            if (o.caps != null) {
                checkLimit("rules." + id + ".caps", o.caps, problems);
            }
            if (o.cooldown != null) {
                try {
                    com.acmebank.triggers.spec.Durations.parse(o.cooldown);
                } catch (IllegalArgumentException e) {
                    problems.add("rules." + id + ".cooldown: " + e.getMessage());
                }
            }
        });
        return problems;
    }

    private static void checkLimit(String field, Limit l, List<String> problems) {
        if (l.perLocalDay == null && l.perRolling7Days == null) {
            problems.add(field + ": give perLocalDay, perRolling7Days or both");
        }
        if ((l.perLocalDay != null && l.perLocalDay < 0) || (l.perRolling7Days != null && l.perRolling7Days < 0)) {
            problems.add(field + ": limits must be >= 0");
        }
    }

    private static void checkPercent(String field, BigDecimal value, List<String> problems) {
        if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0)) {
            problems.add(field + ": expected a percentage from 0 to 100, got " + value.toPlainString());
        }
    }
}

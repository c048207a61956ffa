package com.acmebank.triggers.rule;

import java.util.List;

/**
 * A change to the rules in force, as the engine passes it on: put a rule (active or paused), delete a rule, or
 * replace a reference list. It is an envelope, never a rule itself; only real rules and lists are kept as state.
 * On Kafka it is one record of the rule-updates topic ({@link com.acmebank.triggers.ruleset.RuleUpdateJson}).
 */
public class RuleUpdate implements java.io.Serializable {
    private static final long serialVersionUID = 2L;
    public static final String PUT_RULE = "PUT_RULE";
    public static final String REMOVE_RULE = "REMOVE_RULE";
    public static final String PUT_LIST = "PUT_LIST";
    /** No effective instant given: in force from the start of event time. */
    public static final long FROM_START = Long.MIN_VALUE;

    public String kind;
    /** PUT_RULE: the rule file (paused or not). */
    public RuleSource rule;
    /** REMOVE_RULE: the rule id; PUT_LIST: the list name. */
    public String name;
    /** PUT_LIST: the list's values. */
    public List<String> values;
    /** The rule's version (PUT_RULE: as in its file; REMOVE_RULE: the version deleted), or the list's version; 0 if not given. */
    public int version;
    /** The event time from which the change applies: events at or after it see it. */
    public long effectiveFrom = FROM_START;
    /** The registry's running number of accepted updates, which orders updates with the same effective instant. */
    public long sequence;

    public RuleUpdate() {}

    public static RuleUpdate putRule(RuleSource source) {
        RuleUpdate u = new RuleUpdate();
        u.kind = PUT_RULE;
        u.rule = source;
        return u;
    }

    public static RuleUpdate removeRule(String ruleId) {
        RuleUpdate u = new RuleUpdate();
        u.kind = REMOVE_RULE;
        u.name = ruleId;
        return u;
    }

    public static RuleUpdate putList(String name, List<String> values) {
        RuleUpdate u = new RuleUpdate();
        u.kind = PUT_LIST;
        u.name = name;
        u.values = values;
        return u;
    }

    /** The same update applying from {@code instant}. */
    public RuleUpdate from(long instant) {
        effectiveFrom = instant;
        return this;
    }

    /** The key of what it changes, as on the rule-updates topic: {@code rule:ID} or {@code list:NAME}. */
    public String subject() {
        return PUT_LIST.equals(kind) ? "list:" + name : "rule:" + ruleId();
    }

    /** The rule id of a rule update: the envelope's, else null until compiled. */
    public String ruleId() {
        return PUT_RULE.equals(kind) ? (rule == null ? null : rule.ruleId) : name;
    }

    public boolean paused() {
        return rule != null && rule.paused;
    }

    public RuleUpdate copy() {
        RuleUpdate u = new RuleUpdate();
        u.kind = kind;
        u.rule = rule == null ? null : rule.copy();
        u.name = name;
        u.values = values == null ? null : new java.util.ArrayList<>(values);
        u.version = version;
        u.effectiveFrom = effectiveFrom;
        u.sequence = sequence;
        return u;
    }
}

package com.acmebank.triggers.rule;

import java.util.List;

/**
 * A change to the running rules, broadcast to every operator: put a rule, remove a rule, or replace a
 * reference list. It is an envelope, never a rule itself; only real rules and lists are kept as state.
 */
public class RuleUpdate implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final String PUT_RULE = "PUT_RULE";
    public static final String REMOVE_RULE = "REMOVE_RULE";
    public static final String PUT_LIST = "PUT_LIST";
    /** The end of a full rule set: rules and lists not named here are removed. */
    public static final String KEEP_ONLY = "KEEP_ONLY";

    public String kind;
    /** PUT_RULE: the rule file; REMOVE_RULE: its ruleId in {@code name}. */
    public RuleSource rule;
    /** REMOVE_RULE: the rule id; PUT_LIST: the list name. */
    public String name;
    /** PUT_LIST: the list's values; KEEP_ONLY: the rule ids to keep. */
    public List<String> values;
    /** KEEP_ONLY: the list names to keep. */
    public List<String> lists;

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

    public static RuleUpdate keepOnly(List<String> ruleIds, List<String> listNames) {
        RuleUpdate u = new RuleUpdate();
        u.kind = KEEP_ONLY;
        u.values = ruleIds;
        u.lists = listNames;
        return u;
    }

    public static RuleUpdate putList(String name, List<String> values) {
        RuleUpdate u = new RuleUpdate();
        u.kind = PUT_LIST;
        u.name = name;
        u.values = values;
        return u;
    }
}

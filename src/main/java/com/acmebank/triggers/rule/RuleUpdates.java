package com.acmebank.triggers.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The broadcast updates that put a set of lists and rules in force, replacing whatever was in force: lists
 * first, then rules, then "keep only these".
 */
public final class RuleUpdates {
    private RuleUpdates() {}

    public static List<RuleUpdate> of(Map<String, List<String>> lists, List<RuleSource> rules) {
        List<RuleUpdate> updates = new ArrayList<>();
        lists.forEach((name, values) -> updates.add(RuleUpdate.putList(name, new ArrayList<>(values))));
        RuleCompiler compiler = new RuleCompiler();
        List<String> ids = new ArrayList<>();
        for (RuleSource r : rules) {
            updates.add(RuleUpdate.putRule(r));
            try {
                ids.add(compiler.compile(r).id());
            } catch (RuleRejectedException e) {
                throw new IllegalArgumentException("rule files must be validated before they are sent: " + e.getMessage(), e);
            }
        }
        updates.add(RuleUpdate.keepOnly(ids, new ArrayList<>(lists.keySet())));
        return updates;
    }
}

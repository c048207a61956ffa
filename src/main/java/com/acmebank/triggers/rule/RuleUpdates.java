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

    /** {@code rules}: rule files already validated (compiled once, when loaded; the ids come from there). */
    public static List<RuleUpdate> of(Map<String, List<String>> lists, RuleFiles.Loaded rules) {
        List<RuleUpdate> updates = new ArrayList<>();
        lists.forEach((name, values) -> updates.add(RuleUpdate.putList(name, new ArrayList<>(values))));
        rules.sources().forEach(source -> updates.add(RuleUpdate.putRule(source)));
        List<String> ids = rules.rules().stream().map(CompiledRule::id).toList();
        updates.add(RuleUpdate.keepOnly(new ArrayList<>(ids), new ArrayList<>(lists.keySet())));
        return updates;
    }
}

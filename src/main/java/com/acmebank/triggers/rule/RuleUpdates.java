package com.acmebank.triggers.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The broadcast updates that put a set of lists and rules in force: lists first, then rules. */
public final class RuleUpdates {
    private RuleUpdates() {}

    public static List<RuleUpdate> of(Map<String, List<String>> lists, List<RuleSource> rules) {
        List<RuleUpdate> updates = new ArrayList<>();
        lists.forEach((name, values) -> updates.add(RuleUpdate.putList(name, new ArrayList<>(values))));
        rules.forEach(r -> updates.add(RuleUpdate.putRule(r)));
        return updates;
    }
}

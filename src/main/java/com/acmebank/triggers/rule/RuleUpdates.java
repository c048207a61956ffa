package com.acmebank.triggers.rule;

import com.acmebank.triggers.event.Origin;
import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.ruleset.RuleUpdateJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rule files and reference-list files as updates in force from the start of event time: lists first, then
 * rules, as records of the rule-updates topic, so files and the topic reach the engine by the same path.
 */
public final class RuleUpdates {
    private RuleUpdates() {}

    /** {@code rules}: rule files already validated (compiled once, when loaded; ids and versions come from there). */
    public static List<RuleUpdate> of(Map<String, List<String>> lists, RuleFiles.Loaded rules) {
        List<RuleUpdate> updates = new ArrayList<>();
        lists.forEach((name, values) -> {
            RuleUpdate u = RuleUpdate.putList(name, new ArrayList<>(values));
            u.version = 1;
            updates.add(u);
        });
        for (int i = 0; i < rules.sources().size(); i++) {
            RuleSource source = rules.sources().get(i).copy();
            CompiledRule rule = rules.rules().get(i);
            source.ruleId = rule.id();
            RuleUpdate u = RuleUpdate.putRule(source);
            u.version = rule.version();
            updates.add(u);
        }
        return updates;
    }

    /** The same, as the records the rule registry reads. */
    public static List<RawRecord> records(Map<String, List<String>> lists, RuleFiles.Loaded rules) {
        List<RawRecord> records = new ArrayList<>();
        for (RuleUpdate u : of(lists, rules)) {
            String from = RuleUpdate.PUT_LIST.equals(u.kind) ? "reference list " + u.name : u.rule.fileName;
            records.add(new RawRecord(RuleUpdateJson.write(u), RuleUpdateJson.key(u), Origin.described(from)));
        }
        return records;
    }
}

package com.acmebank.triggers.cli;

import com.acmebank.triggers.kafka.RuleTopics;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.RuleFiles;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.ruleset.RuleUpdateJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code run --rules DIR --reference DIR}: publishes to the rule-updates topic, before the job starts, the rules and
 * lists given that the topic does not hold at all. Whatever the topic holds (a newer version, a pause, a delete, a
 * list marketing changed) stays as it is: the topic is the one source of truth, the folders only seed it. So the
 * same command line restarts the job any number of times without undoing a change made since.
 */
final class RuleSeeding {
    private RuleSeeding() {}

    static void seed(RuleTopics topics, RuleFiles.Loaded rules, Map<String, List<String>> lists, PrintStream out, PrintStream err)
            throws IOException {
        Map<String, RuleTopics.Published> published = topics.latest();
        List<RuleUpdate> updates = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, List<String>> list : lists.entrySet()) {
            RuleTopics.Published p = published.get(RuleUpdateJson.key(RuleUpdateJson.LIST, list.getKey()));
            if (p == null) {
                RuleUpdate u = RuleUpdate.putList(list.getKey(), List.copyOf(list.getValue()));
                u.version = 1;
                updates.add(u);
            } else if (!p.update().values.equals(list.getValue())) {
                kept.add("list " + list.getKey() + " (version " + p.update().version + " on the topic)");
            }
        }
        int listCount = updates.size();
        for (int i = 0; rules != null && i < rules.rules().size(); i++) {
            CompiledRule rule = rules.rules().get(i);
            RuleTopics.Published p = published.get(RuleUpdateJson.key(RuleUpdateJson.RULE, rule.id()));
            if (p == null) {
                RuleSource source = rules.sources().get(i).copy();
                source.fileName = String.valueOf(Path.of(source.fileName).getFileName());
                source.ruleId = rule.id();
                RuleUpdate u = RuleUpdate.putRule(source);
                u.version = rule.version();
                updates.add(u);
            } else if (p.update().version != rule.version() || !RuleUpdate.PUT_RULE.equals(p.update().kind)
                    || !rules.sources().get(i).text.equals(p.update().rule.text)) {
                kept.add(rule.id() + " (" + RuleUpdateJson.state(p.update()).toLowerCase() + " version " + p.update().version + " on the topic)");
            }
        }
        if (!kept.isEmpty()) {
            err.println("Rule files: the topic " + topics.updatesTopic() + " holds other versions, which stay in force: " + String.join(", ", kept)
                    + " (publish a change with rules publish or lists publish)");
        }
        if (updates.isEmpty()) {
            out.println("Rule files: nothing to publish, " + topics.updatesTopic() + " holds every rule and list given");
            return;
        }
        topics.publish(updates);
        out.printf("Rule files: published %d lists and %d rules to %s, which did not hold them (the engine answers on %s)%n", listCount,
                updates.size() - listCount, topics.updatesTopic(), topics.statusTopic());
    }
}

package com.acmebank.triggers.cli;

import com.acmebank.triggers.kafka.RuleTopics;
import com.acmebank.triggers.rule.RuleFiles;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.ruleset.RuleUpdateJson;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run --rules DIR --reference DIR}: publishes the files given to the rule-updates topic before the job starts,
 * as {@code lists publish} and {@code rules publish} would (lists first; what is published already at that version
 * is left alone), without waiting for an answer: the job about to start gives it. A way to seed the topic, not a
 * second source of truth.
 */
final class RuleSeeding {
    private RuleSeeding() {}

    /** Returns 0, or the exit code of a refusal (nothing is published then). */
    static int seed(RuleTopics topics, RuleFiles.Loaded rules, Map<String, List<String>> lists, PrintStream out, PrintStream err)
            throws IOException {
        Map<String, RuleUpdate> published = new LinkedHashMap<>();
        topics.latest().forEach((key, p) -> published.put(key, p.update()));
        List<RuleUpdate> updates = new ArrayList<>();
        for (Map.Entry<String, List<String>> list : lists.entrySet()) {
            ListsCommand.Decision d = ListsCommand.decide(list.getKey(), list.getValue(),
                    published.get(RuleUpdateJson.key(RuleUpdateJson.LIST, list.getKey())), RuleUpdate.FROM_START);
            if (d.exitCode() != 0) {
                err.println("Refused: " + d.message());
                return d.exitCode();
            }
            if (d.update() != null) {
                updates.add(d.update());
            }
        }
        int lists0 = updates.size();
        if (rules != null) {
            PublishPlan.Outcome plan = PublishPlan.plan(RulePublishCommand.candidates(rules), published, RuleUpdate.FROM_START);
            if (!plan.refused().isEmpty()) {
                plan.refused().forEach(line -> err.println("Refused: " + line));
                err.println("Nothing published; the rules on " + topics.updatesTopic() + " stay as they are (give --rules the files in force, "
                        + "or publish the change with rules publish)");
                return UpdatePublishing.INVALID;
            }
            updates.addAll(plan.publish());
        }
        if (updates.isEmpty()) {
            out.println("Rule files: everything given is on " + topics.updatesTopic() + " already");
            return 0;
        }
        topics.publish(updates);
        out.printf("Rule files: published %d lists and %d rules to %s (the engine answers on %s)%n", lists0, updates.size() - lists0,
                topics.updatesTopic(), topics.statusTopic());
        return 0;
    }
}

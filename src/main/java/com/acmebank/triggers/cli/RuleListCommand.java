package com.acmebank.triggers.cli;

import com.acmebank.triggers.kafka.RuleTopics;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Lists every published rule and reference list as the running engine accepted it.",
        description = {"One line per rule and list: its version, state (ACTIVE, PAUSED or DELETED) and the event time it applies "
                + "from, as the engine last accepted it on rule-status; a note says when the latest published update is not "
                + "answered yet (PENDING) or was rejected after it (REJECTED, with the first reason).",
                "Exit codes: 0 listed, 1 Kafka error or no broker, 2 a topic missing."})
public final class RuleListCommand implements Callable<Integer> {
    @Option(names = "--json", description = "One JSON object a line: type, id, version, state, effectiveFrom, note.")
    boolean json;

    @Mixin
    RuleTopicOptions kafka;

    @Override
    public Integer call() {
        try {
            RuleTopics topics = kafka.connect(false, System.err);
            RuleTopics.Updates updates = topics.updates();
            List<RuleListing.Row> rows = RuleListing.rows(updates.latest(), topics.statuses(), topics.updatesTopic(),
                    System.currentTimeMillis());
            if (json) {
                rows.forEach(r -> System.out.println(RuleListing.json(r)));
            } else if (rows.isEmpty()) {
                System.out.println("Nothing published on " + topics.updatesTopic() + " yet (rules publish PATH..., lists publish NAME FILE).");
            } else {
                RuleListing.table(rows).forEach(System.out::println);
            }
            if (!updates.unreadable().isEmpty()) {
                System.err.println(updates.unreadable().size() + " record(s) of " + topics.updatesTopic() + " are not valid updates and "
                        + "were left out (the engine rejects them too; rules history ID shows its answer)");
            }
            return 0;
        } catch (CommandFailure f) {
            return f.exitCode();
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return UpdatePublishing.KAFKA_ERROR;
        }
    }
}

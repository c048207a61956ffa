package com.acmebank.triggers.cli;

import com.acmebank.triggers.kafka.RuleTopics;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Shows every answer of the engine about one rule or list, oldest first.",
        description = {"Each answer on rule-status: when it was written (UTC), the version, state, ACCEPTED or REJECTED, the event "
                + "time it applies from, then its messages and warnings; last, the latest published update if it is not answered yet.",
                "Exit codes: 0 shown, 1 Kafka error or no broker, 2 the id never appears (or a topic missing)."})
public final class RuleHistoryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "The rule's id or the list's name.")
    String id;

    @Mixin
    RuleTopicOptions kafka;

    @Override
    public Integer call() {
        try {
            RuleTopics topics = kafka.connect(false, System.err);
            List<String> lines = RuleListing.history(id, topics.latest(), topics.statuses(), topics.updatesTopic());
            if (lines.isEmpty()) {
                System.err.println("No rule or list " + id + " on " + topics.updatesTopic() + " or " + topics.statusTopic()
                        + " (rules list shows what is published)");
                return 2;
            }
            lines.forEach(System.out::println);
            return 0;
        } catch (CommandFailure f) {
            return f.exitCode();
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return UpdatePublishing.KAFKA_ERROR;
        }
    }
}

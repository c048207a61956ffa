package com.acmebank.triggers.cli;

import com.acmebank.triggers.kafka.RuleTopics;
import com.acmebank.triggers.spec.Durations;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the rule and list commands publish and read: the broker and the two rule topics. Each setting comes from
 * its flag, else TRIGGER_NAME in the environment (as for run, so one environment serves both), else its default.
 */
final class RuleTopicOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS",
            description = "Kafka brokers, host:port[,host:port...] (default 127.0.0.1:9092, or TRIGGER_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--rule-updates-topic", paramLabel = "TOPIC",
            description = "The compacted topic of rule and list updates that run reads (default rule-updates, or TRIGGER_RULE_UPDATES_TOPIC).")
    String ruleUpdatesTopic;

    @Option(names = "--rule-status-topic", paramLabel = "TOPIC",
            description = "The topic where run answers each update (default rule-status, or TRIGGER_RULE_STATUS_TOPIC).")
    String ruleStatusTopic;

    @Option(names = "--connect-timeout", paramLabel = "DURATION",
            description = "How long to wait for the broker to answer (default 30s, or TRIGGER_CONNECT_TIMEOUT).")
    String connectTimeout;

    /** The environment the settings fall back to; a test may put its own. */
    Map<String, String> environment = System.getenv();

    /**
     * Checks that the broker answers and both topics exist (else one line, exit 2). For publishing, rule-updates must
     * have one partition: the engine applies updates in the order of the topic, and a status names its update by offset.
     */
    RuleTopics connect(boolean publishing, PrintStream err) throws CommandFailure {
        // a flag that was not given is null, so the predicate can say yes to all
        SettingSources settings = new SettingSources(name -> true, environment, Map.of());
        String servers = settings.value("bootstrap-servers", bootstrapServers, "127.0.0.1:9092");
        String updates = settings.value("rule-updates-topic", ruleUpdatesTopic, "rule-updates");
        String status = settings.value("rule-status-topic", ruleStatusTopic, "rule-status");
        long timeout;
        try {
            timeout = Durations.parse(settings.value("connect-timeout", connectTimeout, "30s"));
        } catch (IllegalArgumentException e) {
            err.println("--connect-timeout: " + e.getMessage());
            throw new CommandFailure(2);
        }
        KafkaPreflight.quietClientLogs();
        Map<String, Integer> partitions;
        try {
            partitions = KafkaPreflight.requireTopics(servers, timeout, err, updates, status);
        } catch (CommandFailure f) {
            // the preflight already said why: no broker (1), or a topic missing (2)
            throw f;
        }
        RuleTopics topics = new RuleTopics(servers, updates, status, Duration.ofMillis(timeout));
        if (publishing) {
            int count = partitions.getOrDefault(updates, 0);
            if (count != 1) {
                err.println("Topic '" + updates + "' has " + count + " partitions: it needs exactly 1, so the engine reads the updates "
                        + "in the order they were published (create it with 1 partition and cleanup.policy=compact)");
                throw new CommandFailure(2);
            }
            warnUnlessCompacted(topics, err);
        }
        return topics;
    }

    private static void warnUnlessCompacted(RuleTopics topics, PrintStream err) {
        try {
            String policy = topics.updatesCleanupPolicy();
            if (policy != null && !policy.contains("compact")) {
                err.println("Warning: topic '" + topics.updatesTopic() + "' has cleanup.policy=" + policy + ", not compact: the broker "
                        + "deletes published rules after its retention time, and a fresh engine would start without them");
            }
        } catch (IOException e) {
            // not allowed to describe configs, say: the engine's own checks still hold
        }
    }
}

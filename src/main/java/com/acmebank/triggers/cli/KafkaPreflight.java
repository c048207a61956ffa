package com.acmebank.triggers.cli;

import com.acmebank.triggers.spec.Durations;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * What a command checks before it talks to Kafka: that a broker answers within a timeout and that the topics
 * it names exist (a topic the broker would create on first use gets the broker's defaults, e.g. a profiles
 * topic that is not compacted). Problems are reported as one line and end the command.
 */
final class KafkaPreflight {
    private KafkaPreflight() {}

    /**
     * The Kafka clients log a warning on every reconnect attempt; the command reports the problem itself, in one
     * line. TRIGGER_DEBUG=1 keeps the warnings.
     */
    static void quietClientLogs() {
        if (!ErrorLine.debug()) {
            Configurator.setLevel("org.apache.kafka", Level.ERROR);
        }
    }

    /**
     * Ends the command (exit 1) when no broker answers within the timeout, or (exit 2) when a topic is missing;
     * otherwise answers with each topic's partition count.
     */
    static Map<String, Integer> requireTopics(String bootstrapServers, long timeoutMillis, PrintStream err, String... topics)
            throws CommandFailure {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeoutMillis));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeoutMillis));
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "trigger-engine-preflight");
        Set<String> existing;
        Map<String, Integer> partitions = new LinkedHashMap<>();
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (org.apache.kafka.common.KafkaException e) {
            // e.g. a bootstrap address that does not resolve
            err.println("Cannot use the Kafka broker address '" + bootstrapServers + "': " + ErrorLine.rootCause(e));
            throw new CommandFailure(2);
        }
        try {
            existing = admin.listTopics(new ListTopicsOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, timeoutMillis)))
                    .names().get(timeoutMillis + 2_000, TimeUnit.MILLISECONDS);
            List<String> present = new ArrayList<>();
            for (String topic : topics) {
                if (existing.contains(topic)) {
                    present.add(topic);
                }
            }
            admin.describeTopics(present).allTopicNames().get(timeoutMillis + 2_000, TimeUnit.MILLISECONDS)
                    .forEach((name, description) -> partitions.put(name, description.partitions().size()));
        } catch (java.util.concurrent.TimeoutException | ExecutionException e) {
            if (e instanceof ExecutionException && !(e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException)) {
                err.println("The Kafka broker at " + bootstrapServers + " refused to list its topics: " + ErrorLine.rootCause(e));
            } else {
                err.println("No Kafka broker answered at " + bootstrapServers + " within " + Durations.format(timeoutMillis)
                        + " (is it running? bin/local-kafka status; bin/local-kafka start starts one on 127.0.0.1:9092)");
            }
            throw new CommandFailure(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(130);
        } finally {
            admin.close(java.time.Duration.ofSeconds(1));
        }
        List<String> missing = new ArrayList<>();
        for (String topic : topics) {
            if (!existing.contains(topic)) {
                missing.add(topic);
            }
        }
        if (!missing.isEmpty()) {
            err.println((missing.size() == 1 ? "Topic '" + missing.get(0) + "' does not" : "Topics '" + String.join("', '", missing) + "' do not")
                    + " exist on the broker at " + bootstrapServers + " (bin/local-kafka topics lists them; bin/local-kafka create-topics creates the engine's)");
            throw new CommandFailure(2);
        }
        return partitions;
    }
}

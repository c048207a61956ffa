package com.acmebank.triggers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "offers", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Prints the offers, or another output topic, as they arrive.",
        description = "Watches the offers topic as a gateway would (read_committed: only what the engine committed) and prints "
                + "each offer on one line; --topic decisions, dead-letters or late-events watches the other outputs "
                + "(record formats: docs/contracts.md). Ctrl-C stops it.")
public final class OffersCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", defaultValue = "${env:TRIGGER_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka brokers, host:port[,host:port...] (default: ${DEFAULT-VALUE}, from TRIGGER_BOOTSTRAP_SERVERS when set).")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "offers",
            description = "Topic to watch: offers, decisions, dead-letters or late-events (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--from-beginning", description = "Print what the topic already holds, not only new records.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", defaultValue = "0", description = "Stop after this many records (default: ${DEFAULT-VALUE}, never).")
    int max;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = CliValues.DurationMillis.class, defaultValue = "0s",
            description = "Stop when nothing arrived for this long (default: ${DEFAULT-VALUE}, never).")
    long idleTimeout;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = CliValues.DurationMillis.class, defaultValue = "15s",
            description = "How long to wait for the broker to answer at the start (default: ${DEFAULT-VALUE}).")
    long timeout;

    @Option(names = "--json", description = "Print the records as they are (JSON Lines).")
    boolean json;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() {
        KafkaPreflight.quietClientLogs();
        try {
            KafkaPreflight.requireTopics(bootstrapServers, timeout, System.err, topic);
        } catch (CommandFailure f) {
            return f.exitCode();
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "offers-viewer-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // a viewer must never create the topic it was asked to show
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        int seen = 0;
        long lastRecord = Long.MAX_VALUE;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            // assigned, not subscribed: no consumer-group join delay, and every partition from the start or the end
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofMillis(timeout)).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            System.err.println("Watching " + topic + " on " + bootstrapServers + " (Ctrl-C to stop)");
            lastRecord = System.currentTimeMillis();
            while (max == 0 || seen < max) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    System.out.println(json ? r.value() : pretty(r.value()));
                    lastRecord = System.currentTimeMillis();
                    if (max > 0 && ++seen >= max) {
                        break;
                    }
                }
                if (idleTimeout > 0 && System.currentTimeMillis() - lastRecord > idleTimeout) {
                    break;
                }
            }
        }
        return 0;
    }

    static String pretty(String value) {
        try {
            JsonNode n = JSON.readTree(value);
            if (n.has("decisionId")) {
                return String.format("%s  %-10s %-30s %-7s %s %s", n.path("decidedAt").asText(), n.path("customerId").asText(),
                        n.path("ruleId").asText(), n.path("channel").asText(), n.path("outcome").asText(), n.path("reason").asText(""));
            }
            if (n.has("offerId")) {
                return String.format("%s  %-10s %-30s %-7s %s", n.path("sendAt").asText(), n.path("customerId").asText(),
                        n.path("ruleId").asText(), n.path("channel").asText(), n.path("message").asText());
            }
            return value;
        } catch (Exception e) {
            return value;
        }
    }
}

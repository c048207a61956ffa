package com.acmebank.triggers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Sends JSON Lines files to Kafka as the upstream systems would: profiles to the profiles topic and events to the events topic, keyed by customerId (lines that are not valid JSON are sent as they are, to show dead letters).")
public final class ProduceCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", defaultValue = "${env:TRIGGER_BOOTSTRAP_SERVERS:-127.0.0.1:9092}", description = "default ${DEFAULT-VALUE}")
    String bootstrapServers;

    @Option(names = "--events", paramLabel = "FILE", description = "Events to send (JSON Lines).")
    Path events;

    @Option(names = "--profiles", paramLabel = "FILE", description = "Profiles to send first (JSON Lines).")
    Path profiles;

    @Option(names = "--events-topic", defaultValue = "events") String eventsTopic;
    @Option(names = "--profiles-topic", defaultValue = "profiles") String profilesTopic;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "0", description = "Events per second (0: as fast as possible).")
    int rate;

    @Option(names = "--now", description = "Stamp each event with the time it is sent, as a live payment system would (the file's order is kept).")
    boolean now;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        if (events == null && profiles == null) {
            System.err.println("Give --events FILE and/or --profiles FILE.");
            return 2;
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        long sent = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            if (profiles != null) {
                sent += send(producer, profiles, profilesTopic, 0, false);
            }
            if (events != null) {
                sent += send(producer, events, eventsTopic, rate, now);
            }
            producer.flush();
        }
        System.out.printf("Sent %,d records to %s in %.1f s%n", sent, bootstrapServers, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static long send(KafkaProducer<String, String> producer, Path file, String topic, int rate, boolean restamp) throws Exception {
        long count = 0;
        long started = System.nanoTime();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                producer.send(new ProducerRecord<>(topic, keyOf(line), restamp ? stampedNow(line) : line));
                count++;
                if (rate > 0) {
                    long due = started + count * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
            }
        }
        return count;
    }

    /** The line with eventTime set to now; a line that is not a JSON object is sent as it is. */
    private static String stampedNow(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o && o.has("eventTime")) {
                o.put("eventTime", java.time.Instant.now().toString());
                return o.toString();
            }
        } catch (Exception notJson) {
            // sent unchanged: it will be a dead letter, as it should
        }
        return line;
    }

    private static String keyOf(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            JsonNode id = node == null ? null : node.get("customerId");
            return id == null || !id.isTextual() ? null : id.asText();
        } catch (Exception notJson) {
            return null;
        }
    }
}

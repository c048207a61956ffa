package com.acmebank.triggers.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything a topic holds now, committed records only, read once from its start to the end offsets of the
 * moment it was asked (records arriving meanwhile wait for the next read). No consumer group is joined.
 */
public final class TopicSnapshot {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TopicSnapshot() {}

    /** One record as the topic holds it: key and value text (either may be null). */
    public record Record(String key, String value, int partition, long offset) {}

    public static List<JsonNode> read(String bootstrapServers, String topic, Duration timeout) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (Record r : records(bootstrapServers, topic, timeout)) {
            if (r.value() != null) {
                nodes.add(JSON.readTree(r.value()));
            }
        }
        return nodes;
    }

    /** Every committed record, as text, partition by partition in offset order. */
    public static List<Record> records(String bootstrapServers, String topic, Duration timeout) throws IOException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<Record> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.currentTimeMillis() + Math.max(timeout.toMillis(), 60_000);
            while (!caughtUp(consumer, end)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("reading " + topic + " did not reach its end offsets in time");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    records.add(new Record(r.key(), r.value(), r.partition(), r.offset()));
                }
            }
        }
        return records;
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}

package com.acmebank.triggers.kafka;

import com.acmebank.triggers.output.RuleStatus;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.ruleset.RuleStatusJson;
import com.acmebank.triggers.ruleset.RuleUpdateJson;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The publisher's side of the rule topics: what is published on rule-updates, publishing more, and the engine's
 * answers on rule-status. Reads are committed records only, from assigned partitions (no consumer group, so
 * nothing is left behind on the broker). Failures are IOExceptions with a message a user can act on.
 */
public final class RuleTopics {
    /** A record of rule-updates that parsed. */
    public record Published(String key, int partition, long offset, long timestamp, RuleUpdate update) {}

    /** A record of rule-updates that did not parse (the engine rejects it too). */
    public record Unreadable(String key, int partition, long offset, String problem) {}

    /** The latest readable update per key, and every record that could not be read. */
    public record Updates(Map<String, Published> latest, List<Unreadable> unreadable) {}

    /** A record of rule-status, with its Kafka timestamp. */
    public record StatusRecord(String key, int partition, long offset, long timestamp, RuleStatus status) {}

    /** Publishing stopped at a record the broker did not take; {@code offsets} has -1 for each update not written. */
    public static final class PublishFailed extends IOException {
        private final List<Long> offsets;

        PublishFailed(String message, List<Long> offsets) {
            super(message);
            this.offsets = List.copyOf(offsets);
        }

        public List<Long> offsets() {
            return offsets;
        }
    }

    private final String bootstrapServers;
    private final String updatesTopic;
    private final String statusTopic;
    private final Duration timeout;

    public RuleTopics(String bootstrapServers, String updatesTopic, String statusTopic, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.updatesTopic = updatesTopic;
        this.statusTopic = statusTopic;
        this.timeout = timeout;
    }

    public String updatesTopic() {
        return updatesTopic;
    }

    public String statusTopic() {
        return statusTopic;
    }

    /** The latest readable update per key ({@code rule:ID}, {@code list:NAME}), read from the start to the end of the moment. */
    public Map<String, Published> latest() throws IOException {
        return updates().latest();
    }

    public Updates updates() throws IOException {
        List<Unreadable> unreadable = new ArrayList<>();
        Map<String, Published> latest = latestExcept(Set.of(), unreadable);
        return new Updates(latest, List.copyOf(unreadable));
    }

    /** The latest readable update per key, leaving out the records at {@code skipped} offsets; unreadable ones go to the list. */
    private Map<String, Published> latestExcept(Set<Long> skipped, List<Unreadable> unreadable) throws IOException {
        Map<String, Published> latest = new LinkedHashMap<>();
        readToEnd(updatesTopic, r -> {
            if (skipped.contains(r.offset())) {
                return;
            }
            try {
                RuleUpdate u = RuleUpdateJson.parse(r.key(), r.value());
                latest.put(RuleUpdateJson.key(u), new Published(r.key(), r.partition(), r.offset(), r.timestamp(), u));
            } catch (RuleUpdateJson.Malformed m) {
                unreadable.add(new Unreadable(r.key(), r.partition(), r.offset(), m.getMessage()));
            }
        });
        return Collections.unmodifiableMap(latest);
    }

    /**
     * Per rule and list, the newest record the engine did not reject (one with no answer yet counts): what is in force,
     * or about to be. An older accepted record is found while compaction has not removed it yet.
     */
    public Map<String, Published> inForce() throws IOException {
        Set<Long> rejected = new HashSet<>();
        for (StatusRecord s : statuses()) {
            if (!s.status().accepted() && s.status().origin != null && updatesTopic.equals(s.status().origin.topic)) {
                rejected.add(s.status().origin.offset);
            }
        }
        // an unreadable record is rejected by the engine too
        return latestExcept(rejected, new ArrayList<>());
    }

    /** Every readable status record, in the topic's order (records that are not status records are left out). */
    public List<StatusRecord> statuses() throws IOException {
        List<StatusRecord> statuses = new ArrayList<>();
        readToEnd(statusTopic, r -> {
            try {
                statuses.add(new StatusRecord(r.key(), r.partition(), r.offset(), r.timestamp(), RuleStatusJson.parse(r.value())));
            } catch (IOException e) {
                // not the engine's: nothing to show
            }
        });
        return statuses;
    }

    /** Where rule-status ends now, per partition: take it before publishing, so no answer can be missed. */
    public Map<Integer, Long> statusEndOffsets() throws IOException {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            Map<Integer, Long> end = new HashMap<>();
            consumer.endOffsets(partitions(consumer, statusTopic), timeout).forEach((tp, offset) -> end.put(tp.partition(), offset));
            return end;
        } catch (KafkaException e) {
            throw failure("reading the end of " + statusTopic, e);
        }
    }

    /** Where rule-updates ends now, per partition. */
    public Map<Integer, Long> updatesEndOffsets() throws IOException {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            Map<Integer, Long> end = new HashMap<>();
            consumer.endOffsets(partitions(consumer, updatesTopic), timeout).forEach((tp, offset) -> end.put(tp.partition(), offset));
            return end;
        } catch (KafkaException e) {
            throw failure("reading the end of " + updatesTopic, e);
        }
    }

    /** Publishes the updates in order, keyed by subject; answers their offsets once the broker has them all. */
    public List<Long> publish(List<RuleUpdate> updates) throws IOException {
        List<Long> offsets = new ArrayList<>(Collections.nCopies(updates.size(), -1L));
        KafkaProducer<String, String> producer = null;
        try {
            producer = producer();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (RuleUpdate u : updates) {
                sent.add(producer.send(new ProducerRecord<>(updatesTopic, RuleUpdateJson.key(u), RuleUpdateJson.write(u))));
            }
            producer.flush();
            for (int i = 0; i < sent.size(); i++) {
                try {
                    offsets.set(i, sent.get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset());
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                    throw new PublishFailed("the broker at " + bootstrapServers + " did not take " + RuleUpdateJson.key(updates.get(i))
                            + ": " + describe(cause), offsets);
                }
            }
        } catch (KafkaException e) {
            throw new PublishFailed("publishing to " + updatesTopic + " failed: " + describe(e), offsets);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailed("interrupted while publishing", offsets);
        } finally {
            if (producer != null) {
                producer.close(timeout);
            }
        }
        return offsets;
    }

    /**
     * The engine's answers to the updates at {@code updateOffsets} of rule-updates, read from {@code statusStartOffsets}
     * until each has one or {@code wait} has passed (then the map lacks the ones without an answer).
     */
    public Map<Long, RuleStatus> awaitStatuses(Set<Long> updateOffsets, Map<Integer, Long> statusStartOffsets, Duration wait)
            throws IOException {
        Map<Long, RuleStatus> answers = new HashMap<>();
        long deadline = System.currentTimeMillis() + wait.toMillis();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, statusTopic);
            consumer.assign(partitions);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, statusStartOffsets.getOrDefault(tp.partition(), 0L));
            }
            long left;
            while (answers.size() < updateOffsets.size() && (left = deadline - System.currentTimeMillis()) > 0) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(Math.min(left, 500)))) {
                    RuleStatus s;
                    try {
                        s = RuleStatusJson.parse(r.value());
                    } catch (IOException e) {
                        continue;
                    }
                    if (s.origin != null && updatesTopic.equals(s.origin.topic) && updateOffsets.contains(s.origin.offset)) {
                        answers.putIfAbsent(s.origin.offset, s);
                    }
                }
            }
        } catch (KafkaException e) {
            throw failure("reading " + statusTopic, e);
        }
        return answers;
    }

    /** The cleanup.policy of rule-updates (compact keeps every rule's latest update for ever; delete loses them). */
    public String updatesCleanupPolicy() throws IOException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(timeout));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(timeout));
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, updatesTopic);
        try (Admin admin = Admin.create(props)) {
            Config config = admin.describeConfigs(List.of(topic)).all().get(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS).get(topic);
            ConfigEntry entry = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            return entry == null ? null : entry.value();
        } catch (ExecutionException | java.util.concurrent.TimeoutException | KafkaException e) {
            throw failure("describing " + updatesTopic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /** Every committed record from the start to the end offsets of the moment; fails when reading makes no progress for the timeout. */
    private void readToEnd(String topic, Consumer<ConsumerRecord<String, String>> each) throws IOException {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long progressed = System.currentTimeMillis();
            while (!caughtUp(consumer, end)) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    progressed = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - progressed > timeout.toMillis()) {
                    throw new IOException("reading " + topic + " on " + bootstrapServers + " made no progress for " + timeout.toSeconds()
                            + " s before reaching its end");
                }
                for (ConsumerRecord<String, String> r : records) {
                    each.accept(r);
                }
            }
        } catch (KafkaException e) {
            throw failure("reading " + topic, e);
        }
    }

    private boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), timeout) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) throws IOException {
        var info = consumer.partitionsFor(topic, timeout);
        if (info == null || info.isEmpty()) {
            throw new IOException("topic '" + topic + "' does not exist on the broker at " + bootstrapServers);
        }
        return info.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "trigger-engine-rules");
        // only what the engine (and other publishers) committed
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(timeout));
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(timeout));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    private KafkaProducer<String, String> producer() {
        int t = millis(timeout);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "trigger-engine-rules");
        // a retried send is never written twice, and a record is acknowledged only once every in-sync replica has it
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // a broker that stops answering ends the command within a bounded time instead of blocking it
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, t);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, t);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, 2L * t));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private IOException failure(String what, Throwable e) {
        return new IOException(what + " on " + bootstrapServers + " failed: " + describe(e), e);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.strip());
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE / 4, d.toMillis()));
    }
}

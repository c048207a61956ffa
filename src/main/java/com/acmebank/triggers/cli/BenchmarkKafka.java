package com.acmebank.triggers.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The benchmark's Kafka clients and topics: every part uses topics of its own, two partitions each. */
final class BenchmarkKafka {
    static final int PARTITIONS = 2;

    private final String bootstrapServers;

    BenchmarkKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** An admin client; fails with the README's hint when no broker answers within 15 s. */
    Admin admin() throws CommandFailure {
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
        try {
            admin.describeCluster().nodes().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            admin.close();
            System.err.println("No Kafka broker answered at " + bootstrapServers + " within 15 s (bin/local-kafka start runs one)");
            throw new CommandFailure(1);
        }
        return admin;
    }

    KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    KafkaConsumer<String, String> consumer(boolean committedOnly) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    static void create(Admin admin, String topic, int partitions, boolean compacted) throws Exception {
        NewTopic t = new NewTopic(topic, partitions, (short) 1);
        if (compacted) {
            t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
    }

    static List<TopicPartition> partitions(String topic) {
        List<TopicPartition> parts = new ArrayList<>();
        for (int i = 0; i < (topic.endsWith("-rule-updates") ? 1 : PARTITIONS); i++) {
            parts.add(new TopicPartition(topic, i));
        }
        return parts;
    }

    /** The sum of the topic's end offsets: how many records it holds. */
    static long end(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartition tp : partitions(topic)) {
            latest.put(tp, OffsetSpec.latest());
        }
        long end = 0;
        for (var e : admin.listOffsets(latest).all().get().values()) {
            end += e.offset();
        }
        return end;
    }

    /** The sum of the offsets the group has committed: the engine commits what a completed checkpoint holds. */
    static long committed(Admin admin, String group) throws Exception {
        long committed = 0;
        for (OffsetAndMetadata o : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values()) {
            committed += o == null ? 0 : o.offset();
        }
        return committed;
    }

    /** One engine's topics, named as its flags; {@code name} is also its consumer group prefix and transactional id. */
    static final class Topics {
        final String name;
        final String events;
        final String profiles;
        final String offers;
        final String decisions;
        final String deadLetters;
        final String lateEvents;
        final String conversions;
        final String ruleUpdates;
        final String ruleStatus;

        Topics(String name) {
            this.name = name;
            events = name + "-events";
            profiles = name + "-profiles";
            offers = name + "-offers";
            decisions = name + "-decisions";
            deadLetters = name + "-dead-letters";
            lateEvents = name + "-late-events";
            conversions = name + "-conversions";
            ruleUpdates = name + "-rule-updates";
            ruleStatus = name + "-rule-status";
        }

        void create(Admin admin) throws Exception {
            for (String topic : List.of(events, offers, decisions, deadLetters, lateEvents, conversions, ruleStatus)) {
                BenchmarkKafka.create(admin, topic, PARTITIONS, false);
            }
            BenchmarkKafka.create(admin, profiles, PARTITIONS, true);
            BenchmarkKafka.create(admin, ruleUpdates, 1, true);
        }

        /** The consumer group that reads the events. */
        String eventsGroup() {
            return name + "-" + events;
        }

        List<String> flags() {
            return List.of("--events-topic", events, "--profiles-topic", profiles, "--offers-topic", offers, "--decisions-topic", decisions,
                    "--dead-letters-topic", deadLetters, "--late-events-topic", lateEvents, "--conversions-topic", conversions,
                    "--rule-updates-topic", ruleUpdates, "--rule-status-topic", ruleStatus, "--group-id", name,
                    "--transactional-id-prefix", name);
        }
    }
}

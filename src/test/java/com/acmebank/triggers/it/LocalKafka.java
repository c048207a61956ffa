package com.acmebank.triggers.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real local broker for integration tests: uses the one on 127.0.0.1:9092 (started by .ci/run), or
 * starts bin/local-kafka itself and stops it when all tests are done. Each test uses its own topics.
 */
public final class LocalKafka implements BeforeAllCallback {
    public static final String BOOTSTRAP = System.getenv().getOrDefault("TRIGGER_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    static final Path REPO = Paths.get("").toAbsolutePath();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent("local-kafka", k -> {
            if (reachable()) {
                return (ExtensionContext.Store.CloseableResource) () -> { };
            }
            run("bin/local-kafka", "start");
            return (ExtensionContext.Store.CloseableResource) () -> run("bin/local-kafka", "stop");
        });
    }

    static boolean reachable() {
        String[] hostPort = BOOTSTRAP.split(",")[0].split(":");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(REPO.toFile()).inheritIO().start();
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Topic names of one test run. */
    public record Topics(String events, String profiles, String offers, String decisions, String deadLetters, String lateEvents,
            String conversions, String ruleUpdates, String ruleStatus) {
        public List<String> all() {
            return List.of(events, profiles, offers, decisions, deadLetters, lateEvents, conversions, ruleUpdates, ruleStatus);
        }

        public String[] flags() {
            return new String[] {"--events-topic", events, "--profiles-topic", profiles, "--offers-topic", offers,
                "--decisions-topic", decisions, "--dead-letters-topic", deadLetters, "--late-events-topic", lateEvents,
                "--conversions-topic", conversions, "--rule-updates-topic", ruleUpdates, "--rule-status-topic", ruleStatus};
        }

        /** The flags of the rule commands (rules publish, lists show, ...) for these topics. */
        public String[] ruleFlags() {
            return new String[] {"--bootstrap-servers", BOOTSTRAP, "--rule-updates-topic", ruleUpdates, "--rule-status-topic", ruleStatus};
        }
    }

    public static Topics createTopics() throws Exception {
        return createTopics(Map.of());
    }

    /** Topics of one test run; {@code eventsConfig}: topic configs for its events topic (e.g. max.message.bytes). */
    public static Topics createTopics(Map<String, String> eventsConfig) throws Exception {
        String p = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Topics t = new Topics(p + "events", p + "profiles", p + "offers", p + "decisions", p + "dead-letters", p + "late-events",
                p + "conversions", p + "rule-updates", p + "rule-status");
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : t.all()) {
                // the rule updates keep one order: one partition, compacted like the profiles
                NewTopic topic = new NewTopic(name, name.equals(t.ruleUpdates()) ? 1 : 2, (short) 1);
                if (name.equals(t.profiles()) || name.equals(t.ruleUpdates())) {
                    topic.configs(Map.of("cleanup.policy", "compact"));
                }
                if (name.equals(t.events()) && !eventsConfig.isEmpty()) {
                    topic.configs(eventsConfig);
                }
                topics.add(topic);
            }
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
        return t;
    }

    /** The names of the broker's topics now. */
    public static java.util.Set<String> topics() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        try (Admin admin = Admin.create(props)) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    /** Sends lines keyed by their customerId (null for lines without one). */
    public static void produce(String topic, List<String> lines) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (String line : lines) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"customerId\":\"([^\"]+)\"").matcher(line);
                producer.send(new ProducerRecord<>(topic, m.find() ? m.group(1) : null, line));
            }
            producer.flush();
        }
    }

    /** Publishes the shipped rules and reference lists to a rule-updates topic, as rules publish would, in force from the start. */
    public static void publishShippedRules(Topics topics) throws Exception {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (com.acmebank.triggers.event.RawRecord r : com.acmebank.triggers.rule.RuleUpdates.records(
                com.acmebank.triggers.rule.ReferenceListFiles.shipped(), com.acmebank.triggers.rule.RuleFiles.shipped())) {
            records.add(new ProducerRecord<>(topics.ruleUpdates(), r.key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    r.text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        produceBytes(topics.ruleUpdates(), records, Map.of());
    }

    /** Sends records as they are (any bytes, null keys, null values), with extra producer settings. */
    public static void produceBytes(String topic, List<ProducerRecord<byte[], byte[]>> records, Map<String, Object> producerConfig) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putAll(producerConfig);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                try {
                    // one at a time, in order, each acknowledged: a refused record fails the test here
                    producer.send(new ProducerRecord<>(topic, r.partition(), r.key(), r.value())).get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("could not produce to " + topic, e);
                }
            }
        }
    }

    /** Stops the shared broker (bin/local-kafka stop) and waits until its port is closed. */
    static void stopBroker() {
        run("bin/local-kafka", "stop");
        Deadline.await(java.time.Duration.ofSeconds(60), "the broker's port to close", () -> !reachable());
    }

    /** Starts the shared broker again (bin/local-kafka start waits until it answers). */
    static void startBroker() {
        if (!reachable()) {
            run("bin/local-kafka", "start");
        }
    }

    /** A read_committed reader of a whole topic, as a gateway would read it. */
    public static final class Reader implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        public final List<String> values = new ArrayList<>();

        public Reader(String topic) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            consumer = new KafkaConsumer<>(props);
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Reads for up to {@code wait}, returning early once {@code until} records are in. */
        public List<String> readUntil(int until, Duration wait) {
            long end = System.nanoTime() + wait.toNanos();
            while (values.size() < until && System.nanoTime() < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
            return values;
        }

        /** Reads what arrives within about half a second; returns all records read so far. */
        public List<String> poll() {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                values.add(r.value());
            }
            return values;
        }

        /** Reads whatever arrives within {@code wait}. */
        public List<String> drain(Duration wait) {
            long end = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
            return values;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}

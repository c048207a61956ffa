package com.acmebank.triggers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "produce", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Sends profile and event files to Kafka, as upstream systems would.",
        description = "Sends JSON Lines files to Kafka: profiles first, to the profiles topic, then events to the events topic, "
                + "each keyed by its customerId (docs/contracts.md). Lines that are not valid JSON are sent as they are, to "
                + "show dead letters. Prints its progress every few seconds (--quiet: only the summary). The topics must "
                + "exist (bin/local-kafka start creates them).")
public final class ProduceCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", defaultValue = "${env:TRIGGER_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka brokers, host:port[,host:port...] (default: ${DEFAULT-VALUE}, from TRIGGER_BOOTSTRAP_SERVERS when set).")
    String bootstrapServers;

    @Option(names = "--events", paramLabel = "FILE", description = "Events to send, JSON Lines.")
    Path events;

    @Option(names = "--profiles", paramLabel = "FILE", description = "Profiles to send before the events, JSON Lines.")
    Path profiles;

    @Option(names = "--events-topic", paramLabel = "TOPIC", defaultValue = "events", description = "Topic for the events (default: ${DEFAULT-VALUE}).")
    String eventsTopic;

    @Option(names = "--profiles-topic", paramLabel = "TOPIC", defaultValue = "profiles", description = "Topic for the profiles, a compacted topic (default: ${DEFAULT-VALUE}).")
    String profilesTopic;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "0", description = "Events per second (default: ${DEFAULT-VALUE}, as fast as possible).")
    int rate;

    @Option(names = "--now", description = "Stamp each event with the time it is sent, as a live payment system would (the file's order is kept).")
    boolean now;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = CliValues.DurationMillis.class, defaultValue = "15s",
            description = "How long to wait for the broker to answer, at the start and for each record (default: ${DEFAULT-VALUE}).")
    long timeout;

    @Option(names = "--quiet", description = "Print only the final summary, no progress lines.")
    boolean quiet;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    /** What went wrong first with a record the producer could not deliver; null while all is well. */
    private final AtomicReference<Exception> deliveryFailure = new AtomicReference<>();
    private final AtomicLong failed = new AtomicLong();

    @Override
    public Integer call() throws Exception {
        if (events == null && profiles == null) {
            System.err.println("Give --events FILE and/or --profiles FILE.");
            return 2;
        }
        for (Path file : new Path[] {profiles, events}) {
            if (file != null && !Files.isRegularFile(file)) {
                System.err.println("No such " + (file == events ? "events" : "profiles") + " file: " + file);
                return 2;
            }
        }
        if (rate < 0) {
            System.err.println("--rate must be 0 (as fast as possible) or more, got " + rate);
            return 2;
        }
        KafkaPreflight.quietClientLogs();
        try {
            KafkaPreflight.requireTopics(bootstrapServers, timeout, System.err,
                    profiles != null && events != null ? new String[] {profilesTopic, eventsTopic}
                            : new String[] {profiles != null ? profilesTopic : eventsTopic});
        } catch (CommandFailure f) {
            return f.exitCode();
        }
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE / 4, timeout);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // a broker that stops answering ends the command within a bounded time instead of blocking it
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4 * timeoutMs);
        long sent = 0;
        long start = System.nanoTime();
        boolean completed = false;
        KafkaProducer<String, String> producer = new KafkaProducer<>(props);
        try {
            if (profiles != null) {
                sent += send(producer, profiles, profilesTopic, 0, false);
            }
            if (events != null && deliveryFailure.get() == null) {
                sent += send(producer, events, eventsTopic, rate, now);
            }
            producer.flush();
            completed = true;
        } finally {
            producer.close(completed ? java.time.Duration.ofMillis(4L * timeoutMs) : java.time.Duration.ZERO);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Exception failure = deliveryFailure.get();
        if (failure != null) {
            System.err.printf("%,d of %,d records were not delivered to %s: %s%n", failed.get(), sent, bootstrapServers,
                    ErrorLine.of(failure));
            return 1;
        }
        System.out.printf("Sent %,d records to %s in %.1f s (%,.0f records/s)%n", sent, bootstrapServers, seconds,
                seconds > 0 ? sent / seconds : 0);
        return 0;
    }

    /** Sends the file's lines; stops early once a record could not be delivered. Returns the records sent. */
    private long send(KafkaProducer<String, String> producer, Path file, String topic, int rate, boolean restamp) throws Exception {
        long count = 0;
        long started = System.nanoTime();
        long nextReport = started + PROGRESS_EVERY_NANOS;
        long size = Files.size(file);
        Callback delivered = (metadata, e) -> {
            if (e != null) {
                failed.incrementAndGet();
                deliveryFailure.compareAndSet(null, e);
            }
        };
        try (CountingInputStream in = new CountingInputStream(Files.newInputStream(file));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = reader.readLine()) != null && deliveryFailure.get() == null) {
                if (line.isBlank()) {
                    continue;
                }
                producer.send(new ProducerRecord<>(topic, keyOf(line), restamp ? stampedNow(line) : line), delivered);
                count++;
                if (rate > 0) {
                    long due = started + count * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
                if (!quiet && System.nanoTime() >= nextReport) {
                    progress(file, topic, count, started, size > 0 ? in.count() * 100 / size : -1);
                    nextReport += PROGRESS_EVERY_NANOS;
                }
            }
        }
        if (!quiet) {
            System.err.printf("  %s -> %s: %,d records%n", file.getFileName(), topic, count);
        }
        return count;
    }

    private static void progress(Path file, String topic, long count, long started, long percent) {
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("  %s -> %s: %,d records sent%s, %,.0f records/s%n", file.getFileName(), topic, count,
                percent >= 0 ? " (" + Math.min(percent, 100) + "% of the file)" : "", count / seconds);
    }

    /** Counts the bytes read from the file, for the share of it sent so far. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
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

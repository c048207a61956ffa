package com.acmebank.triggers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * State at scale, as a bank runs the engine: generated profiles and days of traffic for many customers on topics
 * of the part's own, the live engine ({@code run}, RocksDB, incremental checkpoints) catching them up, then what its
 * state weighs (the checkpoint's full and incremental size and duration, RocksDB's working copy on disk, the heap
 * after a full collection), and how long it takes to come back from a crash: killed outright, restarted, timed from
 * the new JVM's start until the decision on an event sent at that moment can be read.
 */
final class StateBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBE = "PROBE-1";
    /** run's default: the state is measured as a bank runs the engine. */
    private static final String CHECKPOINT_INTERVAL = "5s";
    /** How long catching up may take: a million customers' day is a few minutes on two cores. */
    private static final long CATCH_UP_MINUTES = 60;

    record Settings(String bootstrapServers, Path dir, int customers, int days, double skew, String outOfOrderness,
            String idleAdvance, int parallelism, String prefix) {}

    private final Settings s;
    private final PrintStream out;
    private final BenchmarkKafka kafka;
    private final ZoneId zone = KafkaBenchmark.daytimeZone(java.time.Instant.now());

    StateBenchmark(Settings settings, PrintStream out) {
        this.s = settings;
        this.out = out;
        this.kafka = new BenchmarkKafka(settings.bootstrapServers());
    }

    /** Measures into {@code figures}, which keeps what was measured when a later step fails. */
    void run(Map<String, Object> figures) throws Exception {
        Path work = s.dir().resolve("state");
        Files.createDirectories(work);
        Path rules = work.resolve("rules");
        Path reference = work.resolve("reference");
        KafkaBenchmark.writeShipped(rules, reference);
        figures.put("customers", s.customers());
        figures.put("days", s.days());
        figures.put("skew", s.skew());
        figures.put("stateBackend", "rocksdb");
        figures.put("checkpointInterval", CHECKPOINT_INTERVAL);
        figures.put("outOfOrderness", s.outOfOrderness());
        figures.put("idleAdvance", s.idleAdvance());
        BenchmarkKafka.Topics t = new BenchmarkKafka.Topics(s.prefix() + "-state");
        Path checkpoints = work.resolve("checkpoints-" + t.name);
        try (Admin admin = kafka.admin()) {
            // the days up to today in the westernmost zone the generator uses, so no customer's traffic lies in the
            // future and the engine is live at once, as at a bank: no month of timers to catch up
            LocalDate start = LocalDate.now(ZoneId.of("America/New_York")).minusDays(s.days());
            BenchmarkTraffic traffic = BenchmarkTraffic.ensure(s.dir(), s.customers(), start, s.days(), s.skew(), out);
            try {
                t.create(admin);
                long[] sent = produce(t, traffic);
                figures.put("profiles", sent[0]);
                figures.put("events", sent[1]);
                int port = freePort();
                List<String> flags = flags(t, checkpoints, rules, reference, port, true);
                EngineChild engine = EngineChild.start(flags, work.resolve(t.name + ".log"), work.resolve("tmp-state"));
                try {
                    figures.putAll(catchUp(admin, engine, t, port, sent[0] + sent[1], work));
                    figures.putAll(weigh(engine, port));
                } finally {
                    engine.kill();
                }
                figures.put("recovery", recover(t, checkpoints, rules, reference, work));
            } finally {
                try {
                    // a million customers' traffic is a gigabyte on the broker: not kept for the next run
                    admin.deleteTopics(List.of(t.events, t.profiles, t.offers, t.decisions, t.deadLetters, t.lateEvents, t.conversions,
                            t.ruleUpdates, t.ruleStatus)).all().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    out.println("   (could not delete the topics " + t.name + "-*: " + ErrorLine.reason(e) + ")");
                } finally {
                    EngineChild.deleteTree(checkpoints);
                }
            }
        }
    }

    /** The profiles (the probe customer's first), then the events; how many of each. */
    private long[] produce(BenchmarkKafka.Topics t, BenchmarkTraffic traffic) throws Exception {
        long began = System.nanoTime();
        long profiles = 0;
        long events = 0;
        try (KafkaProducer<String, String> p = kafka.producer()) {
            p.send(new ProducerRecord<>(t.profiles, PROBE, "{\"customerId\":\"" + PROBE + "\",\"tier\":\"MASS\",\"timezone\":\"" + zone.getId()
                    + "\",\"language\":\"en-US\",\"consent\":{\"PUSH\":true,\"SMS\":true}}"));
            profiles = 1 + send(p, t.profiles, traffic.profiles());
            events = send(p, t.events, traffic.events());
            p.flush();
        }
        out.printf("   %,d profiles and %,d events sent to %s-* in %.0f s%n", profiles, events, t.name, (System.nanoTime() - began) / 1e9);
        return new long[] {profiles, events};
    }

    private static long send(KafkaProducer<String, String> p, String topic, Path file) throws IOException {
        long n = 0;
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                p.send(new ProducerRecord<>(topic, customerOf(line), line), (metadata, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    }
                });
                n++;
            }
        }
        p.flush();
        if (failed.get() != null) {
            throw new IllegalStateException("sending " + file.getFileName() + " to " + topic + " failed: " + failed.get().getMessage(), failed.get());
        }
        return n;
    }

    /** The record's key, as the payment systems key it: the customer (a market move has none). */
    private static String customerOf(String line) {
        int at = line.indexOf("\"customerId\":\"");
        if (at < 0) {
            return null;
        }
        int from = at + 14;
        return line.substring(from, line.indexOf('"', from));
    }

    /** Waits until the engine has committed every record (a checkpoint holds them all), then for two more checkpoints. */
    private Map<String, Object> catchUp(Admin admin, EngineChild engine, BenchmarkKafka.Topics t, int port, long records, Path work) throws Exception {
        long events = BenchmarkKafka.end(admin, t.events);
        long profiles = BenchmarkKafka.end(admin, t.profiles);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(CATCH_UP_MINUTES);
        long maxDuration = 0;
        while (BenchmarkKafka.committed(admin, t.eventsGroup()) < events || BenchmarkKafka.committed(admin, t.name + "-" + t.profiles) < profiles) {
            engine.checkAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the engine did not catch up within " + CATCH_UP_MINUTES + " minutes");
            }
            maxDuration = Math.max(maxDuration, PrometheusScrape.of(port).value("flink_jobmanager_job_lastCheckpointDuration"));
            Thread.sleep(1_000); // polling the broker for the engine's progress (each read costs the engine a little CPU)
        }
        double seconds = (System.nanoTime() - engine.startedAt() - engine.nanosToRunning()) / 1e9;
        out.printf("   caught up %,d records in %.0f s from the job's start: %,.0f records/s (checkpoints up to %,d ms meanwhile)%n", records,
                seconds, records / seconds, maxDuration);
        long completed = PrometheusScrape.of(port).required("flink_jobmanager_job_numberOfCompletedCheckpoints");
        while (PrometheusScrape.of(port).value("flink_jobmanager_job_numberOfCompletedCheckpoints") < completed + 2) {
            engine.checkAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no checkpoint completed after catching up; the engine's log: " + work.resolve(t.name + ".log"));
            }
            Thread.sleep(200); // polling the engine's metrics for the next checkpoints
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("catchUpSeconds", Math.round(seconds * 10) / 10.0);
        r.put("catchUpRecordsPerSecond", Math.round(records / seconds));
        r.put("maxCheckpointMsWhileCatchingUp", maxDuration);
        return r;
    }

    /** The state's weight once caught up: the last checkpoint, RocksDB's files, the heap after a full collection. */
    private Map<String, Object> weigh(EngineChild engine, int port) throws Exception {
        PrometheusScrape m = PrometheusScrape.of(port);
        long full = m.required("flink_jobmanager_job_lastCheckpointFullSize");
        long incremental = m.required("flink_jobmanager_job_lastCheckpointSize");
        long duration = m.required("flink_jobmanager_job_lastCheckpointDuration");
        long onDisk = rocksDbBytes(engine.tmp());
        boolean collected = fullGc(engine.pid());
        PrometheusScrape after = PrometheusScrape.of(port);
        long heap = after.required("flink_taskmanager_Status_JVM_Memory_Heap_Used");
        long heapMax = after.required("flink_taskmanager_Status_JVM_Memory_Heap_Max");
        int customers = s.customers();
        out.printf("   checkpoint: full %,.1f MB (%,d bytes a customer), last increment %,.1f MB, took %,d ms%n", full / 1e6, full / customers,
                incremental / 1e6, duration);
        out.printf("   RocksDB on disk (the working copy): %,.1f MB (%,d bytes a customer)%n", onDisk / 1e6, onDisk / customers);
        out.printf("   heap used%s: %,d MB (of %,d MB)%n", collected ? " after a full collection" : "", heap >> 20, heapMax >> 20);
        Map<String, Object> r = new LinkedHashMap<>();
        Map<String, Object> checkpoint = new LinkedHashMap<>();
        checkpoint.put("fullSizeBytes", full);
        checkpoint.put("incrementalSizeBytes", incremental);
        checkpoint.put("durationMs", duration);
        r.put("checkpoint", checkpoint);
        r.put("checkpointBytesPerCustomer", full / customers);
        r.put("rocksDbBytesOnDisk", onDisk);
        r.put("rocksDbBytesPerCustomer", onDisk / customers);
        r.put("heapUsedMb", heap >> 20);
        r.put("heapAfterFullGc", collected);
        r.put("heapMaxMb", heapMax >> 20);
        return r;
    }

    /**
     * After the engine was killed outright, as a crash would: times a restart on the newest checkpoint, from the new
     * JVM's start (a probe event sent at that moment, for a customer whose profile is in the checkpoint) until the
     * probe's decision can be read.
     */
    private Map<String, Object> recover(BenchmarkKafka.Topics t, Path checkpoints, Path rules, Path reference, Path work) throws Exception {
        String restoredFrom = com.acmebank.triggers.jobs.Checkpoints.latest(checkpoints.toAbsolutePath().toUri().toString())
                .map(com.acmebank.triggers.jobs.Checkpoints.Snapshot::path).orElse("none");
        try (KafkaConsumer<String, String> decisions = kafka.consumer(false)) {
            List<TopicPartition> parts = BenchmarkKafka.partitions(t.decisions);
            decisions.assign(parts);
            decisions.seekToEnd(parts);
            parts.forEach(decisions::position);
            String eventId = PROBE + "-" + System.currentTimeMillis();
            try (KafkaProducer<String, String> p = kafka.producer()) {
                p.send(new ProducerRecord<>(t.events, PROBE, "{\"eventId\":\"" + eventId + "\",\"type\":\"CARD_PAYMENT\",\"customerId\":\"" + PROBE
                        + "\",\"eventTime\":" + System.currentTimeMillis() + ",\"amount\":300.00,\"merchantId\":\"M-PARTNER-001\",\"country\":\"CN\","
                        + "\"cardType\":\"DEBIT\"}")).get();
            }
            // traffic goes on while the engine is down and restarts, as at a bank: every partition moves event time on by its own events
            Trickle trickle = new Trickle(t.events);
            trickle.start();
            EngineChild engine;
            try {
                engine = EngineChild.start(flags(t, checkpoints, rules, reference, 0, false), work.resolve(t.name + "-restart.log"),
                        work.resolve("tmp-restart"));
            } catch (Exception e) {
                trickle.stop();
                throw e;
            }
            try {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                while (System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : decisions.poll(Duration.ofMillis(100))) {
                        JsonNode n = JSON.readTree(r.value());
                        if (n.path("triggerEventIds").toString().contains(eventId)) {
                            double toDecision = (System.nanoTime() - engine.startedAt()) / 1e9;
                            double toRunning = engine.nanosToRunning() / 1e9;
                            out.printf("   recovery: killed, restarted on %s: job running %.1f s after the JVM started, the first new decision"
                                    + " readable after %.1f s (out-of-orderness %s included)%n", restoredFrom, toRunning, toDecision, s.outOfOrderness());
                            Map<String, Object> recovery = new LinkedHashMap<>();
                            recovery.put("restoredFrom", restoredFrom);
                            recovery.put("secondsToRunning", Math.round(toRunning * 10) / 10.0);
                            recovery.put("secondsToFirstDecision", Math.round(toDecision * 10) / 10.0);
                            return recovery;
                        }
                    }
                    engine.checkAlive();
                    trickle.checkAlive();
                }
                throw new IllegalStateException("no decision for the probe within 10 minutes of the restart; its log: "
                        + work.resolve(t.name + "-restart.log"));
            } finally {
                try {
                    engine.kill();
                } finally {
                    trickle.stop();
                }
            }
        }
    }

    /** Background traffic while the engine restarts: 200 events a second, below every threshold, over 100 customers. */
    private final class Trickle implements Runnable {
        private final String topic;
        private final Thread thread = new Thread(this, "restart-traffic");
        private volatile boolean stop;
        private volatile Exception failure;

        Trickle(String topic) {
            this.topic = topic;
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        @Override
        public void run() {
            try (KafkaProducer<String, String> p = kafka.producer()) {
                for (long n = 0; !stop; n++) {
                    long now = System.currentTimeMillis();
                    String customer = "R" + (n % 100);
                    p.send(new ProducerRecord<>(topic, customer, "{\"eventId\":\"R-" + now + "-" + n + "\",\"type\":\"CARD_PAYMENT\","
                            + "\"customerId\":\"" + customer + "\",\"eventTime\":" + now + ",\"amount\":12.50,\"merchantId\":\"M-7\","
                            + "\"country\":\"CN\",\"cardType\":\"DEBIT\"}"));
                    // the producer keeps to its rate: a scheduled send, not a wait for a result
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        void checkAlive() {
            if (failure != null) {
                throw new IllegalStateException("the restart traffic stopped: " + failure.getMessage(), failure);
            }
        }

        void stop() throws InterruptedException {
            stop = true;
            thread.join(10_000);
        }
    }

    /** {@code run}'s flags: RocksDB, at-least-once, checkpoints at run's default interval; metrics on {@code port} (0: off). */
    private List<String> flags(BenchmarkKafka.Topics t, Path checkpoints, Path rules, Path reference, int port, boolean fresh) {
        List<String> flags = new ArrayList<>(List.of("--bootstrap-servers", s.bootstrapServers()));
        flags.addAll(t.flags());
        flags.addAll(List.of("--delivery", "at-least-once", "--checkpoint-interval", CHECKPOINT_INTERVAL, "--checkpoint-dir",
                checkpoints.toAbsolutePath().toUri().toString(),
                "--go-live", "now", "--state-backend", "rocksdb", "--out-of-orderness", s.outOfOrderness(), "--idle-advance", s.idleAdvance(),
                "--metrics-port", port == 0 ? "off" : String.valueOf(port), "--quiet", "--rules", rules.toString(), "--reference",
                reference.toString(), "--parallelism", String.valueOf(s.parallelism())));
        if (fresh) {
            flags.add("--fresh");
        }
        return flags;
    }

    /**
     * The bytes of RocksDB's instances (one folder per keyed operator and subtask) under the engine's temporary
     * folder; a checkpoint's hard links (chk-N) are not counted again, and a file compaction removes meanwhile counts 0.
     */
    static long rocksDbBytes(Path tmp) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> all = Files.walk(tmp)) {
                long bytes = 0;
                for (Path p : (Iterable<Path>) all::iterator) {
                    Path relative = tmp.relativize(p);
                    if (inRocksDbInstance(relative) && !inCheckpointLinks(relative)) {
                        try {
                            bytes += Files.isRegularFile(p) ? Files.size(p) : 0;
                        } catch (java.nio.file.NoSuchFileException compacted) {
                            // gone since the walk saw it
                        }
                    }
                }
                return bytes;
            } catch (java.io.UncheckedIOException folderGone) {
                if (attempt == 3) {
                    throw folderGone.getCause();
                }
            }
        }
    }

    private static boolean inCheckpointLinks(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith("chk-")) {
                return true;
            }
        }
        return false;
    }

    /** Flink names each RocksDB instance's folder job_<job>_op_<operator>_<subtask>__uuid_<uuid>. */
    private static boolean inRocksDbInstance(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith("job_") && name.contains("_op_")) {
                return true;
            }
        }
        return false;
    }

    /** Asks the engine's JVM for a full collection (jcmd, from this JDK), so the heap figure is what state keeps. */
    private static boolean fullGc(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

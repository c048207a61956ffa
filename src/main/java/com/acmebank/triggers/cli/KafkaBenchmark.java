package com.acmebank.triggers.cli;

import com.acmebank.triggers.event.EventParser;
import com.acmebank.triggers.io.Resources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The engine end to end through a real broker, beside what the broker itself does on this machine: a plain
 * consume-parse-produce passthrough (the I/O ceiling), the live engine's events/s (the {@code run} command in a
 * child JVM, as a bank runs it) reading a backlog already in the topic (like for like with the passthrough) and fed
 * while it runs (the load generator then shares the cores), and latency from the moment an event is produced to the moment its
 * decision and offer can be read, at 50 % and 90 % of the sustained rate, at-least-once and exactly-once, with
 * Kafka's own produce-to-consume latency at the same rates. Every run uses topics of its own (prefix {@code bench-}).
 */
final class KafkaBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARTNER = "M-PARTNER-001";
        /** Triggering events per latency phase at most: one per customer, each its own S1 offer. */
    private static final int TRIGGERS_PER_PHASE = 4_000;
    private static final double[] LOADS = {0.5, 0.9};
    /** The at-least-once engine starts on a backlog of this many times --kafka-events. */
    static final int BACKLOG_FACTOR = 4;

    record Settings(String bootstrapServers, Path dir, int events, int latencySeconds, String outOfOrderness, String idleAdvance,
            String checkpointInterval, String stateBackend, int parallelism) {}

    private final Settings s;
    private final PrintStream out;
    private final String prefix = runPrefix();
    private final ZoneId zone;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final BenchmarkKafka kafka;
    /** The engine of the phase under way: a phase fails at once, naming its log, when it stops. */
    private EngineChild engine;

    /** The prefix of one run's topics and groups: bench- and the time, so runs never share a topic. */
    static String runPrefix() {
        return "bench-" + Long.toString(System.currentTimeMillis(), 36);
    }

    KafkaBenchmark(Settings settings, PrintStream out) {
        this.s = settings;
        this.out = out;
        this.zone = daytimeZone(Instant.now());
        this.kafka = new BenchmarkKafka(settings.bootstrapServers());
    }

    /** Runs every part; the figures, keyed as README's benchmark section says. */
    Map<String, Object> run() throws Exception {
        Path work = s.dir().resolve("kafka");
        Files.createDirectories(work);
        Path rules = work.resolve("rules");
        Path reference = work.resolve("reference");
        writeShipped(rules, reference);
        figures.put("events", s.events());
        figures.put("outOfOrderness", s.outOfOrderness());
        figures.put("idleAdvance", s.idleAdvance());
        figures.put("checkpointInterval", s.checkpointInterval());
        figures.put("customerZone", zone.getId());
        try (Admin admin = kafka.admin()) {
            double passthrough = passthrough(admin);
            figures.put("passthroughEventsPerSecond", Math.round(passthrough));
            out.printf("   passthrough (consume, parse, produce; one thread): %,.0f events/s%n", passthrough);

            Map<String, Object> alo = engine(admin, "at-least-once", work, rules, reference, passthrough, 0);
            figures.put("atLeastOnce", alo);
            double sustained = ((Number) alo.get("sustainedEventsPerSecond")).doubleValue();

            Map<String, Object> alone = new LinkedHashMap<>();
            for (double load : LOADS) {
                alone.put(percent(load), kafkaLatency(admin, sustained * load));
            }
            figures.put("kafkaOnly", alone);

            figures.put("exactlyOnce", engine(admin, "exactly-once", work, rules, reference, passthrough, sustained));
        }
        return figures;
    }

    // ---- the I/O ceiling

    private double passthrough(Admin admin) throws Exception {
        String in = prefix + "-pt-in";
        String outTopic = prefix + "-pt-out";
        BenchmarkKafka.create(admin, in, BenchmarkKafka.PARTITIONS, false);
        BenchmarkKafka.create(admin, outTopic, BenchmarkKafka.PARTITIONS, false);
        try (KafkaProducer<String, String> p = kafka.producer()) {
            Traffic traffic = new Traffic("P", 0);
            for (int i = 0; i < s.events(); i++) {
                String[] r = traffic.next(System.currentTimeMillis());
                p.send(new ProducerRecord<>(in, r[0], r[1]));
            }
            p.flush();
        }
        EventParser parser = new EventParser();
        long n = 0;
        long began = 0;
        try (KafkaConsumer<String, String> c = kafka.consumer(false); KafkaProducer<String, String> p = kafka.producer()) {
            List<TopicPartition> parts = BenchmarkKafka.partitions(in);
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (n < s.events() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (began == 0) {
                        began = System.nanoTime();
                    }
                    if (parser.parse(r.value()).isOk()) {
                        p.send(new ProducerRecord<>(outTopic, r.key(), r.value()));
                    }
                    n++;
                }
            }
            p.flush();
        }
        return n * 1e9 / (System.nanoTime() - began);
    }

    // ---- the engine

    private Map<String, Object> engine(Admin admin, String delivery, Path work, Path rules, Path reference, double passthrough,
            double rateFrom) throws Exception {
        boolean exactlyOnce = delivery.equals("exactly-once");
        String name = prefix + (exactlyOnce ? "-eos" : "-alo");
        BenchmarkKafka.Topics t = new BenchmarkKafka.Topics(name);
        t.create(admin);
        int phases = LOADS.length;
        try (KafkaProducer<String, String> p = kafka.producer()) {
            for (int c = 0; c < 2_000; c++) {
                String id = "B" + c;
                p.send(new ProducerRecord<>(t.profiles, id, profile(id)));
            }
            for (int phase = 0; phase < phases; phase++) {
                for (int c = 0; c < TRIGGERS_PER_PHASE; c++) {
                    String id = "L" + phase + "-" + c;
                    p.send(new ProducerRecord<>(t.profiles, id, profile(id)));
                }
            }
            p.flush();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("delivery", delivery);
        Traffic traffic = new Traffic("B", 2_000);
        // at-least-once starts on a backlog already in the topic, as the passthrough does; decided like live traffic
        long backlog = exactlyOnce ? 0 : BACKLOG_FACTOR * (long) s.events();
        String goLive = "now";
        if (backlog > 0) {
            goLive = Instant.now().minusSeconds(1).toString();
            produce(t, traffic, backlog);
        }
        Path checkpoints = work.resolve("checkpoints-" + name);
        List<String> flags = new ArrayList<>(List.of("--bootstrap-servers", s.bootstrapServers()));
        flags.addAll(t.flags());
        flags.addAll(List.of("--delivery", delivery, "--checkpoint-interval", s.checkpointInterval(), "--checkpoint-dir",
                checkpoints.toAbsolutePath().toUri().toString(), "--fresh", "--go-live", goLive, "--state-backend", s.stateBackend(),
                "--out-of-orderness", s.outOfOrderness(), "--idle-advance", s.idleAdvance(), "--metrics-port", "off", "--quiet",
                "--rules", rules.toString(), "--reference", reference.toString(), "--parallelism", String.valueOf(s.parallelism())));
        long startedAt = System.nanoTime();
        engine = EngineChild.start(flags, work.resolve(name + ".log"), work.resolve(exactlyOnce ? "tmp-eos" : "tmp-alo"));
        try {
            double sustained = rateFrom;
            if (exactlyOnce) {
                // its start (tasks deploying, the first checkpoints) is not counted in the first phase
                produceAndAwait(admin, t, traffic, Math.max(1_000, s.events() / 10));
            } else {
                Backlog b = catchUp(admin, t, backlog, startedAt);
                result.put("backlogEvents", backlog);
                result.put("backlogEventsPerSecond", Math.round(b.eventsPerSecond()));
                result.put("backlogMeasuredFromOffset", b.from());
                result.put("backlogIncludesStart", b.includesStart());
                if (b.includesStart()) {
                    out.printf("   (the engine read the whole backlog before its first checkpoint committed an offset: timed from its"
                            + " start, JVM and job start included, so a lower bound; give --kafka-events more for a real figure)%n");
                }
                result.put("fractionOfPassthrough", Math.round(1000 * b.eventsPerSecond() / passthrough) / 1000.0);
                out.printf("   engine %s, reading a backlog of %,d events already in the topic (as the passthrough does): %,.0f events/s end to end"
                        + " (%.0f %% of the passthrough)%n", delivery, backlog, b.eventsPerSecond(), 100 * b.eventsPerSecond() / passthrough);
                sustained = sustained(admin, t, traffic);
                result.put("sustainedEventsPerSecond", Math.round(sustained));
                result.put("sustainedFractionOfPassthrough", Math.round(1000 * sustained / passthrough) / 1000.0);
                out.printf("   engine %s, fed while it runs (the load generator on the same cores): sustained %,.0f events/s end to end"
                        + " (%.0f %% of the passthrough)%n", delivery, sustained, 100 * sustained / passthrough);
            }
            for (int phase = 0; phase < phases; phase++) {
                Map<String, Object> l = latency(t, phase, sustained * LOADS[phase], exactlyOnce);
                result.put(percent(LOADS[phase]), l);
            }
        } finally {
            engine.kill();
            engine = null;
            EngineChild.deleteTree(checkpoints);
        }
        return result;
    }

    /**
     * Events as fast as they can be produced; the time until the engine's committed offsets reach their end. A warm-up
     * batch first, so the job's start (tasks deploying, the JIT) is not counted.
     */
    private double sustained(Admin admin, BenchmarkKafka.Topics t, Traffic traffic) throws Exception {
        produceAndAwait(admin, t, traffic, Math.max(1_000, s.events() / 10));
        return s.events() * 1e9 / produceAndAwait(admin, t, traffic, s.events());
    }

    /** The rate of one catch-up, and the committed offset it was measured from. */
    record Backlog(double eventsPerSecond, long from, boolean includesStart) {}

    /**
     * The engine reading a backlog that was in the topic before it started: its committed offsets (moved by each
     * completed checkpoint) from the first commit past a quarter of the backlog to the end, so the job's start and
     * the JIT's first seconds are not counted. A backlog read in fewer commits is measured from the first one; one
     * read before the first commit (a slow machine, a small backlog) from the engine's start.
     */
    private Backlog catchUp(Admin admin, BenchmarkKafka.Topics t, long backlog, long startedAt) throws Exception {
        long end = BenchmarkKafka.end(admin, t.events);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        long firstAt = 0;
        long first = 0;
        long quarterAt = 0;
        long quarter = 0;
        long last = 0;
        while (System.nanoTime() < deadline) {
            long committed = BenchmarkKafka.committed(admin, t.eventsGroup());
            long now = System.nanoTime();
            if (committed != last && committed < end) {
                if (firstAt == 0) {
                    firstAt = now;
                    first = committed;
                }
                if (quarterAt == 0 && committed >= backlog / 4) {
                    quarterAt = now;
                    quarter = committed;
                }
            }
            last = committed;
            if (committed >= end) {
                long fromAt = quarterAt != 0 ? quarterAt : firstAt;
                long from = quarterAt != 0 ? quarter : first;
                if (fromAt == 0) {
                    return new Backlog(end * 1e9 / (now - startedAt), 0, true);
                }
                return new Backlog((end - from) * 1e9 / (now - fromAt), from, false);
            }
            engine.checkAlive();
            Thread.sleep(50); // polling the broker for the engine's progress, not waiting for a result
        }
        throw new IllegalStateException("the engine did not read the backlog of " + t.events + " within 10 minutes");
    }

    private void produce(BenchmarkKafka.Topics t, Traffic traffic, long n) {
        try (KafkaProducer<String, String> p = kafka.producer()) {
            for (long i = 0; i < n; i++) {
                String[] r = traffic.next(System.currentTimeMillis());
                p.send(new ProducerRecord<>(t.events, r[0], r[1]));
            }
            p.flush();
        }
    }

    /** Nanoseconds from the first send until the engine has committed reading all {@code n}. */
    private long produceAndAwait(Admin admin, BenchmarkKafka.Topics t, Traffic traffic, int n) throws Exception {
        long began = System.nanoTime();
        produce(t, traffic, n);
        long end = BenchmarkKafka.end(admin, t.events);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (BenchmarkKafka.committed(admin, t.eventsGroup()) >= end) {
                return System.nanoTime() - began;
            }
            engine.checkAlive();
            Thread.sleep(100); // polling the broker for the engine's progress, not waiting for a result
        }
        throw new IllegalStateException("the engine did not consume " + t.events + " within 10 minutes");
    }

    /**
     * Produces at {@code rate} for the phase's duration; one event in k is a partner payment of 300 for a customer of
     * the phase's own (one S1 decision each). Reads decisions and offers as they come and measures each from its
     * event's eventTime (stamped when it was produced) to the moment it could be read.
     */
    private Map<String, Object> latency(BenchmarkKafka.Topics t, int phase, double rate, boolean committedOnly) throws Exception {
        String tag = "L" + phase + "-";
        long total = Math.max(1, Math.round(rate * s.latencySeconds()));
        long every = Math.max(1, total / TRIGGERS_PER_PHASE);
        Reader decisions = new Reader(t.decisions, tag, committedOnly).start();
        Reader offers = new Reader(t.offers, tag, committedOnly).start();
        decisions.awaitAssigned();
        offers.awaitAssigned();
        long triggers = 0;
        long began = System.nanoTime();
        try (KafkaProducer<String, String> p = kafka.producer()) {
            Traffic background = new Traffic("B", 2_000);
            for (long i = 0; i < total; i++) {
                pace(began, i, rate);
                long now = System.currentTimeMillis();
                if (i % every == 0 && triggers < TRIGGERS_PER_PHASE) {
                    String id = tag + triggers;
                    p.send(new ProducerRecord<>(t.events, id, partnerPayment(id, tag + "e" + triggers, now)));
                    triggers++;
                } else {
                    String[] r = background.next(now);
                    p.send(new ProducerRecord<>(t.events, r[0], r[1]));
                }
            }
            p.flush();
        }
        double achieved = total * 1e9 / (System.nanoTime() - began);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (decisions.count() < triggers && System.nanoTime() < deadline) {
            engine.checkAlive();
            Thread.sleep(50); // polling the readers' counts, not waiting for a result
        }
        Thread.sleep(500); // the offers of the last decisions are written with them
        decisions.stop();
        offers.stop();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("targetEventsPerSecond", Math.round(rate));
        r.put("achievedEventsPerSecond", Math.round(achieved));
        r.put("triggers", triggers);
        r.put("decisionsRead", decisions.count());
        r.put("decision", percentiles(decisions.latencies()));
        r.put("offersRead", offers.count());
        r.put("offer", percentiles(offers.latencies()));
        // percentiles over what was read leave out the slowest: say so rather than print them as if whole
        r.put("complete", decisions.count() >= triggers);
        out.printf("   %s at %s (%,.0f events/s): decision p50 %s p99 %s p99.9 %s ms; offer p50 %s p99 %s p99.9 %s ms (%d of %d read)%n",
                committedOnly ? "exactly-once" : "at-least-once", percent(LOADS[phase]), achieved, pick(r, "decision", "p50Ms"),
                pick(r, "decision", "p99Ms"), pick(r, "decision", "p999Ms"), pick(r, "offer", "p50Ms"), pick(r, "offer", "p99Ms"),
                pick(r, "offer", "p999Ms"), decisions.count(), triggers);
        if (decisions.count() < triggers) {
            out.printf("   INCOMPLETE: %d decisions not read within 60 s; these percentiles leave them out (too good)%n", triggers - decisions.count());
        }
        return r;
    }

    /** Kafka alone at the same rate: produce, consume, each record measured from its producer timestamp. */
    private Map<String, Object> kafkaLatency(Admin admin, double rate) throws Exception {
        String topic = prefix + "-raw-" + Math.round(rate);
        BenchmarkKafka.create(admin, topic, BenchmarkKafka.PARTITIONS, false);
        Reader reader = new Reader(topic, null, false).start();
        reader.awaitAssigned();
        long total = Math.max(1, Math.round(rate * s.latencySeconds()));
        long began = System.nanoTime();
        try (KafkaProducer<String, String> p = kafka.producer()) {
            Traffic traffic = new Traffic("K", 0);
            for (long i = 0; i < total; i++) {
                pace(began, i, rate);
                String[] r = traffic.next(System.currentTimeMillis());
                p.send(new ProducerRecord<>(topic, r[0], r[1]));
            }
            p.flush();
        }
        double achieved = total * 1e9 / (System.nanoTime() - began);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (reader.count() < total && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling the reader's count
        }
        reader.stop();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("targetEventsPerSecond", Math.round(rate));
        r.put("achievedEventsPerSecond", Math.round(achieved));
        r.put("read", reader.count());
        r.putAll(percentiles(reader.latencies()));
        out.printf("   Kafka alone at %,.0f events/s: p50 %s p99 %s p99.9 %s ms%n", achieved, r.get("p50Ms"), r.get("p99Ms"), r.get("p999Ms"));
        return r;
    }

    // ---- parts

    /** Reads one topic from its end in a thread of its own; measures records of the tag (all when null). */
    private final class Reader implements Runnable {
        private final String topic;
        private final String tag;
        private final boolean committedOnly;
        private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        private final AtomicLong count = new AtomicLong();
        private final AtomicBoolean assigned = new AtomicBoolean();
        private final AtomicBoolean stop = new AtomicBoolean();
        private Thread thread;

        Reader(String topic, String tag, boolean committedOnly) {
            this.topic = topic;
            this.tag = tag;
            this.committedOnly = committedOnly;
        }

        Reader start() {
            thread = new Thread(this, "read-" + topic);
            thread.setDaemon(true);
            thread.start();
            return this;
        }

        void awaitAssigned() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!assigned.get() && System.nanoTime() < deadline) {
                Thread.sleep(20); // polling the reader thread's start
            }
        }

        @Override
        public void run() {
            try (KafkaConsumer<String, String> c = kafka.consumer(committedOnly)) {
                List<TopicPartition> parts = BenchmarkKafka.partitions(topic);
                c.assign(parts);
                c.seekToEnd(parts);
                parts.forEach(c::position);
                assigned.set(true);
                while (!stop.get()) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
                        long now = System.currentTimeMillis();
                        if (tag == null) {
                            latencies.add(now - r.timestamp());
                            count.incrementAndGet();
                            continue;
                        }
                        JsonNode n = JSON.readTree(r.value());
                        JsonNode ids = n.path("triggerEventIds");
                        if ("S1-partner-spend".equals(n.path("ruleId").asText()) && ids.size() > 0 && ids.get(0).asText().startsWith(tag)) {
                            latencies.add(now - n.path("triggerTime").asLong(eventTime(n.path("triggerTime").asText())));
                            count.incrementAndGet();
                        }
                    }
                }
            } catch (Exception e) {
                out.println("   (reader of " + topic + " stopped: " + e.getMessage() + ")");
            }
        }

        long count() {
            return count.get();
        }

        long[] latencies() {
            return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join(5_000);
        }
    }

    /** Synthetic background traffic over a few thousand customers: card payments and transfers below every threshold. */
    private static final class Traffic {
        private final String prefix;
        private final int customers;
        private long n;

        Traffic(String prefix, int customers) {
            this.prefix = prefix;
            this.customers = customers;
        }

        String[] next(long now) {
            n++;
            String customer = prefix + (customers == 0 ? n % 5_000 : n % customers);
            String id = prefix + "-" + now + "-" + n;
            String json = n % 5 == 0
                    ? "{\"eventId\":\"" + id + "\",\"type\":\"TRANSFER_OUT\",\"customerId\":\"" + customer + "\",\"eventTime\":" + now
                            + ",\"amount\":120.00,\"counterpartyBank\":\"ICBC\"}"
                    : "{\"eventId\":\"" + id + "\",\"type\":\"CARD_PAYMENT\",\"customerId\":\"" + customer + "\",\"eventTime\":" + now
                            + ",\"amount\":" + (10 + n % 90) + ".50,\"merchantId\":\"M-" + (n % 997) + "\",\"country\":\"CN\",\"cardType\":\"DEBIT\"}";
            return new String[] {customer, json};
        }
    }

    private static String partnerPayment(String customer, String eventId, long now) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"CARD_PAYMENT\",\"customerId\":\"" + customer + "\",\"eventTime\":" + now
                + ",\"amount\":300.00,\"merchantId\":\"" + PARTNER + "\",\"country\":\"CN\",\"cardType\":\"DEBIT\"}";
    }

    private String profile(String customer) {
        return "{\"customerId\":\"" + customer + "\",\"tier\":\"MASS\",\"timezone\":\"" + zone.getId()
                + "\",\"language\":\"en-US\",\"consent\":{\"PUSH\":true,\"SMS\":true}}";
    }

    /**
     * A zone where it is day now and stays day for the next hour and a half, so no offer waits for the end of quiet
     * hours (21:00-08:00 by the shipped policy).
     */
    static ZoneId daytimeZone(Instant now) {
        for (String id : List.of("Asia/Shanghai", "Asia/Kolkata", "Asia/Dubai", "Europe/Berlin", "Europe/London", "Atlantic/Azores",
                "America/Sao_Paulo", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
                "Pacific/Honolulu", "Pacific/Auckland", "Asia/Tokyo")) {
            ZoneId z = ZoneId.of(id);
            int hour = ZonedDateTime.ofInstant(now, z).getHour();
            if (hour >= 9 && hour < 19) {
                return z;
            }
        }
        return ZoneId.of("Asia/Shanghai");
    }

    private static void pace(long began, long i, double rate) throws InterruptedException {
        long due = began + (long) (i * 1e9 / rate);
        long ahead = due - System.nanoTime();
        if (ahead > 1_000_000) {
            // the producer keeps to its rate: a scheduled send, not a wait for a result
            TimeUnit.NANOSECONDS.sleep(ahead);
        }
    }

    private static Map<String, Object> percentiles(long[] sorted) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50Ms", at(sorted, 0.50));
        m.put("p99Ms", at(sorted, 0.99));
        m.put("p999Ms", at(sorted, 0.999));
        m.put("maxMs", sorted.length == 0 ? null : sorted[sorted.length - 1]);
        return m;
    }

    private static Long at(long[] sorted, double q) {
        if (sorted.length == 0) {
            return null;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    @SuppressWarnings("unchecked")
    private static Object pick(Map<String, Object> r, String part, String key) {
        return ((Map<String, Object>) r.get(part)).get(key);
    }

    private static String percent(double load) {
        return Math.round(load * 100) + "%";
    }

    private static long eventTime(String iso) {
        try {
            return Instant.parse(iso).toEpochMilli();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    static void writeShipped(Path rules, Path reference) throws IOException {
        Files.createDirectories(rules);
        Files.createDirectories(reference);
        for (var e : Resources.folder(com.acmebank.triggers.rule.RuleFiles.SHIPPED).entrySet()) {
            Files.writeString(rules.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        for (var e : Resources.folder(com.acmebank.triggers.rule.ReferenceListFiles.SHIPPED).entrySet()) {
            Files.writeString(reference.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
    }
}

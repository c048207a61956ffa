package com.acmebank.triggers.cli;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.engine.CustomerTimeline;
import com.acmebank.triggers.engine.InMemoryCustomer;
import com.acmebank.triggers.event.EventParser;
import com.acmebank.triggers.flink.ParseEvents;
import com.acmebank.triggers.generator.Settings;
import com.acmebank.triggers.generator.TrafficGenerator;
import com.acmebank.triggers.jobs.ReplayJob;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.trigger.TriggerState;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "benchmark", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Measures throughput, memory and state size on this machine.",
        description = {
            "Prints the engine's figures on this machine: replay throughput over generated traffic (read, parse, every "
                    + "rule, the contact policy, write), peak heap, the state one heavy customer keeps (10,000 events in 90 "
                    + "days), and a fan-out of one market move to many holders.",
            "With --bootstrap-servers, also the engine end to end through Kafka (README, Performance): a consume-parse-produce "
                    + "passthrough as the ceiling, the live engine's sustained rate, and latency from produce to readable decision "
                    + "and offer at 50%% and 90%% of it, at-least-once and exactly-once, beside Kafka's own latency.",
            "Generated files are kept in --dir and reused by the next run with the same sizes. The figures are also written "
                    + "as JSON (--json, default benchmark.json in --dir)."})
public final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--customers", paramLabel = "N", defaultValue = "10000", description = "Customers in the generated traffic (default: ${DEFAULT-VALUE}).") int customers;
    @Option(names = "--days", paramLabel = "D", defaultValue = "25", description = "Days of generated traffic; 10,000 customers x 25 days is about a million events (default: ${DEFAULT-VALUE}).") int days;
    @Option(names = "--holders", paramLabel = "N", defaultValue = "50000", description = "Holders of the product in the fan-out run (default: ${DEFAULT-VALUE}).") int holders;
    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "target/benchmark", description = "Work folder for the generated files and the outputs (default: ${DEFAULT-VALUE}).") Path dir;
    @Option(names = "--state-backend", paramLabel = "NAME", defaultValue = "hashmap", description = "State backend: hashmap (in memory) or rocksdb (default: ${DEFAULT-VALUE}).") String stateBackend;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", description = "Kafka brokers: when given, also measures the engine end to end "
            + "through them (passthrough ceiling, sustained rate, latency at-least-once and exactly-once, Kafka's own latency), on topics of its own.")
    String bootstrapServers;
    @Option(names = "--kafka-only", description = "Only the Kafka part (needs --bootstrap-servers).") boolean kafkaOnly;
    @Option(names = "--kafka-events", paramLabel = "N", defaultValue = "200000", description = "Events for the passthrough and the sustained rate (default: ${DEFAULT-VALUE}).") int kafkaEvents;
    @Option(names = "--latency-seconds", paramLabel = "S", defaultValue = "20", description = "Seconds of traffic per latency phase (default: ${DEFAULT-VALUE}).") int latencySeconds;
    @Option(names = "--out-of-orderness", paramLabel = "DURATION", defaultValue = "1s", description = "The live engine's out-of-orderness bound in the Kafka part (default: ${DEFAULT-VALUE}).") String outOfOrderness;
    @Option(names = "--idle-advance", paramLabel = "DURATION", defaultValue = "1s", description = "The live engine's idle advance in the Kafka part (default: ${DEFAULT-VALUE}).") String idleAdvance;
    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "1s", description = "The live engine's checkpoint interval in the Kafka part: under exactly-once, offers become readable when a checkpoint completes (default: ${DEFAULT-VALUE}).") String checkpointInterval;
    @Option(names = "--peers", description = "Also the Flink SQL and CEP peers on the same input, same run; needs the peers built by mvn package.") boolean peers;
    @Option(names = "--json", paramLabel = "FILE", description = "Where the figures are written as JSON (default: benchmark.json in --dir).") Path json;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        EngineConfig config = new EngineConfig();
        config.outOfOrdernessMillis = EngineConfig.RECORDED_OUT_OF_ORDERNESS_MILLIS;
        EngineOptions.Loaded loaded;
        try {
            loaded = engine.load(config, System.out, System.err);
        } catch (CommandFailure f) {
            return f.exitCode();
        }
        Files.createDirectories(dir);
        Map<String, Object> figures = new LinkedHashMap<>();
        if (kafkaOnly && bootstrapServers == null) {
            System.err.println("--kafka-only needs --bootstrap-servers");
            return 2;
        }
        if (!kafkaOnly) {
            replayFigures(loaded, config, figures);
        }
        if (peers) {
            try {
                figures.put("peers", new PeerComparison(dir, customers, days, loaded, engine.parallelism, stateBackend, System.out).run());
            } catch (CommandFailure f) {
                return f.exitCode();
            }
        }
        if (bootstrapServers != null) {
            System.out.println((kafkaOnly ? "1" : "4") + ". End to end through Kafka at " + bootstrapServers + " (state backend " + stateBackend + ")");
            try {
                figures.put("kafka", new KafkaBenchmark(new KafkaBenchmark.Settings(bootstrapServers, dir, kafkaEvents, latencySeconds,
                        outOfOrderness, idleAdvance, checkpointInterval, stateBackend, engine.parallelism), System.out).run());
            } catch (CommandFailure f) {
                return f.exitCode();
            }
        }
        Path file = json != null ? json : dir.resolve("benchmark.json");
        new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), figures);
        System.out.println("Figures: " + file);
        return 0;
    }

    private void replayFigures(EngineOptions.Loaded loaded, EngineConfig config, Map<String, Object> figures) throws Exception {
        LocalDate start = LocalDate.of(2026, 11, 1);
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        config.goLive = start.atStartOfDay(shanghai).toInstant().toEpochMilli();
        config.simulationEnd = start.plusDays(days).atStartOfDay(shanghai).toInstant().toEpochMilli();

        Path events = dir.resolve("events-" + customers + "x" + days + ".jsonl");
        Path profiles = dir.resolve("profiles-" + customers + ".jsonl");
        if (!Files.exists(events) || !Files.exists(profiles)) {
            System.out.printf("Generating %,d customers x %d days into %s ...%n", customers, days, dir);
            new TrafficGenerator(new Settings(customers, start, days, 42, 0, 0, 0)).write(events, profiles);
        }
        System.out.println("1. Replay of generated traffic, all rules, state backend " + stateBackend);
        long began = System.nanoTime();
        JobExecutionResult result = ReplayJob.run(new ReplayJob.Request(events, profiles, loaded.rules(), loaded.lists(),
                config, dir.resolve("out"), engine.parallelism, stateBackend));
        double seconds = (System.nanoTime() - began) / 1e9;
        long count = result.<Long>getAccumulatorResult(ParseEvents.RECORDS);
        System.out.printf("   %,d events in %.1f s: %,.0f events/s (job alone %.1f s: %,.0f events/s)%n", count, seconds, count / seconds,
                result.getNetRuntime() / 1000.0, count * 1000.0 / result.getNetRuntime());
        System.out.printf("   peak heap used: %,d MB (JVM max %,d MB)%n", peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        Map<String, Object> replay = new LinkedHashMap<>();
        replay.put("stateBackend", stateBackend);
        replay.put("customers", customers);
        replay.put("days", days);
        replay.put("events", count);
        replay.put("seconds", Math.round(seconds * 10) / 10.0);
        replay.put("eventsPerSecond", Math.round(count / seconds));
        replay.put("jobEventsPerSecond", Math.round(count * 1000.0 / result.getNetRuntime()));
        replay.put("peakHeapMb", peakHeap() >> 20);
        figures.put("replay", replay);

        System.out.println("2. State of one heavy customer: 10,000 events in 90 days (card payments, settlements, snapshots)");
        long bytes = heavyCustomerState(loaded, config);
        System.out.printf("   rule state: %,d bytes serialized, in %d rule states (sliding windows capped at %d entries)%n", bytes,
                lastStateCount, config.windowCapacity);
        figures.put("heavyCustomer", Map.of("ruleStateBytes", bytes, "ruleStates", lastStateCount));

        System.out.printf("3. Fan-out: one market move to %,d holders of a fund%n", holders);
        Path fanOutEvents = dir.resolve("fan-out-" + holders + ".jsonl");
        Path fanOutProfiles = dir.resolve("fan-out-profiles-" + holders + ".jsonl");
        writeFanOut(fanOutEvents, fanOutProfiles);
        config.simulationEnd = Instant.parse("2026-11-03T00:00:00Z").toEpochMilli();
        config.goLive = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
        began = System.nanoTime();
        ReplayJob.run(new ReplayJob.Request(fanOutEvents, fanOutProfiles, loaded.rules(), loaded.lists(), config,
                dir.resolve("fan-out-out"), engine.parallelism, stateBackend));
        seconds = (System.nanoTime() - began) / 1e9;
        long offers;
        try (var lines = Files.lines(dir.resolve("fan-out-out").resolve(ReplayJob.OFFERS))) {
            offers = lines.filter(l -> l.contains("S15-market-drop")).count();
        }
        System.out.printf("   %,d purchases and one move in %.1f s; %,d S15 offers (the rest held out or capped)%n", holders, seconds, offers);
        figures.put("fanOut", Map.of("holders", holders, "seconds", Math.round(seconds * 10) / 10.0, "offers", offers));
    }

    private int lastStateCount;

    /** Runs one customer's heavy traffic through the engine core and sizes its trigger state as Flink stores it. */
    private long heavyCustomerState(EngineOptions.Loaded loaded, EngineConfig config) throws Exception {
        EngineConfig heavy = new EngineConfig();
        heavy.policy = config.policy;
        heavy.windowCapacity = config.windowCapacity;
        CustomerTimeline timeline = new CustomerTimeline(heavy, Long.MIN_VALUE);
        java.util.Map<String, java.util.Set<String>> lists = new java.util.HashMap<>();
        loaded.lists().forEach((k, v) -> lists.put(k, new java.util.HashSet<>(v)));
        timeline.rules(RuleBook.of(loaded.rules().rules(), new com.acmebank.triggers.condition.ReferenceLists(lists)));
        InMemoryCustomer customer = new InMemoryCustomer("HEAVY", timeline);
        EventParser parser = new EventParser();
        long t0 = Instant.parse("2026-08-01T00:00:00Z").toEpochMilli();
        long step = 90L * 86_400_000L / 10_000;
        String[] types = {"CARD_PAYMENT", "MERCHANT_SETTLEMENT", "BALANCE_SNAPSHOT", "TRANSFER_OUT"};
        for (int i = 0; i < 10_000; i++) {
            long at = t0 + i * step;
            String type = types[i % types.length];
            String json = "{\"eventId\":\"h" + i + "\",\"type\":\"" + type + "\",\"customerId\":\"HEAVY\",\"eventTime\":" + at
                    + ",\"amount\":" + (10 + i % 500) + ".25,\"balance\":" + (50_000 + (i % 97) * 100) + ",\"country\":\""
                    + (i % 9 == 0 ? "JP" : "CN") + "\",\"cardType\":\"CREDIT\",\"counterpartyBank\":\"ICBC\"}";
            customer.accept(parser.parse(json).value());
            customer.advanceTo(at);
        }
        customer.advanceTo(t0 + 90L * 86_400_000L);
        TypeSerializer<TriggerState> serializer = TypeInformation.of(TriggerState.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        for (var e : customer.state().triggerStates().entrySet()) {
            out.writeUTF(e.getKey());
            serializer.serialize(e.getValue(), out);
        }
        lastStateCount = customer.state().triggerStates().size();
        return out.length();
    }

    private void writeFanOut(Path events, Path profiles) throws Exception {
        try (BufferedWriter e = Files.newBufferedWriter(events, StandardCharsets.UTF_8);
                BufferedWriter p = Files.newBufferedWriter(profiles, StandardCharsets.UTF_8)) {
            long t = Instant.parse("2026-11-02T01:00:00Z").toEpochMilli();
            for (int c = 0; c < holders; c++) {
                e.write("{\"eventId\":\"buy" + c + "\",\"type\":\"PRODUCT_PURCHASE\",\"customerId\":\"H" + c + "\",\"eventTime\":" + (t + c)
                        + ",\"amount\":1000.00,\"productId\":\"FUND-007\",\"productType\":\"FUND\"}");
                e.newLine();
                p.write("{\"customerId\":\"H" + c + "\",\"consent\":{\"PUSH\":true}}");
                p.newLine();
            }
            e.write("{\"eventId\":\"move\",\"type\":\"MARKET_MOVE\",\"eventTime\":\"2026-11-02T07:00:00Z\",\"productId\":\"FUND-007\",\"changePct\":-6.2}");
            e.newLine();
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}

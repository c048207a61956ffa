package com.acmebank.triggers.cli;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.engine.CustomerTimeline;
import com.acmebank.triggers.engine.InMemoryCustomer;
import com.acmebank.triggers.event.EventParser;
import com.acmebank.triggers.flink.ParseEvents;
import com.acmebank.triggers.flink.serializers.TriggerStateSerializer;
import com.acmebank.triggers.generator.Settings;
import com.acmebank.triggers.jobs.ReplayJob;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.trigger.TriggerState;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
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
                    + "passthrough as the ceiling, the live engine's rate on a backlog and fed while it runs, and latency from produce to readable decision "
                    + "and offer at 50%% and 90%% of it, at-least-once and exactly-once, beside Kafka's own latency.",
            "With --scale, also in-engine throughput at scale: replays of skewed traffic (--skew; most customers quiet, a few very "
                    + "active) at each of --scale-sizes, on the heap and on RocksDB, with the heap each needs. With --state-customers N "
                    + "(and --bootstrap-servers), also the state at N customers: the live engine on RocksDB catching up their traffic, "
                    + "its checkpoint's size and duration, bytes per customer, heap, and the recovery time after a crash.",
            "Generated files are kept in --dir and reused by the next run with the same sizes. The figures are also written "
                    + "as JSON (--json, default benchmark.json in --dir)."})
public final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--customers", paramLabel = "N", defaultValue = "10000", description = "Customers in the generated traffic (default: ${DEFAULT-VALUE}).") int customers;
    @Option(names = "--days", paramLabel = "D", defaultValue = "25", description = "Days of generated traffic; 10,000 customers x 25 days is about a million events (default: ${DEFAULT-VALUE}).") int days;
    @Option(names = "--holders", paramLabel = "N", defaultValue = "50000", description = "Holders of the product in the fan-out run (default: ${DEFAULT-VALUE}).") int holders;
    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "target/benchmark", description = "Work folder for the generated files and the outputs (default: ${DEFAULT-VALUE}).") Path dir;
    @Option(names = "--state-backend", paramLabel = "NAME", defaultValue = "hashmap", description = "State backend: hashmap (in memory) or rocksdb (default: ${DEFAULT-VALUE}).") String stateBackend;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", description = "Kafka brokers: when given, also measures the engine end to end "
            + "through them (passthrough ceiling, the engine's rate on a backlog and fed live, latency at-least-once and exactly-once, Kafka's own latency), on topics of its own.")
    String bootstrapServers;
    @Option(names = "--kafka-only", description = "Only the Kafka part (needs --bootstrap-servers).") boolean kafkaOnly;
    @Option(names = "--kafka-events", paramLabel = "N", defaultValue = "200000", description = "Events for the passthrough and the sustained rate; the engine's backlog is " + KafkaBenchmark.BACKLOG_FACTOR + " times as many (default: ${DEFAULT-VALUE}).") int kafkaEvents;
    @Option(names = "--latency-seconds", paramLabel = "S", defaultValue = "20", description = "Seconds of traffic per latency phase (default: ${DEFAULT-VALUE}).") int latencySeconds;
    @Option(names = "--out-of-orderness", paramLabel = "DURATION", defaultValue = "1s", description = "The live engine's out-of-orderness bound in the Kafka part (default: ${DEFAULT-VALUE}).") String outOfOrderness;
    @Option(names = "--idle-advance", paramLabel = "DURATION", defaultValue = "1s", description = "The live engine's idle advance in the Kafka part (default: ${DEFAULT-VALUE}).") String idleAdvance;
    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "1s", description = "The live engine's checkpoint interval in the Kafka part: under exactly-once, offers become readable when a checkpoint completes (default: ${DEFAULT-VALUE}).") String checkpointInterval;
    @Option(names = "--peers", description = "Also the Flink SQL and CEP peers on the same input, same run; needs the peers built by mvn package.") boolean peers;
    @Option(names = "--scale", description = "Also in-engine throughput at scale: all rules over skewed traffic at each of --scale-sizes, heap and RocksDB (README: about 15 minutes at the default sizes).") boolean scale;
    @Option(names = "--scale-sizes", paramLabel = "CxD", split = ",", defaultValue = "10000x25,1000000x1",
            description = "Populations and days for --scale, CUSTOMERSxDAYS (default: ${DEFAULT-VALUE}: about a million and 4.7 million events).") List<String> scaleSizes;
    @Option(names = "--skew", paramLabel = "SIGMA", defaultValue = "1.5", description = "How unequal the customers' activity is in the --scale and --state-customers traffic "
            + "(generate --skew; default: ${DEFAULT-VALUE}, most customers quiet and a few very active).") double skew;
    @Option(names = "--state-customers", paramLabel = "N", defaultValue = "0", description = "With --bootstrap-servers: also the state at N customers "
            + "(the live engine on RocksDB through Kafka: checkpoint size and duration, bytes per customer, heap, recovery time), e.g. 1000000 (default: 0, not measured).") int stateCustomers;
    @Option(names = "--state-days", paramLabel = "D", defaultValue = "1", description = "Days of traffic for --state-customers, up to today (default: ${DEFAULT-VALUE}).") int stateDays;
    @Option(names = "--only", paramLabel = "PART", split = ",", description = "Only these parts: replay (the replay, the heavy customer, the fan-out), "
            + "peers, scale, kafka, state; naming a part turns it on (kafka and state still need --bootstrap-servers, state --state-customers).")
    List<String> only;
    @Option(names = "--json", paramLabel = "FILE", description = "Where the figures are written as JSON (default: benchmark.json in --dir).") Path json;

    @Mixin
    EngineOptions engine;

    /** The first day of the generated traffic the replays use. */
    static final LocalDate START = LocalDate.of(2026, 11, 1);

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
        List<ScaleBenchmark.Size> sizes = new ArrayList<>();
        String problem = problem(sizes);
        if (problem != null) {
            System.err.println(problem);
            return 2;
        }
        Files.createDirectories(dir);
        Map<String, Object> figures = new LinkedHashMap<>();
        Path file = json != null ? json : dir.resolve("benchmark.json");
        try {
            if (runs("peers", peers)) {
                PeerComparison.peersClassPath(); // says "run mvn package" before any part has run
            }
            if (runs("replay", !kafkaOnly)) {
                replayFigures(loaded, config, figures);
            }
            if (runs("peers", peers)) {
                figures.put("peers", new PeerComparison(dir, customers, days, loaded, engine.parallelism, stateBackend, System.out).run());
            }
            if (runs("scale", scale)) {
                System.out.printf("Scale: all rules, generated traffic with skew %s (most customers quiet, a few very active), heap and RocksDB%n", skew);
                List<Map<String, Object>> rows = new ArrayList<>();
                figures.put("scale", rows);
                new ScaleBenchmark(dir, sizes, skew, loaded, config, engine.parallelism, System.out).run(rows);
            }
            if (runs("kafka", bootstrapServers != null)) {
                System.out.println((runs("replay", !kafkaOnly) ? "4. " : "") + "End to end through Kafka at " + bootstrapServers + " (state backend " + stateBackend + ")");
                figures.put("kafka", new KafkaBenchmark(new KafkaBenchmark.Settings(bootstrapServers, dir, kafkaEvents, latencySeconds,
                        outOfOrderness, idleAdvance, checkpointInterval, stateBackend, engine.parallelism), System.out).run());
            }
            if (runs("state", stateCustomers > 0)) {
                System.out.printf("State at %,d customers: the live engine on RocksDB through Kafka at %s (%d day(s) of traffic, skew %s)%n",
                        stateCustomers, bootstrapServers, stateDays, skew);
                Map<String, Object> state = new LinkedHashMap<>();
                figures.put("state", state);
                new StateBenchmark(new StateBenchmark.Settings(bootstrapServers, dir, stateCustomers, stateDays, skew,
                        outOfOrderness, idleAdvance, engine.parallelism, KafkaBenchmark.runPrefix()), System.out).run(state);
            }
        } catch (CommandFailure f) {
            return f.exitCode();
        } finally {
            // what was measured before a part failed is kept
            if (!figures.isEmpty()) {
                try {
                    new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), figures);
                    System.out.println("Figures: " + file);
                } catch (java.io.IOException e) {
                    System.err.println("Cannot write the figures to " + file + ": " + ErrorLine.reason(e));
                }
            }
        }
        return 0;
    }

    static final List<String> PARTS = List.of("replay", "peers", "scale", "kafka", "state");

    /** Whether a part runs: as its own option says, or, with --only, when named there. */
    private boolean runs(String part, boolean enabled) {
        return only == null ? enabled : only.contains(part);
    }

    /** What is wrong with the options, or null; fills {@code sizes} from --scale-sizes. */
    private String problem(List<ScaleBenchmark.Size> sizes) {
        if (kafkaOnly && bootstrapServers == null) {
            return "--kafka-only needs --bootstrap-servers";
        }
        if (stateCustomers < 0 || stateCustomers > com.acmebank.triggers.generator.Settings.MAX_CUSTOMERS) {
            return "--state-customers must be between 1 and " + com.acmebank.triggers.generator.Settings.MAX_CUSTOMERS + ", got " + stateCustomers;
        }
        if (stateCustomers > 0 && bootstrapServers == null) {
            return "--state-customers needs --bootstrap-servers (the state is measured on the live engine, through Kafka)";
        }
        if (only != null) {
            if (kafkaOnly) {
                return "--kafka-only and --only contradict each other: give one (--only kafka is --kafka-only)";
            }
            for (String part : only) {
                if (!PARTS.contains(part)) {
                    return "--only: no part '" + part + "'; the parts are " + String.join(", ", PARTS);
                }
            }
            if (only.contains("kafka") && bootstrapServers == null) {
                return "--only kafka needs --bootstrap-servers";
            }
            if (only.contains("state") && (stateCustomers == 0 || bootstrapServers == null)) {
                return "--only state needs --state-customers N and --bootstrap-servers";
            }
        }
        if (stateDays < 1) {
            return "--state-days must be at least 1, got " + stateDays;
        }
        if (!(skew >= 0 && skew <= com.acmebank.triggers.generator.Settings.MAX_SKEW)) {
            return "--skew must be between 0 and " + (int) com.acmebank.triggers.generator.Settings.MAX_SKEW + ", got " + skew;
        }
        for (String size : scaleSizes) {
            try {
                sizes.add(ScaleBenchmark.Size.parse(size));
            } catch (IllegalArgumentException e) {
                return "--scale-sizes: " + e.getMessage();
            }
        }
        return null;
    }

    private void replayFigures(EngineOptions.Loaded loaded, EngineConfig config, Map<String, Object> figures) throws Exception {
        LocalDate start = START;
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        config.goLive = start.atStartOfDay(shanghai).toInstant().toEpochMilli();
        config.simulationEnd = start.plusDays(days).atStartOfDay(shanghai).toInstant().toEpochMilli();

        BenchmarkTraffic traffic = BenchmarkTraffic.ensure(dir, customers, start, days, Settings.MILD_SKEW, System.out);
        Path events = traffic.events();
        Path profiles = traffic.profiles();
        System.out.println("1. Replay of generated traffic, all rules, state backend " + stateBackend);
        long began = System.nanoTime();
        JobExecutionResult result = ReplayJob.run(new ReplayJob.Request(events, profiles, loaded.rules(), loaded.lists(),
                config, dir.resolve("out"), engine.parallelism, stateBackend));
        double seconds = (System.nanoTime() - began) / 1e9;
        long count = result.<Long>getAccumulatorResult(ParseEvents.RECORDS);
        System.out.printf("   %,d events in %.1f s: %,.0f events/s (job alone %.1f s: %,.0f events/s)%n", count, seconds, count / seconds,
                result.getNetRuntime() / 1000.0, count * 1000.0 / result.getNetRuntime());
        System.out.printf("   peak heap used: %,d MB (JVM max %,d MB)%n", ScaleBenchmark.peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        figures.put("replay", ScaleBenchmark.figures(stateBackend, customers, days, count, seconds, result, ScaleBenchmark.peakHeap()));

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
        TypeSerializer<TriggerState> serializer = new TriggerStateSerializer(); // the one the triggers state uses
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

}

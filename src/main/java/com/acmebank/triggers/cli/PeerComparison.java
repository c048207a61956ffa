package com.acmebank.triggers.cli;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.flink.ParseEvents;
import com.acmebank.triggers.generator.Settings;
import com.acmebank.triggers.jobs.ReplayJob;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.RuleFiles;
import com.acmebank.triggers.rule.RuleSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.JobExecutionResult;

/**
 * benchmark --peers: what a Flink team would get by writing some of the rules directly in Flink, on the same input in
 * the same run. The engine replays only S1+S6+S10+S12, and only S3 (the same job and config as the benchmark's replay);
 * the peers (Flink SQL OVER windows for the four aggregates and S1, a CEP pattern for S3 in two variants; test classes,
 * built into target/peers by mvn package and kept out of the production jar) run in a child JVM with the same
 * collector. Rounds are interleaved (engine, peer, engine, peer, ...) with both JVMs kept warm, a warm-up round first,
 * and the medians of the others are reported, with the firings per rule beside the engine's as a sanity check.
 *
 * <p>The engine's firings of a rule are its distinct firings in decisions.jsonl: one (customer, triggering events)
 * per firing. A firing writes one decision per offer (S10 has two), a deferred offer a second one at 08:00, and a firing
 * blocked by the repeat limit (COOLDOWN) or lost in arbitration still writes its decisions, so each firing counts once.
 */
public final class PeerComparison {
    static final int ROUNDS = 3;
    /**
     * Rounds run first and left out of the medians: on the million events the first SQL run took 34 s and the third 9 s,
     * the engine's 20 s and 10.5 s (the JIT, and the planner's generated code, on a cold JVM); a job runs for days, so
     * warm figures are what compare.
     */
    static final int WARM_UP = 1;
    /** Short rule ids (the part before the first '-') of the two engine runs and the peers that mirror them. */
    static final List<String> AGGREGATES = List.of("S1", "S6", "S10", "S12");
    static final List<String> SEQUENCE = List.of("S3");
    static final String NOT_DONE = "the peers only detect the conditions: no dedup of repeated eventIds, no reversals, no contact policy "
            + "(consent, caps, quiet hours, holdout), no repeat limits, no arbitration, no offers or decisions written";

    /** The JSON key of each job. */
    private static final Map<String, String> KEYS = Map.of("engine S1+S6+S10+S12", "engineAggregates", "Flink SQL S1+S6+S10+S12", "sql",
            "engine S3", "engineS3", "CEP S3, 2 types reach CEP", "cepFiltered", "CEP S3, every event", "cepAll");

    private final Path dir;
    private final int customers;
    private final int days;
    private final EngineOptions.Loaded loaded;
    private final int parallelism;
    private final String stateBackend;
    private final PrintStream out;

    PeerComparison(Path dir, int customers, int days, EngineOptions.Loaded loaded, int parallelism, String stateBackend, PrintStream out) {
        this.dir = dir;
        this.customers = customers;
        this.days = days;
        this.loaded = loaded;
        this.parallelism = parallelism;
        this.stateBackend = stateBackend;
        this.out = out;
    }

    /** One timed run of a job: records read, whole seconds, the job's own seconds, firings per short rule id. */
    record Run(long events, double seconds, double jobSeconds, Map<String, Long> firings) {}

    Map<String, Object> run() throws Exception {
        List<String> childClassPath = peersClassPath();
        // the same files as the benchmark's replay (generated here when only the Kafka part ran)
        LocalDate start = BenchmarkCommand.START;
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        BenchmarkTraffic traffic = BenchmarkTraffic.ensure(dir, customers, start, days, Settings.MILD_SKEW, out);
        Path events = traffic.events();
        Path profiles = traffic.profiles();
        EngineConfig config = new EngineConfig();
        config.outOfOrdernessMillis = EngineConfig.RECORDED_OUT_OF_ORDERNESS_MILLIS;
        config.policy = loaded.config().policy;
        config.dedupRetentionMillis = loaded.config().dedupRetentionMillis;
        config.goLive = start.atStartOfDay(shanghai).toInstant().toEpochMilli();
        config.simulationEnd = start.plusDays(days).atStartOfDay(shanghai).toInstant().toEpochMilli();
        RuleFiles.Loaded aggregates = only(AGGREGATES);
        RuleFiles.Loaded sequence = only(SEQUENCE);
        Path lists = writeLists();

        out.printf("Peers: the Flink SQL and CEP peers on the same input (%d warm-up and %d interleaved rounds, medians; state backend %s)%n",
                WARM_UP, ROUNDS, stateBackend);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseParallelGC",
                "-cp", String.join(java.io.File.pathSeparator, childClassPath), "com.acmebank.triggers.peers.PeerBenchmark",
                "--events", events.toString(), "--profiles", profiles.toString(), "--lists", lists.toString(),
                "--from", String.valueOf(config.goLive), "--json", dir.resolve("peers.json").toString(), "--rounds", String.valueOf(ROUNDS), "--warm-up", String.valueOf(WARM_UP),
                "--parallelism", String.valueOf(parallelism), "--out-of-orderness-ms", String.valueOf(config.outOfOrdernessMillis),
                "--peers", "sql,cep-filtered,cep-all", "--paced"));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread stopChild = new Thread(child::destroy, "stop-peers-jvm");
        Runtime.getRuntime().addShutdownHook(stopChild);
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        try (Writer toChild = new java.io.OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
                BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (int round = 1 - WARM_UP; round <= ROUNDS; round++) {
                record(runs, "engine S1+S6+S10+S12", round, engine(events, profiles, aggregates, AGGREGATES, config, "peers-engine-aggregates"));
                record(runs, "Flink SQL S1+S6+S10+S12", round, peer(toChild, fromChild));
                record(runs, "engine S3", round, engine(events, profiles, sequence, SEQUENCE, config, "peers-engine-s3"));
                record(runs, "CEP S3, 2 types reach CEP", round, peer(toChild, fromChild));
                record(runs, "CEP S3, every event", round, peer(toChild, fromChild));
            }
            toChild.write("stop\n");
        }
        int code = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(stopChild);
        if (code != 0) {
            System.err.println("The peers' JVM ended with exit code " + code);
            throw new CommandFailure(1);
        }
        return table(runs);
    }

    /** The child's class path: the engine's (its jar, or its classes when run from a build) and target/peers/*. */
    static List<String> peersClassPath() throws Exception {
        Path location = Path.of(PeerComparison.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path peers = location.getParent().resolve("peers");
        boolean built = Files.isRegularFile(peers.resolve("trigger-engine-peers.jar"));
        try (var files = built ? Files.list(peers) : java.util.stream.Stream.<Path>empty()) {
            built = built && files.anyMatch(f -> f.getFileName().toString().startsWith("flink-table-planner-loader"));
        }
        if (!built) {
            System.err.println("peers not built: run mvn package (no peers jar and Flink Table/CEP jars in " + peers.toAbsolutePath() + ")");
            throw new CommandFailure(2);
        }
        String engine = Files.isRegularFile(location) ? location.toString() : System.getProperty("java.class.path");
        return List.of(engine, peers.toAbsolutePath() + java.io.File.separator + "*");
    }

    /** The loaded rules whose short ids are given; every one of them must be there. */
    private RuleFiles.Loaded only(List<String> ids) throws CommandFailure {
        List<RuleSource> sources = new ArrayList<>();
        List<CompiledRule> rules = new ArrayList<>();
        Set<String> found = new HashSet<>();
        for (int i = 0; i < loaded.rules().rules().size(); i++) {
            CompiledRule r = loaded.rules().rules().get(i);
            if (ids.contains(shortId(r.id()))) {
                rules.add(r);
                sources.add(loaded.rules().sources().get(i));
                found.add(shortId(r.id()));
            }
        }
        if (!found.containsAll(ids)) {
            System.err.println("--peers compares the engine's rules " + ids + " with the peers: the rules in force lack " + ids.stream()
                    .filter(id -> !found.contains(id)).toList());
            throw new CommandFailure(2);
        }
        return new RuleFiles.Loaded(sources, rules, List.of());
    }

    /** The reference lists the engine uses, as NAME.txt files, so the peers read exactly the same ones. */
    private Path writeLists() throws IOException {
        Path lists = dir.resolve("peer-lists");
        Files.createDirectories(lists);
        for (Map.Entry<String, List<String>> e : loaded.lists().entrySet()) {
            Files.write(lists.resolve(e.getKey() + ".txt"), e.getValue(), StandardCharsets.UTF_8);
        }
        return lists;
    }

    private Run engine(Path events, Path profiles, RuleFiles.Loaded rules, List<String> ids, EngineConfig config, String outName) throws Exception {
        Path outDir = dir.resolve(outName);
        long began = System.nanoTime();
        JobExecutionResult result = ReplayJob.run(new ReplayJob.Request(events, profiles, rules, loaded.lists(), config, outDir, parallelism, stateBackend));
        double seconds = (System.nanoTime() - began) / 1e9;
        Long records = result.getAccumulatorResult(ParseEvents.RECORDS);
        return new Run(records == null ? 0 : records, seconds, result.getNetRuntime() / 1000.0, firings(outDir.resolve(ReplayJob.DECISIONS), ids));
    }

    /** Lets the peers' JVM run its next job and reads its result line (other lines pass through). */
    private Run peer(Writer toChild, BufferedReader fromChild) throws IOException, CommandFailure {
        toChild.write("\n");
        toChild.flush();
        String line;
        while ((line = fromChild.readLine()) != null) {
            if (line.startsWith("peer-result ")) {
                JsonNode r = new ObjectMapper().readTree(line.substring("peer-result ".length()));
                Map<String, Long> firings = new LinkedHashMap<>();
                r.path("firings").fields().forEachRemaining(f -> firings.put(f.getKey(), f.getValue().asLong()));
                return new Run(r.path("events").asLong(), r.path("seconds").asDouble(), r.path("jobSeconds").asDouble(), firings);
            }
            out.println("   " + line);
        }
        System.err.println("The peers' JVM stopped before its result (see its messages above)");
        throw new CommandFailure(1);
    }

    private void record(Map<String, List<Run>> runs, String job, int round, Run run) {
        if (round > 0) {
            runs.computeIfAbsent(job, j -> new ArrayList<>()).add(run);
        }
        out.printf("   %-8s %-27s %,d events in %5.1f s (job %5.1f s) firings %s%n", round > 0 ? "round " + round : "warm-up", job + ":", run.events(), run.seconds(),
                run.jobSeconds(), run.firings());
    }

    /**
     * The engine's firings of the given short rule ids in a decisions file, in their order: the distinct (customer,
     * triggering events) of each rule. A REVERSED record is not a firing (it records a reversal of an offer's payment).
     */
    public static Map<String, Long> firings(Path decisions, List<String> ids) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Set<String>> firings = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(decisions, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode d = json.readTree(line);
                if (!d.path("outcome").asText().equals("REVERSED")) {
                    firings.computeIfAbsent(shortId(d.path("ruleId").asText()), r -> new HashSet<>())
                            .add(d.path("customerId").asText() + "|" + d.path("triggerEventIds").toString());
                }
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        ids.forEach(id -> counts.put(id, (long) firings.getOrDefault(id, Set.of()).size()));
        return counts;
    }

    static String shortId(String ruleId) {
        int dash = ruleId.indexOf('-');
        return dash < 0 ? ruleId : ruleId.substring(0, dash);
    }

    /** Prints the medians as a table (ratios against the engine on the same rules) and returns them for the JSON. */
    private Map<String, Object> table(Map<String, List<Run>> runs) {
        out.printf("   %-27s %12s %12s %7s %7s   %s%n", "job (medians of " + ROUNDS + ")", "events/s", "job events/s", "ratio", "job", "firings");
        Map<String, Object> figures = new LinkedHashMap<>();
        Map<String, Double> baseline = new HashMap<>();
        Map<String, Map<String, Long>> baselineFirings = new HashMap<>();
        runs.forEach((job, list) -> {
            long events = list.get(0).events();
            double seconds = median(list.stream().mapToDouble(Run::seconds).toArray());
            double jobSeconds = median(list.stream().mapToDouble(Run::jobSeconds).toArray());
            double rate = events / seconds;
            double jobRate = events / jobSeconds;
            String rules = job.contains("S3") ? "S3" : "S1+S6+S10+S12";
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("rules", rules);
            f.put("events", events);
            f.put("seconds", round1(seconds));
            f.put("jobSeconds", round1(jobSeconds));
            f.put("eventsPerSecond", Math.round(rate));
            f.put("jobEventsPerSecond", Math.round(jobRate));
            f.put("roundSeconds", list.stream().map(r -> round1(r.seconds())).toList());
            f.put("firings", list.get(0).firings());
            String agreement = "";
            if (job.startsWith("engine")) {
                baseline.put(rules, rate);
                baseline.put(rules + " job", jobRate);
                baselineFirings.put(rules, list.get(0).firings());
            } else {
                f.put("ratio", round2(rate / baseline.get(rules)));
                f.put("jobRatio", round2(jobRate / baseline.get(rules + " job")));
                boolean equal = list.stream().allMatch(r -> r.firings().equals(baselineFirings.get(rules)));
                f.put("firingsEqualEngine", equal);
                agreement = equal ? "  = engine" : "  DIFFERENT from the engine's " + baselineFirings.get(rules);
            }
            out.printf("   %-27s %,12.0f %,12.0f %7s %7s   %s%s%n", job, rate, jobRate, f.containsKey("ratio") ? f.get("ratio") : "1",
                    f.containsKey("jobRatio") ? f.get("jobRatio") : "1", list.get(0).firings(), agreement);
            f.put("job", job);
            figures.put(KEYS.get(job), f);
        });
        out.println("   ratio: the job's events/s over the engine's on the same rules (whole run, and the job alone). Firings: the engine's "
                + "are its distinct firings in the decisions (sent, deferred, held out or suppressed, each once).");
        out.println("   Not done by the peers: " + NOT_DONE + ".");
        figures.put("rounds", ROUNDS);
        figures.put("warmUpRounds", WARM_UP);
        figures.put("notDoneByPeers", NOT_DONE);
        return figures;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}

package com.acmebank.triggers.cli;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.EventParser;
import com.acmebank.triggers.event.Parsed;
import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.flink.ParseEvents;
import com.acmebank.triggers.jobs.ReplayJob;
import com.acmebank.triggers.jobs.ReplayOutputs;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.MemorySize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Replays an events file through the rules into output files.",
        description = {
            "Runs recorded events through the rules on an embedded Flink (the same job graph as live) and writes "
                    + "offers.jsonl, decisions.jsonl, dead-letters.jsonl and late-events.jsonl into --out, then prints the "
                    + "offers and decisions per rule.",
            "Event time comes from the records only, so the same input gives the same output files. Timers (absence, "
                    + "schedules, releases after quiet hours) fire up to --until, not after it. The file should be in time "
                    + "order across all customers, as a recording of the stream would be. Record formats: docs/contracts.md."})
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--events", required = true, paramLabel = "FILE", description = "Events to replay, JSON Lines in the input-event format of docs/contracts.md.")
    Path events;

    @Option(names = "--profiles", paramLabel = "FILE", description = "Customer profiles, JSON Lines (default: none, and without profiles no customer has consent).")
    Path profiles;

    @Option(names = "--until", required = true, paramLabel = "INSTANT", converter = CliValues.InstantMillis.class,
            description = "End of simulated time, an ISO-8601 instant with an offset (such as 2026-12-01T00:00:00+08:00) or epoch milliseconds. Timers up to it fire, later ones do not.")
    long until;

    @Option(names = "--from", paramLabel = "INSTANT", converter = CliValues.InstantMillis.class,
            description = "Go-live instant: events before it build state (windows, dormancy, holdings) but nothing is decided or sent before it; schedules start there (default: the first event's time minus the out-of-orderness).")
    Long from;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the output files (created if missing).")
    Path out;

    @Option(names = "--out-of-orderness", paramLabel = "DURATION", converter = CliValues.DurationMillis.class,
            defaultValue = EngineConfig.RECORDED_OUT_OF_ORDERNESS, description = "How far out of order events may be; older ones go to late-events.jsonl (default: ${DEFAULT-VALUE}).")
    long outOfOrderness;

    @Option(names = "--state-backend", paramLabel = "NAME", defaultValue = "hashmap",
            description = "State backend: hashmap (in memory) or rocksdb, as in production (default: ${DEFAULT-VALUE}).")
    String stateBackend;

    @Option(names = "--managed-memory", paramLabel = "SIZE", converter = CliValues.ManagedMemory.class,
            description = "With --state-backend rocksdb: RocksDB's memory for its cache and write buffers, off the heap; give it about the "
                    + "state's size (README, Performance: about 700 bytes a customer after a day) (default 1g).")
    MemorySize managedMemory;

    @Option(names = "--rule-updates", paramLabel = "FILE", description = "Rule and list updates during the replay, one rule-updates record a line "
            + "(docs/contracts.md), each applying from its effectiveFrom; the engine's answer to each goes to rule-status.jsonl.")
    Path ruleUpdates;

    @Option(names = "--quiet", description = "Print only the summary, not the per-rule table.")
    boolean quiet;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        if (managedMemory != null && !"rocksdb".equals(stateBackend)) {
            System.err.println("--managed-memory: only with --state-backend rocksdb (the " + stateBackend
                    + " state is on the heap: give the JVM -Xmx instead)");
            return 2;
        }
        if (!Files.isRegularFile(events)) {
            System.err.println("No such events file: " + events);
            return 2;
        }
        if (profiles != null && !Files.isRegularFile(profiles)) {
            System.err.println("No such profiles file: " + profiles);
            return 2;
        }
        if (ruleUpdates != null && !Files.isRegularFile(ruleUpdates)) {
            System.err.println("No such rule-updates file: " + ruleUpdates);
            return 2;
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            System.err.println("Cannot create the output folder " + out + ": " + ErrorLine.reason(e));
            return 2;
        }
        if (!Files.isWritable(out)) {
            System.err.println("Cannot write to the output folder " + out + ": permission denied");
            return 2;
        }
        EngineConfig config = new EngineConfig();
        config.outOfOrdernessMillis = outOfOrderness;
        config.simulationEnd = until;
        EngineOptions.Loaded loaded;
        try {
            loaded = engine.load(config, System.out, System.err);
        } catch (CommandFailure f) {
            return f.exitCode();
        }
        config.goLive = from != null ? from : firstEventTime(events, outOfOrderness, until);
        System.out.printf("Replaying %s until %s%n", events, Times.format(until));
        long start = System.nanoTime();
        JobExecutionResult result = ReplayJob.run(new ReplayJob.Request(events, profiles, loaded.rules(), loaded.lists(),
                config, out, engine.parallelism, stateBackend, ruleUpdates, managedMemory));
        double seconds = (System.nanoTime() - start) / 1e9;
        ReplayOutputs.sort(out);
        Long records = result.getAccumulatorResult(ParseEvents.RECORDS);
        long count = records == null ? 0 : records;
        Summary summary = Summary.of(out);
        if (!quiet) {
            summary.print(System.out);
        }
        System.out.printf("Output: %s (offers %d, decisions %d, dead letters %d, late events %d)%n", out.toAbsolutePath(),
                summary.offers(), summary.decisions(), summary.deadLetters(), summary.lateEvents());
        if (ruleUpdates != null) {
            printRuleStatus(out.resolve(ReplayJob.RULE_STATUS));
        }
        double job = result.getNetRuntime() / 1000.0;
        System.out.printf("Replayed %,d events in %.1f s: %,.0f events/s (the job itself: %.1f s, %,.0f events/s; the rest is starting the embedded Flink)%n",
                count, seconds, count / seconds, job, count / job);
        return 0;
    }

    /** What became of each timed rule update (the rule files' own statuses are left out: they were validated at load). */
    private static void printRuleStatus(Path file) throws IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            var s = json.readTree(line);
            if (!s.path("source").has("line")) {
                continue;
            }
            java.util.List<String> messages = new java.util.ArrayList<>();
            s.path("messages").forEach(m -> messages.add(m.asText()));
            String outcome = s.path("status").asText().equals("ACCEPTED")
                    ? (s.has("effectiveFrom") ? " from " + s.path("effectiveFrom").asText() : "") + (messages.isEmpty() ? "" : " (" + messages.get(0) + ")")
                    : ": " + String.join("; ", messages);
            System.out.printf("Rule update line %d: %s %s version %d %s %s%s%n", s.path("source").path("line").asInt(), s.path("type").asText(),
                    s.path("id").asText(), s.path("version").asInt(), s.path("state").asText(""), s.path("status").asText(), outcome);
        }
    }

    /** The first readable event's time minus the bound: where simulated time starts. */
    static long firstEventTime(Path file, long bound, long until) throws IOException {
        EventParser parser = new EventParser();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int read = 0;
            while ((line = reader.readLine()) != null && read++ < 10_000) {
                Parsed<com.acmebank.triggers.event.Event> e = parser.parse(line);
                if (e.isOk()) {
                    return e.value().eventTime - bound;
                }
            }
        }
        return until - 366L * EngineConfig.DAY;
    }
}

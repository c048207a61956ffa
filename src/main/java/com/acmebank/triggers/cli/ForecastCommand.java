package com.acmebank.triggers.cli;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.EventParser;
import com.acmebank.triggers.event.Parsed;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.io.JsonLinesFile;
import com.acmebank.triggers.jobs.ReplayJob;
import com.acmebank.triggers.jobs.ReplayOutputs;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.RuleFiles;
import com.acmebank.triggers.rule.RuleRejectedException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "forecast", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "What would a rule change have sent? The last N days replayed with the rules in force and with the change.",
        description = "Replays the last --days of --events (or, without --events, of the live events topic, with the profiles "
                + "topic and the rules and lists the running engine has in force on rule-updates) through the same job graph as "
                + "replay, twice: with the rules in force (--events: --rules, default the shipped ones) and with the changed rule "
                + "files given (a file with the id of a rule in force replaces it; a new id adds a rule). Prints per rule what each "
                + "run decided and the difference: customers newly reached, customers no longer reached, firings displaced in "
                + "arbitration, frequency caps hit. Nothing is sent: the replays write to local folders only.")
public final class ForecastCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Changed rule files, or folders of them.")
    List<Path> changed;

    @Option(names = "--events", paramLabel = "FILE", description = "The recorded events (JSON Lines, in time order); without it, the events topic.")
    Path events;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", defaultValue = "127.0.0.1:9092",
            description = "Without --events: the Kafka brokers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;
    @Option(names = "--events-topic", paramLabel = "TOPIC", defaultValue = "events", description = "Without --events (default: ${DEFAULT-VALUE}).")
    String eventsTopic;
    @Option(names = "--profiles-topic", paramLabel = "TOPIC", defaultValue = "profiles", description = "Without --events (default: ${DEFAULT-VALUE}).")
    String profilesTopic;
    @Option(names = "--rule-updates-topic", paramLabel = "TOPIC", defaultValue = "rule-updates", description = "Without --events (default: ${DEFAULT-VALUE}).")
    String ruleUpdatesTopic;
    @Option(names = "--rule-status-topic", paramLabel = "TOPIC", defaultValue = "rule-status", description = "Without --events (default: ${DEFAULT-VALUE}).")
    String ruleStatusTopic;
    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = CliValues.DurationMillis.class,
            description = "Without --events: how long to wait for the broker (default: ${DEFAULT-VALUE}).")
    long connectTimeout;

    @Option(names = "--profiles", paramLabel = "FILE", description = "Customer profiles (JSON Lines).")
    Path profiles;

    @Option(names = "--days", paramLabel = "N", defaultValue = "7", description = "How many days, back from the last event (default: ${DEFAULT-VALUE}).")
    int days;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        if (events == null) {
            if (engine.rules != null || profiles != null) {
                System.err.println("--rules and --profiles go with --events; without --events the rules, lists and profiles come from the topics");
                return 2;
            }
            try {
                TopicInput.Snapshot topics = TopicInput.take(bootstrapServers, eventsTopic, profilesTopic, ruleUpdatesTopic, ruleStatusTopic,
                        java.time.Duration.ofMillis(connectTimeout), System.out, System.err);
                events = topics.events();
                profiles = topics.profiles();
                engine.rules = topics.rules();
                engine.reference = topics.lists();
            } catch (CommandFailure f) {
                return f.exitCode();
            }
        }
        if (!Files.isRegularFile(events)) {
            System.err.println("No such events file: " + events);
            return 2;
        }
        if (profiles != null && !Files.isRegularFile(profiles)) {
            System.err.println("No such profiles file: " + profiles);
            return 2;
        }
        if (days < 1) {
            System.err.println("--days: expected 1 or more, got " + days);
            return 2;
        }
        EngineConfig config = new EngineConfig();
        EngineOptions.Loaded base;
        RuleFiles.Loaded change;
        try {
            base = engine.load(config, System.out, System.err);
            change = RuleFiles.load(changed);
        } catch (CommandFailure f) {
            return f.exitCode();
        } catch (RuleRejectedException e) {
            System.err.println("The change is rejected:");
            e.errors().forEach(x -> System.err.println("  " + x));
            return 2;
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        long last = lastEventTime(events);
        if (last == Long.MIN_VALUE) {
            System.err.println("No readable event in " + events);
            return 2;
        }
        config.simulationEnd = last;
        config.goLive = last - days * 86_400_000L;
        List<String> ids = change.rules().stream().map(r -> r.id() + " v" + r.version()).toList();
        System.out.printf("Forecast from %s to %s (%d days before the last event): the rules in force against the change (%s)%n",
                Times.format(config.goLive), Times.format(last), days, String.join(", ", ids));
        Path work = Files.createTempDirectory("forecast");
        Path before = work.resolve("in-force");
        Path after = work.resolve("with-change");
        run(base.rules(), base, config, before);
        run(RuleFiles.merge(base.rules(), change), base, config, after);
        print(Outcomes.of(before), Outcomes.of(after));
        System.out.println("The two replays' outputs: " + before + " and " + after + " (nothing was sent).");
        return 0;
    }

    private void run(RuleFiles.Loaded rules, EngineOptions.Loaded base, EngineConfig config, Path out) throws Exception {
        ReplayJob.run(new ReplayJob.Request(events, profiles, rules, base.lists(), config, out, engine.parallelism, "hashmap"));
        ReplayOutputs.sort(out);
    }

    /** The latest readable eventTime of the file (a malformed line is skipped: the replays report it). */
    static long lastEventTime(Path file) throws IOException {
        EventParser parser = new EventParser();
        long last = Long.MIN_VALUE;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Parsed<Event> p = parser.parse(line);
                if (p.isOk()) {
                    last = Math.max(last, p.value().eventTime);
                }
            }
        }
        return last;
    }

    /** What one replay decided, per rule. */
    record Outcomes(Map<String, Map<String, Long>> counts, Map<String, Set<String>> reached) {
        static Outcomes of(Path dir) throws IOException {
            Map<String, Map<String, Long>> counts = new TreeMap<>();
            Map<String, Set<String>> reached = new TreeMap<>();
            Set<String> firings = new HashSet<>();
            for (JsonNode d : JsonLinesFile.read(dir.resolve(ReplayJob.DECISIONS))) {
                String rule = d.get("ruleId").asText();
                String outcome = d.get("outcome").asText();
                String column = "SUPPRESSED".equals(outcome) ? d.path("reason").asText("OTHER") : outcome;
                counts.computeIfAbsent(rule, k -> new TreeMap<>()).merge(column, 1L, Long::sum);
                // a firing has one decision per channel, and a deferred offer a second one when it is released
                if (firings.add(rule + "|" + d.path("customerId").asText() + "|" + d.path("triggerTime").asText() + "|" + d.path("triggerEventIds"))) {
                    counts.get(rule).merge("FIRED", 1L, Long::sum);
                }
            }
            for (JsonNode o : JsonLinesFile.read(dir.resolve(ReplayJob.OFFERS))) {
                reached.computeIfAbsent(o.get("ruleId").asText(), k -> new HashSet<>()).add(o.get("customerId").asText());
            }
            return new Outcomes(counts, reached);
        }

        long count(String rule, String column) {
            return counts.getOrDefault(rule, Map.of()).getOrDefault(column, 0L);
        }

        Set<String> reached(String rule) {
            return reached.getOrDefault(rule, Set.of());
        }
    }

    private static final String[] COLUMNS = {"FIRED", "SENT", "DEFERRED", "HELD_OUT", "NO_CONSENT", "FREQUENCY_CAP", "COOLDOWN", "ARBITRATION", "EXPIRED"};

    static void print(Outcomes before, Outcomes after) {
        Set<String> rules = new TreeSet<>(before.counts().keySet());
        rules.addAll(after.counts().keySet());
        StringBuilder header = new StringBuilder(String.format("%-32s", "rule (in force -> with change)"));
        for (String c : COLUMNS) {
            header.append(String.format(" %15s", c.length() > 13 ? c.substring(0, 13) : c));
        }
        System.out.println(header);
        List<String> differences = new ArrayList<>();
        for (String rule : rules) {
            StringBuilder row = new StringBuilder(String.format("%-32s", rule));
            boolean changedRow = false;
            for (String c : COLUMNS) {
                long b = before.count(rule, c);
                long a = after.count(rule, c);
                changedRow |= a != b;
                row.append(String.format(" %15s", b == a ? String.valueOf(a) : b + "->" + a));
            }
            System.out.println(row);
            Set<String> gained = new TreeSet<>(after.reached(rule));
            gained.removeAll(before.reached(rule));
            Set<String> lost = new TreeSet<>(before.reached(rule));
            lost.removeAll(after.reached(rule));
            long displaced = after.count(rule, "ARBITRATION") - before.count(rule, "ARBITRATION");
            long capped = after.count(rule, "FREQUENCY_CAP") - before.count(rule, "FREQUENCY_CAP");
            if (changedRow || !gained.isEmpty() || !lost.isEmpty()) {
                differences.add(String.format("  %s: %d customers newly reached, %d no longer reached, %+d displaced in arbitration, %+d caps hit",
                        rule, gained.size(), lost.size(), displaced, capped));
            }
        }
        if (differences.isEmpty()) {
            System.out.println("The change makes no difference over this period.");
        } else {
            System.out.println("What the change makes different:");
            differences.forEach(System.out::println);
        }
    }
}

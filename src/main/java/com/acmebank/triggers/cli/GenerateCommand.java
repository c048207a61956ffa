package com.acmebank.triggers.cli;

import com.acmebank.triggers.generator.Settings;
import com.acmebank.triggers.generator.TrafficGenerator;
import com.acmebank.triggers.spec.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Writes realistic, deterministic bank traffic to JSON Lines files.",
        description = {
            "Writes customer profiles and a month (or more) of events for replays and demos, in the formats of "
                    + "docs/contracts.md, in which every trigger scenario S1-S15 occurs, edge cases included (docs/generator.md). "
                    + "The same options always give the same files. Optionally mixes in malformed lines, retries and disorder.",
            "Prints the replay command for the generated days."})
public final class GenerateCommand implements Callable<Integer> {
    /** The bank's home offset: the replay's --from and --until are midnights here. */
    private static final ZoneOffset HOME = ZoneOffset.ofHours(8);

    @Option(names = "--customers", paramLabel = "N", defaultValue = "10000", description = "Population size (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--days", paramLabel = "D", defaultValue = "30", description = "Simulated days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--start", paramLabel = "DATE", defaultValue = "2026-11-01", description = "First simulated day (default: ${DEFAULT-VALUE}).")
    LocalDate start;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--events", paramLabel = "FILE", defaultValue = "events.jsonl", description = "Events output file (default: ${DEFAULT-VALUE}).")
    Path events;

    @Option(names = "--profiles", paramLabel = "FILE", defaultValue = "profiles.jsonl", description = "Profiles output file (default: ${DEFAULT-VALUE}).")
    Path profiles;

    @Option(names = "--malformed", paramLabel = "RATE", defaultValue = "0",
            description = "Per event, the chance of an extra malformed line (bad JSON, missing eventId, amount as text, time without offset, negative amount) (default: ${DEFAULT-VALUE}).")
    double malformed;

    @Option(names = "--duplicates", paramLabel = "RATE", defaultValue = "0",
            description = "Per event, the chance that it is re-sent unchanged a little later, as an upstream retry (default: ${DEFAULT-VALUE}).")
    double duplicates;

    @Option(names = "--skew", paramLabel = "SIGMA", defaultValue = "0.5",
            description = "How unequal customers' card activity is, at the same mean: 0.5 (default) mild, the busiest 1%% pay about 3x "
                    + "as often as the median customer; 1.5 most customers quiet and a few very active (the busiest 1%% about 33x the median); 0 to 2.")
    double skew;

    @Option(names = "--disorder", paramLabel = "DURATION", defaultValue = "0s",
            description = "Move some events up to this much earlier in the file than their event time suggests, e.g. 30s or 5m (default: ${DEFAULT-VALUE}).")
    String disorder;

    @Override
    public Integer call() throws IOException {
        long disorderMillis;
        try {
            disorderMillis = Durations.parse(disorder);
        } catch (IllegalArgumentException e) {
            System.err.println("--disorder: " + e.getMessage());
            return 2;
        }
        if (days < 1) {
            System.err.println("--days must be at least 1 (an endless stream cannot be written to a file)");
            return 2;
        }
        Settings settings;
        try {
            settings = new Settings(customers, start, days, seed, malformed, duplicates, disorderMillis, skew);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        for (Path file : new Path[] {profiles, events}) {
            Path folder = file.toAbsolutePath().getParent();
            try {
                if (folder != null) {
                    Files.createDirectories(folder);
                }
            } catch (IOException e) {
                System.err.println("Cannot create the folder " + folder + " for " + file + ": " + ErrorLine.reason(e));
                return 2;
            }
            if (Files.isDirectory(file)) {
                System.err.println("Cannot write " + file + ": it is a folder");
                return 2;
            }
        }
        long began = System.nanoTime();
        Map<String, Long> counts;
        try {
            counts = new TrafficGenerator(settings).write(events, profiles);
        } catch (java.nio.file.FileSystemException e) {
            System.err.println("Cannot write " + (e.getFile() != null ? e.getFile() : events) + ": " + ErrorLine.reason(e));
            return 2;
        }
        double seconds = (System.nanoTime() - began) / 1e9;

        long eventLines = counts.entrySet().stream()
                .filter(e -> !e.getKey().equals("malformed") && !e.getKey().equals("duplicate"))
                .mapToLong(Map.Entry::getValue).sum();
        long profileLines;
        try (Stream<String> lines = Files.lines(profiles)) {
            profileLines = lines.count();
        }
        System.out.printf("Generated %,d events for %,d customers, %s to %s (%d days), seed %d, in %.1f s%n",
                eventLines, customers, start, start.plusDays(days - 1), days, seed, seconds);
        counts.forEach((type, n) -> System.out.printf("  %-22s %,12d%n", type, n));
        System.out.printf("Events:   %s%n", events);
        System.out.printf("Profiles: %s (%,d customers; %,d deliberately without a profile)%n", profiles, profileLines,
                customers - profileLines);
        System.out.println("Replay with:");
        System.out.println("  " + replayCommand(disorderMillis));
        return 0;
    }

    /** A replay over exactly the generated days; --from keeps yearly schedules (S14) from firing for the history. */
    String replayCommand(long disorderMillis) {
        DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        StringBuilder sb = new StringBuilder("java -jar target/trigger-engine.jar replay")
                .append(" --events ").append(quoted(events))
                .append(" --profiles ").append(quoted(profiles))
                .append(" --from ").append(start.atStartOfDay().atOffset(HOME).format(iso))
                .append(" --until ").append(start.plusDays(days).atStartOfDay().atOffset(HOME).format(iso));
        if (disorderMillis > com.acmebank.triggers.config.EngineConfig.RECORDED_OUT_OF_ORDERNESS_MILLIS) {
            sb.append(" --out-of-orderness ").append(Durations.format((disorderMillis + 999) / 1000 * 1000));
        }
        return sb.append(" --out out/replay").toString();
    }

    private static String quoted(Path path) {
        String text = path.toString();
        return text.matches("[A-Za-z0-9_./:@+=-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}

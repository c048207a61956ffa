package com.acmebank.triggers.cli;

import com.acmebank.triggers.generator.Settings;
import com.acmebank.triggers.generator.TrafficGenerator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Generated traffic in the benchmark's folder, written once per size and reused by the next run. */
record BenchmarkTraffic(Path events, Path profiles, Settings settings) {

    static BenchmarkTraffic ensure(Path dir, int customers, LocalDate start, int days, double skew, PrintStream out) throws Exception {
        boolean standard = skew == Settings.MILD_SKEW && start.equals(BenchmarkCommand.START);
        String variant = standard ? "" : "-skew" + skew + "-from" + start;
        Path events = dir.resolve("events-" + customers + "x" + days + variant + ".jsonl");
        // the standard profiles do not depend on the days: one file serves every length of the standard traffic
        Path profiles = dir.resolve("profiles-" + customers + (standard ? "" : "x" + days + variant) + ".jsonl");
        Settings settings = new Settings(customers, start, days, 42, 0, 0, 0, skew);
        if (!Files.exists(events) || !Files.exists(profiles)) {
            out.printf("   generating %,d customers x %d days (skew %s) into %s ...%n", customers, days, skew, dir);
            Path eventsPart = dir.resolve(events.getFileName() + ".part");
            Path profilesPart = dir.resolve(profiles.getFileName() + ".part");
            new TrafficGenerator(settings).write(eventsPart, profilesPart);
            // renamed when complete, so a run stopped while generating does not leave a short file to be reused
            Files.move(profilesPart, profiles, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(eventsPart, events, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return new BenchmarkTraffic(events, profiles, settings);
    }
}

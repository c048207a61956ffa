package com.acmebank.triggers.cli;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.flink.TriggerTopology;
import com.acmebank.triggers.generator.Settings;
import com.acmebank.triggers.jobs.DemoJob;
import com.acmebank.triggers.jobs.DemoStats;
import com.acmebank.triggers.jobs.FlinkEnvironments;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Runs the engine on generated traffic, printing offers live.",
        description = {
            "Runs the engine on an embedded Flink with generated bank traffic (thousands of customers, profiles included, "
                    + "with every scenario of docs/scenarios.md occurring in it: docs/generator.md) and the shipped rules S1-S15. "
                    + "Prints offers as they are made and, every few seconds, events/s, offers/s and the decisions so far.",
            "Simulated time runs fast: a day of traffic takes a few seconds, so quiet hours, month ends and 7-day timers "
                    + "show up. Stops on Ctrl-C or after --duration."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--customers", paramLabel = "N", defaultValue = "3000", description = "Customers in the generated population (default: ${DEFAULT-VALUE}).") int customers;
    @Option(names = "--rate", paramLabel = "N", defaultValue = "2000", description = "Events per second of wall-clock time (default: ${DEFAULT-VALUE}).") int rate;
    @Option(names = "--duration", paramLabel = "DURATION", converter = CliValues.DurationMillis.class, defaultValue = "0s",
            description = "Stop after this long, e.g. 60s (default: ${DEFAULT-VALUE}, run until Ctrl-C).") long duration;
    @Option(names = "--start", paramLabel = "DATE", defaultValue = "2026-11-01", description = "First simulated day (default: ${DEFAULT-VALUE}).") LocalDate start;
    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed of the traffic: the same seed gives the same customers and events (default: ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--report-every", paramLabel = "DURATION", converter = CliValues.DurationMillis.class, defaultValue = "5s",
            description = "How often to print the figures (default: ${DEFAULT-VALUE}).") long reportEvery;
    @Option(names = "--no-offers", description = "Print only the figures, not each offer and dead letter.") boolean quiet;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        EngineConfig config = new EngineConfig();
        config.goLive = start.atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli();
        EngineOptions.Loaded loaded;
        try {
            loaded = engine.load(config, System.out, System.err);
        } catch (CommandFailure f) {
            return f.exitCode();
        }
        Settings traffic = new Settings(customers, start, 0, seed, 0.0005, 0.0005, 0);
        StreamExecutionEnvironment env = FlinkEnvironments.create(engine.parallelism, "hashmap", new Configuration());
        TriggerTopology.Sinks console = new TriggerTopology.Sinks(new ConsoleSink<>(!quiet), new ConsoleSink<>(false),
                new ConsoleSink<>(!quiet), new ConsoleSink<>(false), new ConsoleSink<>(false), new ConsoleSink<>(false), 1);
        DemoJob.build(env, traffic, rate, console, loaded.rules(), loaded.lists(), config);
        JobClient job = env.executeAsync("trigger-engine demo");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> job.cancel()));
        System.out.printf("Demo: %,d customers from %s, %,d events/s%s. Offers below; figures every %d s.%n", customers, start, rate,
                duration > 0 ? ", for " + duration / 1000 + " s" : ", Ctrl-C to stop", reportEvery / 1000);
        long began = System.currentTimeMillis();
        long lastEvents = 0;
        long lastOffers = 0;
        long lastReport = began;
        while (duration == 0 || System.currentTimeMillis() - began < duration) {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                System.err.println("The job stopped: " + job.getJobStatus().get());
                return 1;
            }
            TimeUnit.MILLISECONDS.sleep(Math.min(reportEvery, 500));
            long now = System.currentTimeMillis();
            if (now - lastReport >= reportEvery) {
                long events = DemoStats.EVENTS.get();
                long offers = DemoStats.OFFERS.get();
                double seconds = (now - lastReport) / 1000.0;
                Map<String, Long> outcomes = new TreeMap<>();
                DemoStats.OUTCOMES.forEach((k, v) -> outcomes.put(k, v.get()));
                System.out.printf("-- %s simulated | %,.0f events/s, %,.1f offers/s | total %,d events, %,d offers, %,d dead letters, %,d late | decisions %s%n",
                        Instant.ofEpochMilli(DemoStats.EVENT_TIME.get()).atZone(ZoneId.of("Asia/Shanghai")).toLocalDateTime().toString().replace('T', ' '),
                        (events - lastEvents) / seconds, (offers - lastOffers) / seconds, events, offers,
                        DemoStats.DEAD_LETTERS.get(), DemoStats.LATE_EVENTS.get(), outcomes);
                lastEvents = events;
                lastOffers = offers;
                lastReport = now;
            }
        }
        job.cancel().get(30, TimeUnit.SECONDS);
        System.out.printf("Stopped after %d s: %,d events, %,d offers.%n", (System.currentTimeMillis() - began) / 1000, DemoStats.EVENTS.get(),
                DemoStats.OFFERS.get());
        return 0;
    }
}

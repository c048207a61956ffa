package com.acmebank.triggers.cli;

import com.acmebank.triggers.io.JsonLinesFile;
import com.acmebank.triggers.jobs.ReplayJob;
import com.acmebank.triggers.report.UpliftReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Did the offers work? Per rule and variant: outcomes, conversions and uplift against the control group.",
        description = "Reads a replay's output folder (decisions.jsonl and conversions.jsonl), or the live decisions and conversions "
                + "topics, and prints per rule and variant: "
                + "fired, sent, deferred, held out, suppressed by reason, converted (treated and control), the conversion rates, and "
                + "the absolute and relative uplift with 95% confidence intervals (Newcombe hybrid score for the difference, Katz log "
                + "for the ratio). Says when the groups are too small to tell. --json writes the same figures as JSON.")
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", description = "The output folder of a replay.")
    Path out;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", description = "Instead of --out: the live engine's Kafka brokers; "
            + "the decisions and conversions topics are read from their start to now.")
    String bootstrapServers;

    @Option(names = "--decisions-topic", paramLabel = "TOPIC", defaultValue = "decisions", description = "With --bootstrap-servers (default: ${DEFAULT-VALUE}).")
    String decisionsTopic;

    @Option(names = "--conversions-topic", paramLabel = "TOPIC", defaultValue = "conversions", description = "With --bootstrap-servers (default: ${DEFAULT-VALUE}).")
    String conversionsTopic;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to this JSON file (keys in the README).")
    Path json;

    @Override
    public Integer call() throws IOException {
        if ((out == null) == (bootstrapServers == null)) {
            System.err.println("Give either --out DIR (a replay's output) or --bootstrap-servers HOSTS (the live topics).");
            return 2;
        }
        UpliftReport report;
        if (out != null) {
            if (!Files.isRegularFile(out.resolve(ReplayJob.DECISIONS))) {
                System.err.println("No " + ReplayJob.DECISIONS + " in " + out + ": give the --out folder of a replay.");
                return 2;
            }
            Path conversions = out.resolve(ReplayJob.CONVERSIONS);
            report = UpliftReport.of(JsonLinesFile.read(out.resolve(ReplayJob.DECISIONS)),
                    Files.isRegularFile(conversions) ? JsonLinesFile.read(conversions) : java.util.List.of());
        } else {
            KafkaPreflight.quietClientLogs();
            try {
                KafkaPreflight.requireTopics(bootstrapServers, 15_000, System.err, decisionsTopic, conversionsTopic);
            } catch (CommandFailure f) {
                return f.exitCode();
            }
            java.time.Duration timeout = java.time.Duration.ofSeconds(15);
            report = UpliftReport.of(com.acmebank.triggers.kafka.TopicSnapshot.read(bootstrapServers, decisionsTopic, timeout),
                    com.acmebank.triggers.kafka.TopicSnapshot.read(bootstrapServers, conversionsTopic, timeout));
        }
        report.print(System.out);
        if (json != null) {
            ObjectMapper mapper = new ObjectMapper();
            mapper.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report.json(mapper));
            System.out.println("Figures written to " + json);
        }
        return 0;
    }
}

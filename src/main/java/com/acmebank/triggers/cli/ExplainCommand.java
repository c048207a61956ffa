package com.acmebank.triggers.cli;

import com.acmebank.triggers.audit.CustomerStory;
import com.acmebank.triggers.io.JsonLinesFile;
import com.acmebank.triggers.jobs.ReplayJob;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Tells the story of one customer from a replay's output folder: every rule that fired for them, and what became of it and why.")
public final class ExplainCommand implements Callable<Integer> {
    @Option(names = "--customer", required = true, paramLabel = "ID") String customer;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The replay output folder (decisions.jsonl, offers.jsonl, ...).")
    Path out;

    @Option(names = "--profiles", paramLabel = "FILE", description = "The replay's profiles: times are then shown in the customer's own zone.")
    Path profiles;

    @Option(names = "--timezone", description = "Zone to show times in (default: the customer's, from --profiles, else Asia/Shanghai).")
    String timezone;


    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(out.resolve(ReplayJob.DECISIONS))) {
            System.err.println("No " + ReplayJob.DECISIONS + " in " + out + ": give the --out folder of a replay.");
            return 2;
        }
        List<String> story = CustomerStory.tell(customer, JsonLinesFile.read(out.resolve(ReplayJob.DECISIONS)),
                JsonLinesFile.read(out.resolve(ReplayJob.OFFERS)), JsonLinesFile.read(out.resolve(ReplayJob.LATE_EVENTS)),
                ZoneId.of(timezone != null ? timezone : customerZone()));
        story.forEach(System.out::println);
        return 0;
    }

    /** The customer's zone from the newest line of the profiles file that names one, else Asia/Shanghai. */
    private String customerZone() throws IOException {
        String zone = "Asia/Shanghai";
        if (profiles == null) {
            return zone;
        }
        for (JsonNode p : JsonLinesFile.read(profiles)) {
            if (customer.equals(p.path("customerId").asText()) && p.hasNonNull("timezone")) {
                zone = p.get("timezone").asText();
            }
        }
        return zone;
    }

}

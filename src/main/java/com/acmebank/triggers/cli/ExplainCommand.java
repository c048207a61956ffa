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

@Command(name = "explain", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Tells one customer's story from a replay's decisions.",
        description = "Reads a replay's output folder and tells, in plain sentences and in the customer's local time, every rule "
                + "that fired for the customer, on which event, and what became of it and why: sent, deferred, held out, or "
                + "suppressed (no consent, the frequency cap, the repeat limit, which rule won arbitration).")
public final class ExplainCommand implements Callable<Integer> {
    @Option(names = "--customer", required = true, paramLabel = "ID", description = "The customerId, e.g. C0000042.") String customer;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output folder of a replay, with its decisions and offers files.")
    Path out;

    @Option(names = "--profiles", paramLabel = "FILE", description = "The replay's profiles: times are then shown in the customer's own zone.")
    Path profiles;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "IANA time zone to show times in, e.g. Europe/London (default: the customer's, from --profiles, else Asia/Shanghai).")
    String timezone;


    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(out.resolve(ReplayJob.DECISIONS))) {
            System.err.println("No " + ReplayJob.DECISIONS + " in " + out + ": give the --out folder of a replay.");
            return 2;
        }
        if (profiles != null && !Files.isRegularFile(profiles)) {
            System.err.println("No such profiles file: " + profiles);
            return 2;
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone != null ? timezone : customerZone());
        } catch (java.time.DateTimeException e) {
            System.err.println((timezone != null ? "--timezone" : "The customer's profile") + ": unknown time zone '"
                    + (timezone != null ? timezone : customerZone()) + "' (expected an IANA id like Asia/Shanghai)");
            return 2;
        }
        List<String> story = CustomerStory.tell(customer, JsonLinesFile.read(out.resolve(ReplayJob.DECISIONS)),
                JsonLinesFile.read(out.resolve(ReplayJob.OFFERS)), JsonLinesFile.read(out.resolve(ReplayJob.LATE_EVENTS)), zone);
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

package com.acmebank.triggers.it;

import com.acmebank.triggers.engine.Ids;
import com.acmebank.triggers.io.Resources;
import com.acmebank.triggers.policy.PolicyFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Live traffic for the broker tests: stamped close to the wall clock (the live job follows it once its
 * sources are quiet), for customers whose profile timezone puts that moment around noon, so quiet hours never
 * interfere whenever the tests run.
 */
final class Traffic {
    private Traffic() {}

    /** An Etc/GMT zone in which it is now about noon. */
    static String noonZone() {
        int utcHour = Instant.now().atOffset(ZoneOffset.UTC).getHour();
        int offset = 12 - utcHour;
        if (offset < -12) {
            offset += 24;
        }
        return offset >= 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + (-offset);
    }

    static String at(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    static List<String> profiles(int customers, String zone) {
        List<String> lines = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            lines.add("{\"customerId\":\"K" + c + "\",\"name\":\"K " + c + "\",\"timezone\":\"" + zone
                    + "\",\"consent\":{\"PUSH\":true,\"SMS\":true}}");
        }
        return lines;
    }

    /** One salary per customer of the batch, stamped now, as a live system would (10 ms apart). */
    static List<String> salaries(int batch, int perBatch) {
        long start = System.currentTimeMillis();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < perBatch; i++) {
            int c = batch * perBatch + i;
            lines.add(String.format("{\"eventId\":\"sal-%d\",\"type\":\"SALARY_CREDIT\",\"customerId\":\"K%d\",\"eventTime\":\"%s\",\"amount\":%d.00}",
                    c, c, at(start + i * 10L), 4000 + c));
        }
        return lines;
    }

    /** A salary (S2 fires on 3,000 or more) stamped {@code time}. */
    static String salary(String eventId, String customer, long time, int amount) {
        return String.format("{\"eventId\":\"%s\",\"type\":\"SALARY_CREDIT\",\"customerId\":\"%s\",\"eventTime\":\"%s\",\"amount\":%d.00}",
                eventId, customer, at(time), amount);
    }

    /** The offerId of the S2 salary offer a salary event earns. */
    static String salaryOfferId(String customer, String eventId) {
        return Ids.offerId("S2-salary-sip", customer, "PUSH", eventId);
    }

    static JsonNode json(String record) {
        try {
            return JSON.readTree(record);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + record, e);
        }
    }

    /** How often each value of {@code field} occurs among the records. */
    static Map<String, Integer> count(List<String> records, String field) {
        Map<String, Integer> counts = new HashMap<>();
        for (String r : records) {
            counts.merge(json(r).path(field).asText(), 1, Integer::sum);
        }
        return counts;
    }

    /** "customerId ruleId outcome reason triggerEventIds" of each decision: what was decided, whatever the ids. */
    static List<String> decisionSummaries(List<String> decisions) {
        List<String> out = new ArrayList<>();
        for (String d : decisions) {
            JsonNode n = json(d);
            out.add(n.path("customerId").asText() + " " + n.path("ruleId").asText() + " " + n.path("outcome").asText() + " "
                    + n.path("reason").asText("-") + " " + n.path("triggerEventIds"));
        }
        return out;
    }

    static Set<String> expectedOfferIds(int batches, int perBatch) {
        Set<String> ids = new TreeSet<>();
        for (int c = 0; c < batches * perBatch; c++) {
            ids.add(Ids.offerId("S2-salary-sip", "K" + c, "PUSH", "sal-" + c));
        }
        return ids;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How often each offerId occurs among the offer records read. */
    static Map<String, Integer> offerIds(List<String> offers) {
        Map<String, Integer> counts = new HashMap<>();
        for (String o : offers) {
            try {
                counts.merge(JSON.readTree(o).get("offerId").asText(), 1, Integer::sum);
            } catch (IOException e) {
                throw new AssertionError("not an offer: " + o, e);
            }
        }
        return counts;
    }

    /** The shipped contact policy without its holdout group, so every expected offer is sent. */
    static Path policyWithoutHoldout(Path dir) throws IOException {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, Resources.text(PolicyFiles.SHIPPED).replace("defaultPercent: 5", "defaultPercent: 0"));
        return policy;
    }
}

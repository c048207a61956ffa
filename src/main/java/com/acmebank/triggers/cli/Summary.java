package com.acmebank.triggers.cli;

import com.acmebank.triggers.io.JsonLinesFile;
import com.acmebank.triggers.jobs.ReplayJob;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Counts of a replay's output per rule: offers, and decisions by outcome and reason. */
record Summary(Map<String, Map<String, Long>> byRule, long offers, long decisions, long deadLetters, long lateEvents) {
    private static final String[] COLUMNS = {"offers", "SENT", "DEFERRED", "HELD_OUT", "NO_CONSENT", "FREQUENCY_CAP", "COOLDOWN",
            "ARBITRATION", "EXPIRED", "REVERSED", "other"};

    static Summary of(Path dir) throws IOException {
        Map<String, Map<String, Long>> byRule = new TreeMap<>(Summary::byCatalogOrder);
        long offers = 0;
        long decisions = 0;
        for (JsonNode o : JsonLinesFile.read(dir.resolve(ReplayJob.OFFERS))) {
            byRule.computeIfAbsent(o.get("ruleId").asText(), k -> new TreeMap<>()).merge("offers", 1L, Long::sum);
            offers++;
        }
        for (JsonNode d : JsonLinesFile.read(dir.resolve(ReplayJob.DECISIONS))) {
            String outcome = d.get("outcome").asText();
            String column = outcome.equals("SUPPRESSED") ? d.path("reason").asText("other") : outcome;
            if (java.util.Arrays.stream(COLUMNS).noneMatch(column::equals)) {
                column = "other";
            }
            byRule.computeIfAbsent(d.get("ruleId").asText(), k -> new TreeMap<>()).merge(column, 1L, Long::sum);
            decisions++;
        }
        return new Summary(byRule, offers, decisions, count(dir.resolve(ReplayJob.DEAD_LETTERS)), count(dir.resolve(ReplayJob.LATE_EVENTS)));
    }

    void print(PrintStream out) {
        StringBuilder header = new StringBuilder(String.format("%-32s", "rule"));
        for (String c : COLUMNS) {
            header.append(String.format(" %9s", c.length() > 9 ? c.substring(0, 9) : c));
        }
        out.println(header);
        byRule.forEach((rule, counts) -> {
            StringBuilder row = new StringBuilder(String.format("%-32s", rule));
            for (String c : COLUMNS) {
                row.append(String.format(" %9d", counts.getOrDefault(c, 0L)));
            }
            out.println(row);
        });
    }

    /** S2 before S10: by the number after S, then by name. */
    private static int byCatalogOrder(String a, String b) {
        int c = Integer.compare(catalogNumber(a), catalogNumber(b));
        return c != 0 ? c : a.compareTo(b);
    }

    private static final java.util.regex.Pattern CATALOG_NUMBER = java.util.regex.Pattern.compile("^S(\\d+)");

    private static int catalogNumber(String ruleId) {
        java.util.regex.Matcher m = CATALOG_NUMBER.matcher(ruleId);
        return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    private static long count(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        }
    }
}

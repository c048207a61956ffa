package com.acmebank.triggers.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts each replay output file in a stable order (records from parallel tasks arrive interleaved), so the
 * same input gives byte-identical files: offers by sendAt, decisions by decidedAt, then customer, rule and
 * id; dead letters and late events by where they came from.
 */
public final class ReplayOutputs {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keeps instants positive (and so in the digits' order) back to the year -1200. */
    private static final long INSTANT_OFFSET = 100_000_000_000_000L;

    private ReplayOutputs() {}

    /** Each key part a Long (a number, an instant's epoch milliseconds) or a String. */
    private record Line(String text, Object[] key) {}

    public static void sort(Path dir) throws IOException {
        sort(dir.resolve(ReplayJob.OFFERS), "sendAt", "customerId", "ruleId", "channel", "offerId");
        sort(dir.resolve(ReplayJob.DECISIONS), "decidedAt", "customerId", "triggerTime", "ruleId", "channel", "outcome", "decisionId");
        sort(dir.resolve(ReplayJob.CONVERSIONS), "eventTime", "customerId", "ruleId", "conversionId");
        sort(dir.resolve(ReplayJob.DEAD_LETTERS), "source.file", "source.line#", "reason", "raw");
        sort(dir.resolve(ReplayJob.LATE_EVENTS), "source.file", "source.line#", "eventId");
    }

    /** Sorts by the given fields (dotted paths; a trailing # compares numerically; ISO instants compare as text). */
    static void sort(Path file, String... fields) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<Line> lines = new ArrayList<>();
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode node = JSON.readTree(text);
            Object[] key = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                String f = fields[i];
                boolean numeric = f.endsWith("#");
                JsonNode v = node;
                for (String part : (numeric ? f.substring(0, f.length() - 1) : f).split("\\.")) {
                    v = v == null ? null : v.get(part);
                }
                String s = v == null || v.isNull() ? "" : v.asText();
                key[i] = numeric ? (Object) (v == null ? 0L : v.asLong()) : instantKey(s);
            }
            lines.add(new Line(text, key));
        }
        lines.sort(Comparator.comparing(Line::key, ReplayOutputs::compareKeys));
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Line l : lines) {
                out.write(l.text());
                out.newLine();
            }
        }
    }

    /** ISO instants without fractions ("...:00Z") and with them ("...:00.5Z") sort correctly as epoch milliseconds. */
    private static Object instantKey(String s) {
        if (s.length() >= 20 && s.endsWith("Z") && s.charAt(10) == 'T') {
            try {
                return java.time.Instant.parse(s).toEpochMilli() + INSTANT_OFFSET;
            } catch (RuntimeException e) {
                return s;
            }
        }
        return s;
    }

    /** Numbers compare as numbers; a number beside a text (a missing field) as its zero-padded digits, the order of old. */
    private static int compareKeys(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = a[i] instanceof Long x && b[i] instanceof Long y ? Long.compare(x, y) : text(a[i]).compareTo(text(b[i]));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String text(Object key) {
        return key instanceof Long n ? String.format("%020d", n) : (String) key;
    }
}

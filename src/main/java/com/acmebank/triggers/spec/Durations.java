package com.acmebank.triggers.spec;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as marketers write them: 30d, 12h, 90m, 45s, or ISO-8601 (P30D, PT12H). */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(d|h|m|s|ms)");

    private Durations() {}

    /** Milliseconds, or throws IllegalArgumentException naming the accepted forms. */
    public static long parse(String text) {
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "d" -> Duration.ofDays(n).toMillis();
                case "h" -> Duration.ofHours(n).toMillis();
                case "m" -> Duration.ofMinutes(n).toMillis();
                case "s" -> Duration.ofSeconds(n).toMillis();
                default -> n;
            };
        }
        try {
            return Duration.parse(t).toMillis();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected a duration like 30d, 12h, 15m, 30s or P30D, got \"" + text + "\"");
        }
    }

    /** Reads a duration field; reports a problem and returns -1 when it is missing or malformed. */
    public static long read(SpecNode node, boolean required) {
        String text = node.isMissing() ? null : node.scalarText();
        if (text == null) {
            if (required && node.isMissing()) {
                node.problem("missing required field");
            }
            return -1;
        }
        try {
            long millis = parse(text);
            if (millis <= 0) {
                node.problem("must be longer than zero");
                return -1;
            }
            return millis;
        } catch (IllegalArgumentException e) {
            node.problem(e.getMessage());
            return -1;
        }
    }

    public static String format(long millis) {
        Duration d = Duration.ofMillis(millis);
        if (d.toDays() * 86_400_000L == millis) {
            return d.toDays() + "d";
        }
        if (d.toHours() * 3_600_000L == millis) {
            return d.toHours() + "h";
        }
        if (d.toMinutes() * 60_000L == millis) {
            return d.toMinutes() + "m";
        }
        return d.toSeconds() + "s";
    }
}

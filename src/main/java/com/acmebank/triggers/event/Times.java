package com.acmebank.triggers.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The instant formats of the contracts: ISO-8601 with an offset or Z, or epoch milliseconds. */
public final class Times {
    private Times() {}

    /** Parses an ISO-8601 instant with offset or Z; throws DateTimeParseException otherwise. */
    public static long parseIsoInstant(String text) {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    }

    /** Parses either form; epoch milliseconds may come as a string of digits. */
    public static long parseInstant(String text) {
        return digitsOnly(text) ? Long.parseLong(text) : parseIsoInstant(text);
    }

    private static boolean digitsOnly(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public static String format(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}

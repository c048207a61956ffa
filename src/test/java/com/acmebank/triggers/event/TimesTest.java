package com.acmebank.triggers.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The direct reading of the common instant form gives exactly what the general formatter gives. */
class TimesTest {
    private static long formatter(String text) {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-03T14:05:09Z", "2026-11-03T14:05:09+08:00", "2026-11-03T14:05:09-05:30", "2026-11-03T14:05:09.5Z",
        "2026-11-03T14:05:09.12+08:00", "2026-11-03T14:05:09.123Z", "2026-11-03T14:05:09.123456789Z",
        "2026-11-03T14:05:09.999999+14:00", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z",
        "2024-02-29T23:59:59+18:00", "2000-02-29T00:00:00-18:00", "2026-12-31T23:59:59.9999Z", "2026-03-01T00:00:00+00:00",
        "2026-11-03T14:05:09-00:00", "2026-11-03T14:05:09+08:00:00", "2026-11-03T14:05+08:00", "2026-11-03T14:05:09.Z",
        "2026-11-03t14:05:09Z", "2026-11-03T14:05:09z"})
    void commonAndOtherFormsGiveTheFormattersInstant(String text) {
        assertEquals(formatter(text), Times.parseIsoInstant(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
        "2026-11-00T00:00:00Z", "2026-11-03T24:00:00Z", "2026-11-03T23:60:00Z", "2026-11-03T23:59:60Z",
        "2026-11-03T14:05:09.1234567890Z", "2026-11-03T14:05:09+19:00", "2026-11-03T14:05:09", "2026-11-03T14:05:09+0800",
        "2026-11-03 14:05:09Z", "2026-1l-03T14:05:09Z", "yesterday"})
    void impossibleOrOtherTextIsRefusedAsBefore(String text) {
        assertThrows(DateTimeParseException.class, () -> formatter(text), text);
        assertThrows(DateTimeParseException.class, () -> Times.parseIsoInstant(text), text);
    }

    @Test
    void agreesWithTheFormatterAcrossYearsMonthsDaysAndOffsets() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            int year = 1900 + random.nextInt(300);
            int month = 1 + random.nextInt(12);
            int day = 1 + random.nextInt(31);
            int offsetMinutes = random.nextInt(18 * 60 + 1) * (random.nextBoolean() ? 1 : -1);
            String fraction = switch (random.nextInt(4)) {
                case 0 -> "";
                case 1 -> "." + random.nextInt(10);
                case 2 -> String.format(".%03d", random.nextInt(1000));
                default -> String.format(".%06d", random.nextInt(1_000_000));
            };
            String offset = random.nextInt(5) == 0 ? "Z"
                    : String.format("%s%02d:%02d", offsetMinutes < 0 ? "-" : "+", Math.abs(offsetMinutes) / 60, Math.abs(offsetMinutes) % 60);
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", year, month, day, random.nextInt(24), random.nextInt(60),
                    random.nextInt(60), fraction, offset);
            long expected;
            try {
                expected = formatter(text);
            } catch (DateTimeParseException impossible) {
                assertThrows(DateTimeParseException.class, () -> Times.parseIsoInstant(text), text);
                continue;
            }
            assertEquals(expected, Times.parseIsoInstant(text), text);
        }
    }
}

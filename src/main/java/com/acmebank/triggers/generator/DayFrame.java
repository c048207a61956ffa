package com.acmebank.triggers.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * One local calendar day in one time zone, placed on the timeline: turns "23:52 on that day" into an instant and
 * says which UTC offset to print. Days without a daylight-saving change take the fast arithmetic path.
 */
final class DayFrame {
    final LocalDate date;
    final ZoneId zone;
    final long start;
    final long end;
    private final int fixedOffset;
    private final boolean fixed;

    DayFrame(LocalDate date, ZoneId zone) {
        this.date = date;
        this.zone = zone;
        this.start = date.atStartOfDay(zone).toInstant().toEpochMilli();
        this.end = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        int startOffset = offset(zone, start);
        this.fixed = startOffset == offset(zone, end - 1) && end - start == 86_400_000L;
        this.fixedOffset = startOffset;
    }

    /** The instant of a wall-clock time of this day (second of day 0..86399). */
    long at(int secondOfDay) {
        if (fixed) {
            return start + secondOfDay * 1000L;
        }
        return LocalDateTime.of(date, LocalTime.ofSecondOfDay(secondOfDay)).atZone(zone).toInstant().toEpochMilli();
    }

    /** The UTC offset in seconds at an instant of this day. */
    int offsetAt(long millis) {
        return fixed ? fixedOffset : offset(zone, millis);
    }

    static int offset(ZoneId zone, long millis) {
        return zone.getRules().getOffset(Instant.ofEpochMilli(millis)).getTotalSeconds();
    }
}

package com.acmebank.triggers.window;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;

/**
 * Calendar periods in the customer's own time zone: the local day 2026-11-22 in Asia/Shanghai runs from
 * 2026-11-21T16:00Z to 2026-11-22T16:00Z. A period is identified by a number that is equal for two instants
 * exactly when they fall in the same local period.
 */
public enum CalendarPeriod {
    DAY,
    WEEK,
    MONTH,
    YEAR;

    public long key(long epochMillis, ZoneId zone) {
        LocalDate date = localDate(epochMillis, zone);
        return switch (this) {
            case DAY -> date.toEpochDay();
            case WEEK -> date.get(IsoFields.WEEK_BASED_YEAR) * 100L + date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case MONTH -> date.getYear() * 12L + date.getMonthValue() - 1;
            case YEAR -> date.getYear();
        };
    }

    /** The first instant of the period after the one containing the given instant. */
    public long nextStart(long epochMillis, ZoneId zone) {
        LocalDate date = localDate(epochMillis, zone);
        LocalDate next = switch (this) {
            case DAY -> date.plusDays(1);
            case WEEK -> date.with(java.time.DayOfWeek.MONDAY).plusWeeks(1);
            case MONTH -> date.withDayOfMonth(1).plusMonths(1);
            case YEAR -> date.withDayOfYear(1).plusYears(1);
        };
        return next.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** Readable name of the period containing the instant: 2026-11-22, 2026-W47, 2026-11, 2026. */
    public String label(long epochMillis, ZoneId zone) {
        LocalDate date = localDate(epochMillis, zone);
        return switch (this) {
            case DAY -> date.toString();
            case WEEK -> date.get(IsoFields.WEEK_BASED_YEAR) + "-W" + date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case MONTH -> date.toString().substring(0, 7);
            case YEAR -> String.valueOf(date.getYear());
        };
    }

    public static LocalDate localDate(long epochMillis, ZoneId zone) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
    }

    public static CalendarPeriod parse(String text) {
        for (CalendarPeriod p : values()) {
            if (p.name().equalsIgnoreCase(text)) {
                return p;
            }
        }
        return null;
    }
}

package com.acmebank.triggers.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CalendarPeriodTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void localMidnightNotUtcMidnightSeparatesDays() {
        // 23:59:59 and 00:00:00 Shanghai time are 15:59:59Z and 16:00:00Z the same UTC day
        long lateEvening = t("2026-11-22T15:59:59Z");
        long midnight = t("2026-11-22T16:00:00Z");
        assertThat(CalendarPeriod.DAY.key(lateEvening, SHANGHAI)).isNotEqualTo(CalendarPeriod.DAY.key(midnight, SHANGHAI));
        assertThat(CalendarPeriod.DAY.label(lateEvening, SHANGHAI)).isEqualTo("2026-11-22");
        assertThat(CalendarPeriod.DAY.label(midnight, SHANGHAI)).isEqualTo("2026-11-23");
        // while UTC midnight is within one Shanghai day
        assertThat(CalendarPeriod.DAY.key(t("2026-11-22T23:59:59Z"), SHANGHAI)).isEqualTo(CalendarPeriod.DAY.key(t("2026-11-23T00:00:00Z"), SHANGHAI));
    }

    @Test
    void monthEndsInTheCustomersZone() {
        long lastSecondOfNovember = t("2026-11-30T15:59:59Z");
        long firstOfDecember = t("2026-11-30T16:00:00Z");
        assertThat(CalendarPeriod.MONTH.label(lastSecondOfNovember, SHANGHAI)).isEqualTo("2026-11");
        assertThat(CalendarPeriod.MONTH.label(firstOfDecember, SHANGHAI)).isEqualTo("2026-12");
        assertThat(CalendarPeriod.MONTH.label(firstOfDecember, LONDON)).isEqualTo("2026-11");
    }

    @Test
    void februaryAndLeapYears() {
        assertThat(CalendarPeriod.MONTH.key(t("2028-02-29T10:00:00Z"), SHANGHAI)).isEqualTo(CalendarPeriod.MONTH.key(t("2028-02-01T00:00:00Z"), SHANGHAI));
        assertThat(CalendarPeriod.MONTH.nextStart(t("2028-02-29T10:00:00Z"), SHANGHAI)).isEqualTo(t("2028-02-29T16:00:00Z"));
    }

    @Test
    void nextStartOfDayIsLocalMidnight() {
        assertThat(CalendarPeriod.DAY.nextStart(t("2026-11-22T15:59:59Z"), SHANGHAI)).isEqualTo(t("2026-11-22T16:00:00Z"));
        assertThat(CalendarPeriod.YEAR.nextStart(t("2026-12-31T15:59:59Z"), SHANGHAI)).isEqualTo(t("2026-12-31T16:00:00Z"));
    }

    @Test
    void daylightSavingDaysStillSeparateAtLocalMidnight() {
        // London leaves summer time on 25 October 2026: that local day lasts 25 hours
        long start = t("2026-10-24T23:00:00Z");
        long end = t("2026-10-26T00:00:00Z");
        assertThat(CalendarPeriod.DAY.nextStart(start, LONDON)).isEqualTo(end);
        assertThat(CalendarPeriod.DAY.label(end - 1, LONDON)).isEqualTo("2026-10-25");
    }
}

package com.acmebank.triggers.trigger;

import static com.acmebank.triggers.trigger.TriggerBench.DAY;
import static com.acmebank.triggers.trigger.TriggerBench.event;
import static com.acmebank.triggers.trigger.TriggerBench.payment;
import static com.acmebank.triggers.trigger.TriggerBench.t;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** A value against the customer's own reference: the previous value, or the average of a window before it. */
class ChangeTriggerTest {
    private final long t0 = t("2026-09-25T10:00:00+08:00");

    @Test
    void aSalaryThirtyPercentOrMoreBelowThePreviousOne() {
        TriggerBench lower = TriggerBench.rule("""
                change:
                  of: {type: SALARY_CREDIT}
                  comparedTo: previous
                  percent: {lte: -30}
                """);
        assertThat(lower.on(event("SALARY_CREDIT", "s1", t0).amount("10000"))).as("no previous salary").isNull();
        assertThat(lower.on(event("SALARY_CREDIT", "s2", t0 + 30 * DAY).amount("7000.01"))).as("-29.9999%").isNull();
        // compared with the previous one (7000.01), not the first: 4900.007 would be exactly -30%
        assertThat(lower.on(event("SALARY_CREDIT", "s3", t0 + 60 * DAY).amount("4900.0070"))).isNotNull();
        Firing f = lower.on(event("SALARY_CREDIT", "s4", t0 + 90 * DAY).amount("1000"));
        assertThat(f).isNotNull();
        assertThat(f.details()).containsEntry("amount", new BigDecimal("1000.00")).containsEntry("previous", new BigDecimal("4900.007"))
                .containsEntry("changePercent", new BigDecimal("-79.59"));
    }

    @Test
    void aPaymentFiveTimesTheCustomersOwnNinetyDayAverage() {
        TriggerBench spike = TriggerBench.rule("""
                change:
                  of: {type: CARD_PAYMENT}
                  comparedTo: {average: 90d}
                  percent: {gte: 400}
                """);
        assertThat(spike.on(payment("p1", t0, "100"))).isNull();
        assertThat(spike.on(payment("p2", t0 + DAY, "300"))).isNull();
        // average 200: 999.99 is below 5x, 1000 is exactly 5x
        assertThat(spike.on(payment("p3", t0 + 2 * DAY, "999.99"))).isNull();
        // the window now also holds 999.99: average (100 + 300 + 999.99) / 3 = 466.663.., 5x = 2333.3166..
        assertThat(spike.on(payment("p4", t0 + 3 * DAY, "2333.31"))).isNull();
        assertThat(spike.on(payment("p5", t0 + 3 * DAY + 1, "4666.625")).details()).containsEntry("changePercent", new BigDecimal("400.00"));
    }

    @Test
    void aDifferenceInMoney() {
        TriggerBench raise = TriggerBench.rule("""
                change:
                  of: {type: SALARY_CREDIT}
                  comparedTo: previous
                  difference: {gte: 1000}
                """);
        raise.on(event("SALARY_CREDIT", "s1", t0).amount("8000"));
        assertThat(raise.on(event("SALARY_CREDIT", "s2", t0 + 30 * DAY).amount("8999.99"))).isNull();
        assertThat(raise.on(event("SALARY_CREDIT", "s3", t0 + 60 * DAY).amount("9999.99"))).isNotNull();
    }
}

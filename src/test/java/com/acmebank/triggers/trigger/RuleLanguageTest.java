package com.acmebank.triggers.trigger;

import static com.acmebank.triggers.trigger.TriggerBench.DAY;
import static com.acmebank.triggers.trigger.TriggerBench.SECOND;
import static com.acmebank.triggers.trigger.TriggerBench.event;
import static com.acmebank.triggers.trigger.TriggerBench.payment;
import static com.acmebank.triggers.trigger.TriggerBench.t;
import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.testing.ProfileJson;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The primitives beyond the shipped catalog: sequences of N steps with a step that must not happen in between,
 * average and distinct-count measures, conditions on the customer's local time, profile attributes and age,
 * case-insensitive equality. Shanghai local times unless a profile says otherwise.
 */
class RuleLanguageTest {
    private static final long H = 3_600_000L;

    @Nested
    class ThreeStepSequence {
        private final TriggerBench onboarding = TriggerBench.rule("""
                sequence:
                  steps:
                    - {type: ACCOUNT_OPENED}
                    - {type: SALARY_CREDIT}
                    - {type: CARD_PAYMENT}
                  within: 14d
                  without: {type: TRANSFER_OUT}
                """);
        private final long t0 = t("2026-11-02T10:00:00+08:00");

        @Test
        void firesOnTheThirdStepWithAllThreeEvents() {
            assertThat(onboarding.on(event("ACCOUNT_OPENED", "o1", t0))).isNull();
            // a payment before the salary is not the third step
            assertThat(onboarding.on(payment("p0", t0 + DAY, "10"))).isNull();
            assertThat(onboarding.on(event("SALARY_CREDIT", "s1", t0 + 2 * DAY).amount("8000"))).isNull();
            Firing f = onboarding.on(payment("p1", t0 + 14 * DAY, "10"));
            assertThat(f).isNotNull();
            assertThat(f.triggerEventIds()).containsExactly("o1", "s1", "p1");
            assertThat(f.details()).containsEntry("sequenceStart", "2026-11-02T02:00:00Z");
        }

        @Test
        void aLastStepOneSecondPastTheWindowEndsItWithoutFiring() {
            onboarding.on(event("ACCOUNT_OPENED", "o1", t0));
            onboarding.on(event("SALARY_CREDIT", "s1", t0 + DAY).amount("8000"));
            assertThat(onboarding.on(payment("p1", t0 + 14 * DAY + SECOND, "10"))).isNull();
            assertThat(onboarding.state().anchorTime).isEqualTo(TriggerState.NONE);
        }

        @Test
        void aStepThatMustNotHappenInBetweenEndsTheSequence() {
            onboarding.on(event("ACCOUNT_OPENED", "o1", t0));
            onboarding.on(event("SALARY_CREDIT", "s1", t0 + DAY).amount("8000"));
            onboarding.on(event("TRANSFER_OUT", "x1", t0 + 2 * DAY).amount("8000"));
            assertThat(onboarding.on(payment("p1", t0 + 3 * DAY, "10"))).isNull();
        }

        @Test
        void aNewFirstStepStartsOver() {
            onboarding.on(event("ACCOUNT_OPENED", "o1", t0));
            onboarding.on(event("ACCOUNT_OPENED", "o2", t0 + 10 * DAY));
            onboarding.on(event("SALARY_CREDIT", "s1", t0 + 11 * DAY).amount("8000"));
            // 20 days after o1, 10 after o2: the sequence counts from o2
            Firing f = onboarding.on(payment("p1", t0 + 20 * DAY, "10"));
            assertThat(f).isNotNull();
            assertThat(f.triggerEventIds()).containsExactly("o2", "s1", "p1");
        }
    }

    @Nested
    class Measures {
        @Test
        void anAverageIsComparedExactlyNotRounded() {
            TriggerBench avg = TriggerBench.rule("""
                    aggregate:
                      of: {type: CARD_PAYMENT}
                      window: {sliding: 7d}
                      having: {count: {gte: 3}, avg: {gte: 100.01}}
                    """);
            long t0 = t("2026-11-02T10:00:00+08:00");
            assertThat(avg.on(payment("p1", t0, "100.00"))).isNull();
            assertThat(avg.on(payment("p2", t0 + H, "100.01"))).isNull();
            // 300.02 / 3 = 100.0066..: below 100.01
            assertThat(avg.on(payment("p3", t0 + 2 * H, "100.01"))).isNull();
            // 400.05 / 4 = 100.0125: reached
            Firing f = avg.on(payment("p4", t0 + 3 * H, "100.03"));
            assertThat(f).isNotNull();
            assertThat(f.details()).containsEntry("count", 4L).containsKey("avg");
        }

        @Test
        void aDistinctCountCountsDifferentValuesInTheWindow() {
            TriggerBench merchants = TriggerBench.rule("""
                    aggregate:
                      of: {type: CARD_PAYMENT}
                      distinct: merchantId
                      window: {sliding: 7d}
                      having: {distinctCount: {gte: 3}}
                    """);
            long t0 = t("2026-11-02T10:00:00+08:00");
            assertThat(merchants.on(payment("p1", t0, "10").with("merchantId", "M1"))).isNull();
            assertThat(merchants.on(payment("p2", t0 + DAY, "10").with("merchantId", "M2"))).isNull();
            assertThat(merchants.on(payment("p3", t0 + 2 * DAY, "10").with("merchantId", "M2"))).isNull();
            // M1 left the window (7 days and a second after it): still two
            assertThat(merchants.on(payment("p4", t0 + 7 * DAY + SECOND, "10").with("merchantId", "M3"))).isNull();
            Firing f = merchants.on(payment("p5", t0 + 8 * DAY, "10").with("merchantId", "M4"));
            assertThat(f).isNotNull();
            assertThat(f.details()).containsEntry("distinctCount", 3L);
        }

        @Test
        void aRatioIsTheShareOfCountedEventsThatMatchRatioOf() {
            TriggerBench online = TriggerBench.rule("""
                    aggregate:
                      of: {type: CARD_PAYMENT}
                      ratioOf: [{field: channel, eq: ONLINE}]
                      window: {sliding: 30d}
                      having: {count: {gte: 5}, ratio: {gte: 0.8}}
                    """);
            long t0 = t("2026-11-02T10:00:00+08:00");
            assertThat(online.on(payment("p1", t0, "10").with("channel", "ONLINE"))).isNull();
            assertThat(online.on(payment("p2", t0 + H, "10").with("channel", "POS"))).isNull();
            assertThat(online.on(payment("p3", t0 + 2 * H, "10").with("channel", "ONLINE"))).isNull();
            assertThat(online.on(payment("p4", t0 + 3 * H, "10").with("channel", "ONLINE"))).isNull();
            // 4 of 5: exactly 0.8
            Firing f = online.on(payment("p5", t0 + 4 * H, "10").with("channel", "ONLINE"));
            assertThat(f).isNotNull();
            assertThat(f.details()).containsEntry("ratio", new java.math.BigDecimal("0.8000"));
        }

        @Test
        void aDistinctCountOverACalendarMonthStartsAgainEachMonth() {
            TriggerBench merchants = TriggerBench.rule("""
                    aggregate:
                      of: {type: CARD_PAYMENT}
                      distinct: merchantId
                      window: {calendar: month}
                      having: {distinctCount: {gte: 2}}
                    """);
            assertThat(merchants.on(payment("p1", t("2026-10-31T23:59:59+08:00"), "10").with("merchantId", "M1"))).isNull();
            assertThat(merchants.on(payment("p2", t("2026-11-01T00:00:00+08:00"), "10").with("merchantId", "M2"))).isNull();
            assertThat(merchants.on(payment("p3", t("2026-11-01T00:00:01+08:00"), "10").with("merchantId", "M1"))).isNotNull();
        }
    }

    @Nested
    class LocalTimeAndProfile {
        @Test
        void weekendDaytimePaymentsInTheCustomersOwnZone() {
            TriggerBench weekend = TriggerBench.rule("""
                    event:
                      type: CARD_PAYMENT
                      where:
                        - {field: localDayOfWeek, in: [SATURDAY, SUNDAY]}
                        - {field: localTime, gte: "09:30"}
                        - {field: localTime, lt: "18:00"}
                    """);
            // Saturday 2026-11-07 in Shanghai
            assertThat(weekend.on(payment("p1", t("2026-11-07T09:29:59+08:00"), "10"))).isNull();
            assertThat(weekend.on(payment("p2", t("2026-11-07T09:30:00+08:00"), "10"))).isNotNull();
            assertThat(weekend.on(payment("p3", t("2026-11-07T18:00:00+08:00"), "10"))).isNull();
            assertThat(weekend.on(payment("p4", t("2026-11-06T10:00:00+08:00"), "10"))).isNull();
            // Saturday 10:00 in New York is Saturday 23:00 in Shanghai: the customer's zone decides
            weekend.profile(ProfileJson.of("C1").with("timezone", "America/New_York").profile());
            assertThat(weekend.on(payment("p5", t("2026-11-07T10:00:00-05:00"), "10"))).isNotNull();
        }

        @Test
        void dayOfMonthAndAHolidayCalendarAsAReferenceList() {
            TriggerBench payday = TriggerBench.rule("""
                    event:
                      type: CARD_PAYMENT
                      where: [{field: localDayOfMonth, gte: 25}, {field: localHour, lt: 12}]
                    """);
            assertThat(payday.on(payment("p1", t("2026-11-24T11:00:00+08:00"), "10"))).isNull();
            assertThat(payday.on(payment("p2", t("2026-11-25T11:59:59+08:00"), "10"))).isNotNull();
            assertThat(payday.on(payment("p3", t("2026-11-25T12:00:00+08:00"), "10"))).isNull();

            TriggerBench holiday = TriggerBench.rule("""
                    event:
                      type: CARD_PAYMENT
                      where: [{field: localDate, inList: public-holidays}]
                    """);
            // the shipped public-holidays list has 2026-10-01 (National Day)
            assertThat(holiday.on(payment("p4", t("2026-09-30T16:00:00Z"), "10"))).isNotNull();
            assertThat(holiday.on(payment("p5", t("2026-09-30T15:59:59Z"), "10"))).isNull();
        }

        @Test
        void profileAttributesAgeAndCaseInsensitiveEquality() {
            TriggerBench young = TriggerBench.rule("""
                    event:
                      type: CARD_PAYMENT
                      where:
                        - {field: profile.age, lt: 30}
                        - {field: profile.attributes.employer, eqIgnoreCase: acme corp}
                    """);
            young.profile(ProfileJson.of("C1").with("birthDate", "1996-11-10").attribute("employer", "ACME Corp").profile());
            // the 30th birthday is 2026-11-10 local
            assertThat(young.on(payment("p1", t("2026-11-09T23:59:59+08:00"), "10"))).isNotNull();
            assertThat(young.on(payment("p2", t("2026-11-10T00:00:00+08:00"), "10"))).isNull();
            young.profile(ProfileJson.of("C1").with("birthDate", "2000-01-01").attribute("employer", "Other").profile());
            assertThat(young.on(payment("p3", t("2026-11-10T00:00:00+08:00"), "10"))).isNull();
        }
    }
}

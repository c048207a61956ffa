package com.acmebank.triggers.trigger;

import static com.acmebank.triggers.trigger.TriggerBench.DAY;
import static com.acmebank.triggers.trigger.TriggerBench.SECOND;
import static com.acmebank.triggers.trigger.TriggerBench.event;
import static com.acmebank.triggers.trigger.TriggerBench.payment;
import static com.acmebank.triggers.trigger.TriggerBench.t;
import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.testing.EventJson;
import com.acmebank.triggers.testing.ProfileJson;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The aggregate trigger over sliding windows (S10, S11, S12, S8's first alternative) and calendar periods (S6). */
class AggregateTriggerTest {
    private static final long H = 3_600_000L;

    private static EventJson credit(String id, long time, String amount) {
        return payment(id, time, amount).with("cardType", "CREDIT");
    }

    private static EventJson abroad(String id, long time, String amount) {
        return payment(id, time, amount).with("country", "GB");
    }

    private static EventJson settlement(String id, long time, String amount) {
        return event("MERCHANT_SETTLEMENT", id, time).amount(amount);
    }

    @Nested
    class CalendarMonth {
        private final TriggerBench s6 = TriggerBench.shipped("S6-monthly-spend-unlock");
        private final long oct10 = t("2026-10-10T10:00:00+08:00");

        @Test
        void firesOnTheCrossingPaymentOnly() {
            assertThat(s6.on(credit("a1", oct10, "3000.00"))).isNull();
            assertThat(s6.on(credit("a2", oct10 + H, "1999.99"))).isNull();
            Firing f = s6.on(credit("a3", oct10 + 2 * H, "0.01"));

            assertThat(f).isNotNull();
            assertThat(f.triggerEventIds()).containsExactly("a3");
            assertThat(f.triggerTime()).isEqualTo(oct10 + 2 * H);
            assertThat(f.details()).containsEntry("period", "month 2026-10").containsEntry("count", 3L)
                    .containsEntry("sum", new BigDecimal("5000.00")).doesNotContainKeys("max", "min");
            assertThat(s6.state().periodValue).as("exact minor units (4 decimals)").isEqualTo(50_000_000L);
        }

        @Test
        void oneMinorUnitShortOfTheThresholdDoesNotFire() {
            s6.on(credit("b1", oct10, "2500.00"));
            assertThat(s6.on(credit("b2", oct10 + H, "2499.99"))).isNull();
            assertThat(s6.state().periodCount).isEqualTo(2);
        }

        @Test
        void countsOnlyCreditCardPayments() {
            s6.on(credit("c1", oct10, "4000"));
            assertThat(s6.concerns(payment("c2", oct10 + H, "1500").with("cardType", "DEBIT"))).isFalse();
            assertThat(s6.on(payment("c2", oct10 + H, "1500").with("cardType", "DEBIT"))).isNull();
            assertThat(s6.on(payment("c3", oct10 + 2 * H, "1200"))).as("no cardType").isNull();
            assertThat(s6.state().periodValue).isEqualTo(40_000_000L);
        }

        @Test
        void whileHoldingACalendarPeriodFiresOnEveryPaymentOnceReachedThatMonth() {
            TriggerBench monthly = TriggerBench.rule("""
                    aggregate:
                      of: {type: CARD_PAYMENT}
                      window: {calendar: month}
                      having: {sum: {gte: 5000}}
                      fires: whileHolding
                    """);
            assertThat(monthly.on(payment("m1", oct10, "4000"))).isNull();
            assertThat(monthly.on(payment("m2", oct10 + H, "1000"))).isNotNull();
            assertThat(monthly.on(payment("m3", oct10 + 2 * H, "1"))).isNotNull();
            assertThat(monthly.on(payment("m4", t("2026-11-01T00:00:00+08:00"), "1"))).as("a new month starts from zero").isNull();
        }

        @Test
        void doesNotFireAgainWhileTheSumStaysAbove() {
            assertThat(s6.on(credit("e1", oct10, "6000"))).isNotNull();
            assertThat(s6.on(credit("e2", oct10 + H, "500"))).isNull();
            assertThat(s6.on(credit("e3", oct10 + 2 * H, "800"))).isNull();
            assertThat(s6.state().periodValue).isEqualTo(73_000_000L);
        }

        @Test
        void aPaymentAt2330LocalOnTheLastDayCountsInThatMonthInShanghai() {
            s6.on(credit("s1", oct10, "3000"));
            Firing f = s6.on(credit("s2", t("2026-10-31T23:30:00+08:00"), "2000"));

            assertThat(f).isNotNull();
            assertThat(f.details()).containsEntry("period", "month 2026-10");
        }

        @Test
        void aPaymentAt0030LocalOnTheFirstStartsTheNewMonthInShanghaiThoughItIsStillTheOldMonthInUtc() {
            s6.on(credit("s1", oct10, "3000"));
            s6.on(credit("s2", t("2026-10-31T23:30:00+08:00"), "1999.99"));
            long firstOfNovember = t("2026-11-01T00:30:00+08:00");
            assertThat(TriggerBench.iso(firstOfNovember)).startsWith("2026-10-31T16:30");

            assertThat(s6.on(credit("s3", firstOfNovember, "0.01"))).isNull();
            assertThat(s6.state().periodCount).isEqualTo(1);
            assertThat(s6.state().periodValue).isEqualTo(100L);
        }

        @Test
        void monthsAreTheCustomersOwnInNewYork() {
            TriggerBench ny = TriggerBench.shipped("S6-monthly-spend-unlock")
                    .profile(ProfileJson.of("C1").with("timezone", "America/New_York").profile());
            TriggerBench sh = TriggerBench.shipped("S6-monthly-spend-unlock");
            long nov10 = t("2026-11-10T10:00:00-05:00");
            // 23:30 EST on 30 November is 04:30Z and 12:30 Shanghai on 1 December
            long lateNov30 = t("2026-11-30T23:30:00-05:00");
            for (TriggerBench b : new TriggerBench[] {ny, sh}) {
                b.on(credit("n1", nov10, "3000"));
            }

            Firing inNewYork = ny.on(credit("n2", lateNov30, "2000"));
            Firing inShanghai = sh.on(credit("n2", lateNov30, "2000"));

            assertThat(inNewYork).isNotNull();
            assertThat(inNewYork.details()).containsEntry("period", "month 2026-11");
            assertThat(inShanghai).as("already December in Shanghai").isNull();
        }

        @Test
        void theStateIsKeptToTheLastInstantOfTheLocalMonthThenForgotten() {
            s6.on(credit("r1", oct10, "100"));
            long novemberStartsInShanghai = t("2026-11-01T00:00:00+08:00");

            assertThat(s6.housekeep(novemberStartsInShanghai - 1)).isTrue();
            assertThat(s6.housekeep(novemberStartsInShanghai)).isFalse();
            assertThat(s6.state()).isNull();
            assertThat(s6.trigger.ages()).isTrue();
        }

        @Test
        void aNewMonthStartsFromZero() {
            s6.on(credit("m1", oct10, "4999.99"));
            assertThat(s6.on(credit("m2", t("2026-11-01T00:00:00+08:00"), "4999.99"))).isNull();
            Firing f = s6.on(credit("m3", t("2026-11-20T10:00:00+08:00"), "0.01"));
            assertThat(f).isNotNull();
            assertThat(f.details()).containsEntry("period", "month 2026-11").containsEntry("count", 2L);
        }
    }

    @Nested
    class OtherCalendarPeriodsAndMeasures {
        @Test
        void anIsoWeekEndsAtSundayMidnightLocal() {
            TriggerBench weekly = TriggerBench.rule("""
                    aggregate:
                      of: {type: APP_LOGIN}
                      window: {calendar: week}
                      having: {count: {gte: 2}}
                    """);
            // 2026-11-22 is a Sunday
            weekly.on(event("APP_LOGIN", "w1", t("2026-11-22T23:59:59+08:00")));
            assertThat(weekly.on(event("APP_LOGIN", "w2", t("2026-11-23T00:00:00+08:00")))).isNull();
            Firing f = weekly.on(event("APP_LOGIN", "w3", t("2026-11-29T23:59:59+08:00")));
            assertThat(f).isNotNull();
            assertThat(f.details()).containsEntry("period", "week 2026-W48").containsEntry("count", 2L);
        }

        @Test
        void countGtIsStrict() {
            TriggerBench daily = TriggerBench.rule("""
                    aggregate:
                      of: {type: APP_LOGIN}
                      window: {calendar: day}
                      having: {count: {gt: 2}}
                    """);
            long day = t("2026-11-02T09:00:00+08:00");
            daily.on(event("APP_LOGIN", "g1", day));
            assertThat(daily.on(event("APP_LOGIN", "g2", day + H))).isNull();
            assertThat(daily.on(event("APP_LOGIN", "g3", day + 2 * H))).isNotNull();
        }

        @Test
        void aMaxBoundFiresOnTheFirstLargeEnoughValueAndReportsTheExtremes() {
            TriggerBench big = TriggerBench.rule("""
                    aggregate:
                      of: {type: CARD_PAYMENT}
                      window: {calendar: year}
                      having: {max: {gte: 1000}}
                    """);
            long d = t("2026-03-01T10:00:00+08:00");
            assertThat(big.on(payment("x1", d, "999.99"))).isNull();
            Firing f = big.on(payment("x2", d + H, "1000.00"));
            assertThat(f).isNotNull();
            assertThat(f.details()).containsEntry("period", "year 2026").containsEntry("max", new BigDecimal("1000.00"))
                    .containsEntry("min", new BigDecimal("999.99")).containsEntry("sum", new BigDecimal("1999.99"));
            assertThat(big.on(payment("x3", d + 2 * H, "5000"))).as("max already held").isNull();
        }

        @Test
        void aMinBoundFiresWhenTheSmallestValueFallsToIt() {
            TriggerBench small = TriggerBench.rule("""
                    aggregate:
                      of: {type: CARD_PAYMENT}
                      window: {sliding: 1d}
                      having: {min: {lte: 1.00}, count: {gte: 2}}
                    """);
            long d = t("2026-03-01T10:00:00+08:00");
            assertThat(small.on(payment("y1", d, "0.50"))).as("count 1").isNull();
            Firing f = small.on(payment("y2", d + H, "20.00"));
            assertThat(f).isNotNull();
            assertThat(f.details()).containsEntry("window", "1d").containsEntry("min", new BigDecimal("0.50"))
                    .containsEntry("max", new BigDecimal("20.00"));
        }

        @Test
        void aMinBoundWithLteIncludesTheLimit() {
            TriggerBench small = TriggerBench.rule("""
                    aggregate:
                      of: {type: CARD_PAYMENT}
                      window: {calendar: month}
                      having: {min: {lte: 1.00}}
                    """);
            long d = t("2026-03-01T10:00:00+08:00");
            assertThat(small.on(payment("u1", d, "1.01"))).isNull();
            assertThat(small.on(payment("u2", d + H, "1.00"))).isNotNull();
        }

        @Test
        void anEmptyWindowHasNoExtremesSoAMinFloorFiresOnTheFirstEvent() {
            TriggerBench floor = TriggerBench.rule("""
                    aggregate:
                      of: {type: CARD_PAYMENT}
                      window: {sliding: 1d}
                      having: {min: {gte: 100}}
                    """);
            long d = t("2026-03-01T10:00:00+08:00");
            assertThat(floor.on(payment("v1", d, "150"))).isNotNull();
            assertThat(floor.on(payment("v2", d + H, "120"))).as("held just before").isNull();
            // both have left: the empty window did not hold, so the next one fires again
            assertThat(floor.on(payment("v3", d + 2 * DAY, "130"))).isNotNull();
        }

        @Test
        void anExtremeLeavesTheSlidingWindowWithItsEvent() {
            TriggerBench big = TriggerBench.rule("""
                    aggregate:
                      of: {type: CARD_PAYMENT}
                      window: {sliding: 1d}
                      having: {max: {gte: 1000}}
                    """);
            long d = t("2026-03-01T10:00:00+08:00");
            assertThat(big.on(payment("z1", d, "1500"))).isNotNull();
            assertThat(big.on(payment("z2", d + DAY, "1200"))).as("1500 still in the inclusive window").isNull();
            assertThat(big.on(payment("z3", d + 2 * DAY + SECOND, "1100")))
                    .as("1500 and 1200 have left: the max held not just before").isNotNull();
        }
    }

    @Nested
    class SlidingWindow {
        private final long d0 = t("2026-10-03T10:00:00+08:00");

        @Test
        void aWindowEntryExactlyAtTheBoundaryStillCounts() {
            TriggerBench s10 = TriggerBench.shipped("S10-cross-border-hnw");
            s10.on(abroad("a1", d0, "8000"));
            s10.on(abroad("a2", d0 + 10 * DAY, "7000"));
            Firing f = s10.on(abroad("a3", d0 + 30 * DAY, "5000"));

            assertThat(f).isNotNull();
            assertThat(f.triggerEventIds()).containsExactly("a3");
            assertThat(f.details()).containsEntry("window", "30d").containsEntry("count", 3L)
                    .containsEntry("sum", new BigDecimal("20000.00"));
        }

        @Test
        void anEntryOneSecondPastTheBoundaryHasLeft() {
            TriggerBench s10 = TriggerBench.shipped("S10-cross-border-hnw");
            s10.on(abroad("b1", d0, "8000"));
            s10.on(abroad("b2", d0 + 10 * DAY, "7000"));
            assertThat(s10.on(abroad("b3", d0 + 30 * DAY + SECOND, "5000"))).isNull();
            assertThat(s10.state().window.totalCount).isEqualTo(2);
        }

        @Test
        void allBoundsMustHold() {
            TriggerBench s10 = TriggerBench.shipped("S10-cross-border-hnw");
            s10.on(abroad("c1", d0, "15000"));
            assertThat(s10.on(abroad("c2", d0 + DAY, "10000"))).as("sum 25,000 but count 2").isNull();
            TriggerBench s10d = TriggerBench.shipped("S10-cross-border-hnw");
            s10d.on(abroad("d1", d0, "10000"));
            s10d.on(abroad("d2", d0 + DAY, "9999.98"));
            assertThat(s10d.on(abroad("d3", d0 + 2 * DAY, "0.01"))).as("count 3 but sum 19,999.99").isNull();
            assertThat(s10d.on(abroad("d4", d0 + 3 * DAY, "0.01"))).as("now exactly 20,000.00").isNotNull();
        }

        @Test
        void domesticPaymentsAndPaymentsWithoutCountryDoNotCount() {
            TriggerBench s10 = TriggerBench.shipped("S10-cross-border-hnw");
            s10.on(abroad("e1", d0, "10000"));
            s10.on(abroad("e2", d0 + DAY, "10000"));
            assertThat(s10.on(payment("e3", d0 + 2 * DAY, "10000").with("country", "CN"))).isNull();
            assertThat(s10.on(payment("e4", d0 + 3 * DAY, "10000"))).isNull();
            assertThat(s10.state().window.totalCount).isEqualTo(2);
        }

        @Test
        void bothCountAndSumOfFivePaymentsWithinSevenDays() {
            TriggerBench s12 = TriggerBench.shipped("S12-active-spender-instalment");
            for (int i = 0; i < 4; i++) {
                assertThat(s12.on(payment("a" + i, d0 + i * DAY, "600.00"))).isNull();
            }
            Firing f = s12.on(payment("a4", d0 + 7 * DAY, "600.00"));
            assertThat(f).isNotNull();
            assertThat(f.details()).containsEntry("count", 5L).containsEntry("sum", new BigDecimal("3000.00"));
            // S12 fires while holding: every payment after which both bounds hold fires (the repeat limit spaces offers)
            Firing same = s12.on(payment("a5", d0 + 7 * DAY, "700.00"));
            assertThat(same).as("still holding, at the same instant").isNotNull();
            assertThat(same.triggerEventIds()).containsExactly("a5");
            assertThat(same.details()).containsEntry("count", 6L).containsEntry("sum", new BigDecimal("3700.00"));
            // an hour later a0 has left; a1..a6 still hold (5 payments, 3,200.00)
            assertThat(s12.on(payment("a6", d0 + 7 * DAY + H, "100.00"))).isNotNull();
            assertThat(s12.state().window.totalCount).isEqualTo(6);
            // two days later only a4..a6 are left (3 payments): no longer holding, nothing fires
            assertThat(s12.on(payment("a7", d0 + 9 * DAY + H, "100.00"))).isNull();
        }

        @Test
        void byDefaultFiresOnlyWhenTheBoundsStartToHold() {
            TriggerBench onCrossing = TriggerBench.rule("""
                    aggregate:
                      of: {type: CARD_PAYMENT}
                      window: {sliding: 7d}
                      having: {count: {gte: 5}, sum: {gte: 3000}}
                    """);
            for (int i = 0; i < 4; i++) {
                assertThat(onCrossing.on(payment("a" + i, d0 + i * DAY, "600.00"))).isNull();
            }
            assertThat(onCrossing.on(payment("a4", d0 + 7 * DAY, "600.00"))).isNotNull();
            assertThat(onCrossing.on(payment("a5", d0 + 7 * DAY, "700.00"))).as("still holding, at the same instant").isNull();
            // an hour later a0 has left, but a1..a5 (3,100.00) held just before: no new crossing
            assertThat(onCrossing.on(payment("a6", d0 + 7 * DAY + H, "100.00"))).isNull();
            assertThat(onCrossing.state().window.totalCount).isEqualTo(6);
        }

        @Test
        void fromCrossingToWhileHoldingKeepsTheWindowAndOnlyChangesWhenItFires() {
            String spec = """
                    aggregate:
                      of: {type: CARD_PAYMENT}
                      window: {sliding: 7d}
                      having: {count: {gte: 2}}
                    """;
            TriggerBench crossing = TriggerBench.rule(spec);
            TriggerBench holding = TriggerBench.rule(spec.replace("having:", "fires: whileHolding\n  having:"));
            assertThat(holding.rule.alternatives().get(0).fingerprint()).as("the same state, so an edit keeps every customer's window")
                    .isEqualTo(crossing.rule.alternatives().get(0).fingerprint());
            for (TriggerBench b : List.of(crossing, holding)) {
                b.on(payment("b1", d0, "10"));
                assertThat(b.on(payment("b2", d0 + H, "10"))).isNotNull();
            }
            assertThat(crossing.on(payment("b3", d0 + 2 * H, "10"))).isNull();
            assertThat(holding.on(payment("b3", d0 + 2 * H, "10"))).isNotNull();
        }

        @Test
        void theFirstOfFivePaymentsSevenDaysAndOneSecondBeforeHasLeft() {
            TriggerBench s12 = TriggerBench.shipped("S12-active-spender-instalment");
            s12.on(payment("e0", d0, "1000"));
            for (int i = 1; i < 4; i++) {
                s12.on(payment("e" + i, d0 + i * DAY, "1000"));
            }
            assertThat(s12.on(payment("e4", d0 + 7 * DAY + SECOND, "1000"))).isNull();
        }

        @Test
        void crossesAgainOnceWhatHadExpiredLeftTheWindow() {
            TriggerBench s11 = TriggerBench.shipped("S11-business-cashflow-loan");
            assertThat(s11.on(settlement("d1", d0, "200000"))).isNull();
            assertThat(s11.on(settlement("d2", d0 + 10 * DAY, "150000"))).isNotNull();
            // 91 days after d1 it has left; 150,000 was below the bound just before this one
            Firing again = s11.on(settlement("d3", d0 + 91 * DAY, "160000"));
            assertThat(again).isNotNull();
            assertThat(again.details()).containsEntry("sum", new BigDecimal("310000.00")).containsEntry("count", 2L);
        }

        @Test
        void exactlyThreeHundredThousandAtNinetyDaysInclusive() {
            TriggerBench s11 = TriggerBench.shipped("S11-business-cashflow-loan");
            s11.on(settlement("c1", d0, "150000"));
            s11.on(settlement("c2", d0 + DAY, "100000"));
            assertThat(s11.on(settlement("c3", d0 + 90 * DAY, "50000"))).isNotNull();

            TriggerBench late = TriggerBench.shipped("S11-business-cashflow-loan");
            late.on(settlement("b1", d0, "150000"));
            late.on(settlement("b2", d0 + DAY, "100000"));
            assertThat(late.on(settlement("b3", d0 + 90 * DAY + SECOND, "50000"))).isNull();
        }

        @Test
        void transfersToOtherBanksOnlyInTheChurnAlternative() {
            TriggerBench s8 = TriggerBench.shipped("S8-churn-warning", 0);
            assertThat(s8.on(event("TRANSFER_OUT", "o1", d0).amount("60000").with("counterpartyBank", "ACMEBANK"))).isNull();
            assertThat(s8.on(event("TRANSFER_OUT", "o2", d0).amount("60000"))).as("no counterpartyBank").isNull();
            s8.on(event("TRANSFER_OUT", "o3", d0).amount("60000").with("counterpartyBank", "OTHERBANK"));
            assertThat(s8.on(event("TRANSFER_OUT", "o4", d0 + 7 * DAY).amount("40000").with("counterpartyBank", "OTHERBANK")))
                    .isNotNull();
        }

        @Test
        void theStateIsForgottenOnceTheLastEntryHasLeftTheWindow() {
            TriggerBench s11 = TriggerBench.shipped("S11-business-cashflow-loan");
            s11.on(settlement("r1", d0, "1000"));
            s11.on(settlement("r2", d0 + DAY, "2000"));

            assertThat(s11.housekeep(d0 + 90 * DAY)).isTrue();
            assertThat(s11.state().window.totalCount).isEqualTo(2);
            assertThat(s11.housekeep(d0 + 90 * DAY + 1)).as("r1 evicted, r2 left").isTrue();
            assertThat(s11.state().window.totalCount).isEqualTo(1);
            assertThat(s11.state().window.totalValue).isEqualTo(20_000_000L);
            assertThat(s11.housekeep(d0 + 91 * DAY + 1)).isFalse();
            assertThat(s11.state()).isNull();
            assertThat(s11.trigger.ages()).isTrue();
        }
    }

    @Nested
    class Capacity {
        private final long d0 = t("2026-10-03T10:00:00+08:00");

        private TriggerBench manyPayments() {
            return TriggerBench.rule("""
                    aggregate:
                      of: {type: CARD_PAYMENT}
                      window: {sliding: 30d}
                      having: {count: {gte: 1000}, sum: {gte: 1000.00}}
                    """);
        }

        @Test
        void theDefaultCapacityIs256() {
            assertThat(new com.acmebank.triggers.config.EngineConfig().windowCapacity).isEqualTo(256);
        }

        @Test
        void pastTheCapacityTheStateStaysBoundedAndTotalsStayExact() {
            TriggerBench b = manyPayments();
            Firing fired = null;
            for (int i = 0; i < 1000; i++) {
                Firing f = b.on(payment("p" + i, d0 + i * 60 * SECOND, "1.00"));
                if (f != null) {
                    assertThat(fired).as("fires once").isNull();
                    fired = f;
                }
            }
            assertThat(fired).isNotNull();
            assertThat(fired.triggerEventIds()).containsExactly("p999");
            assertThat(fired.details()).containsEntry("count", 1000L).containsEntry("sum", new BigDecimal("1000.00"));
            com.acmebank.triggers.window.SlidingWindow w = b.state().window;
            assertThat(w.size).isEqualTo(256);
            assertThat(w.times.length).isLessThanOrEqualTo(257);
            assertThat(w.totalCount).isEqualTo(1000);
            assertThat(w.totalValue).isEqualTo(10_000_000L);
        }

        @Test
        void withinTheCapacityEveryEntryIsKeptExactly() {
            TriggerBench b = manyPayments();
            for (int i = 0; i < 256; i++) {
                b.on(payment("p" + i, d0 + i * 60 * SECOND, "1.00"));
            }
            assertThat(b.state().window.size).isEqualTo(256);
            assertThat(java.util.Arrays.copyOf(b.state().window.counts, 256)).containsOnly(1);
            assertThat(b.state().window.totalCount).isEqualTo(256);
        }

        private TriggerBench threeInTenDays(int capacity) {
            return TriggerBench.rule("""
                    aggregate:
                      of: {type: APP_LOGIN}
                      window: {sliding: 10d}
                      having: {count: {gte: 3}}
                    """).capacity(capacity);
        }

        private Firing feed(TriggerBench b) {
            b.on(event("APP_LOGIN", "l1", d0));
            b.on(event("APP_LOGIN", "l2", d0 + 5 * DAY));
            b.on(event("APP_LOGIN", "l3", d0 + 5 * DAY + H));
            b.on(event("APP_LOGIN", "l4", d0 + 8 * DAY));
            // the window from d0+5d+30m: exactly l3, l4 and this one
            return b.on(event("APP_LOGIN", "l5", d0 + 15 * DAY + H / 2));
        }

        @Test
        void withinTheCapacityTheCountIsExact() {
            TriggerBench b = threeInTenDays(256);
            Firing f = feed(b);
            assertThat(f).isNotNull();
            assertThat(f.details()).containsEntry("count", 3L);
        }

        @Test
        void pastTheCapacityAMergedEntryLeavesWithItsOlderMemberSoItErrsTowardNotFiring() {
            TriggerBench b = threeInTenDays(3);
            assertThat(feed(b)).isNull();
            // l2 and l3 (an hour apart, the closest pair) were merged at l2's time and left together
            assertThat(b.state().window.size).isLessThanOrEqualTo(3);
            assertThat(b.state().window.totalCount).isEqualTo(2);
        }
    }
}

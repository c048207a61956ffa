package com.acmebank.triggers.trigger;

import static com.acmebank.triggers.trigger.TriggerBench.DAY;
import static com.acmebank.triggers.trigger.TriggerBench.SECOND;
import static com.acmebank.triggers.trigger.TriggerBench.event;
import static com.acmebank.triggers.trigger.TriggerBench.payment;
import static com.acmebank.triggers.trigger.TriggerBench.t;
import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.event.Event;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The event trigger (S1, S5, S9, S13 welcome, S15), driven directly as the engine drives it. */
class EventTriggerTest {
    private static final long T0 = t("2026-04-01T10:00:00+08:00");

    @Nested
    class OnEachMatchingEvent {
        private final TriggerBench s1 = TriggerBench.shipped("S1-partner-spend");

        @Test
        void firesOnAPaymentOfExactlyTheThresholdAtAPartner() {
            Firing f = s1.on(payment("a1", T0, "200.00").with("merchantId", "M-PARTNER-001"));

            assertThat(f).isNotNull();
            assertThat(f.triggerTime()).isEqualTo(T0);
            assertThat(f.triggerEventIds()).containsExactly("a1");
            assertThat(f.triggerKey()).isEqualTo("a1");
            assertThat(f.event().eventId).isEqualTo("a1");
            assertThat(f.details()).isNull();
        }

        @Test
        void doesNotFireOneHundredthBelowTheThreshold() {
            assertThat(s1.on(payment("b1", T0, "199.99").with("merchantId", "M-PARTNER-001"))).isNull();
        }

        @Test
        void comparesAmountsAsExactDecimalsToTheLastMinorUnit() {
            assertThat(s1.on(payment("b2", T0, "199.9999").with("merchantId", "M-PARTNER-001"))).isNull();
            assertThat(s1.on(payment("b3", T0, "200.0000").with("merchantId", "M-PARTNER-001"))).isNotNull();
        }

        @Test
        void doesNotFireAtAMerchantNotOnTheReferenceList() {
            assertThat(s1.concerns(payment("c1", T0, "500.00").with("merchantId", "M-OTHER"))).isFalse();
            assertThat(s1.on(payment("c1", T0, "500.00").with("merchantId", "M-OTHER"))).isNull();
            assertThat(s1.on(payment("c2", T0, "500.00"))).as("no merchantId at all").isNull();
        }

        @Test
        void doesNotConcernOtherEventTypes() {
            assertThat(s1.trigger.eventTypes()).containsExactly("CARD_PAYMENT");
            assertThat(s1.concerns(event("TRANSFER_OUT", "x1", T0).amount("500.00").with("merchantId", "M-PARTNER-001"))).isFalse();
        }

        @Test
        void firesOnEveryMatchingEventAndKeepsNoState() {
            assertThat(s1.on(payment("d1", T0, "300.00").with("merchantId", "M-PARTNER-001"))).isNotNull();
            assertThat(s1.on(payment("d2", T0 + 60 * SECOND, "300.00").with("merchantId", "M-PARTNER-002"))).isNotNull();
            // the once-per-day limit is the rule's repeat limit, applied by the engine, not the trigger's
            assertThat(s1.state()).isNull();
            assertThat(((EventTrigger) s1.trigger).stateless()).isTrue();
            assertThat(s1.trigger.firesOnEvent()).isTrue();
            assertThat(s1.trigger.detailKeys()).isEmpty();
        }

        @Test
        void firesOnAMortgageDisbursementOnly() {
            TriggerBench s9 = TriggerBench.shipped("S9-mortgage-renovation");
            assertThat(s9.on(event("LOAN_DISBURSED", "m1", T0).amount("800000").with("loanType", "MORTGAGE"))).isNotNull();
            assertThat(s9.on(event("LOAN_DISBURSED", "m2", T0).amount("50000").with("loanType", "CONSUMER"))).isNull();
            assertThat(s9.trigger.guaranteedFields()).contains("loanType", "amount", "customerId");
        }

        @Test
        void firesOnAnAccountOpeningWithNoCondition() {
            TriggerBench s13 = TriggerBench.shipped("S13-new-customer-welcome");
            assertThat(s13.on(event("ACCOUNT_OPENED", "o1", T0))).extracting(Firing::triggerEventIds).isEqualTo(List.of("o1"));
            assertThat(s13.on(event("APP_LOGIN", "l1", T0))).isNull();
        }
    }

    @Nested
    class FannedOutMarketMoves {
        private final TriggerBench s15 = TriggerBench.shipped("S15-market-drop");

        private Event move(String id, String changePct, boolean delivered) {
            Event e = com.acmebank.triggers.testing.EventJson.of("MARKET_MOVE", id, null, "2026-04-01T02:00:00Z")
                    .with("productId", "FUND-1").decimal("changePct", changePct).event();
            return delivered ? e.copyFor(TriggerBench.CUSTOMER) : e;
        }

        @Test
        void firesOnADeliveredCopyAtExactlyMinusFivePercent() {
            Firing f = s15.on(move("mm1", "-5.00", true));
            assertThat(f).isNotNull();
            assertThat(f.triggerEventIds()).containsExactly("mm1");
        }

        @Test
        void doesNotFireOnAMoveOfMinus4Point99() {
            assertThat(s15.on(move("mm2", "-4.99", true))).isNull();
        }

        @Test
        void doesNotConcernTheOriginalMoveThatNamesNoCustomer() {
            assertThat(s15.on(move("mm3", "-9.00", false))).isNull();
        }
    }

    @Nested
    class IdleFor {
        private final TriggerBench s5 = TriggerBench.shipped("S5-reactivation");

        @Test
        void theVeryFirstTransactionDoesNotFireButIsRemembered() {
            assertThat(s5.on(payment("c1", T0, "10.00"))).isNull();

            assertThat(s5.state().anchorTime).isEqualTo(T0);
            assertThat(s5.state().anchorEventId).isEqualTo("c1");
            assertThat(s5.state().lastSeen).isEqualTo(T0);
        }

        @Test
        void firesOnATransactionExactly180DaysAfterThePreviousOne() {
            s5.on(payment("a1", T0, "10.00"));
            Firing f = s5.on(payment("a2", T0 + 180 * DAY, "10.00"));

            assertThat(f).isNotNull();
            assertThat(f.triggerTime()).isEqualTo(T0 + 180 * DAY);
            assertThat(f.triggerEventIds()).containsExactly("a2");
            assertThat(f.details()).containsEntry("previousEventTime", "2026-04-01T02:00:00Z").containsEntry("idleDays", 180L);
        }

        @Test
        void doesNotFireOneSecondShortOf180DaysAndRestartsTheClock() {
            s5.on(payment("b1", T0, "10.00"));
            assertThat(s5.on(payment("b2", T0 + 180 * DAY - SECOND, "10.00"))).isNull();
            assertThat(s5.state().anchorTime).isEqualTo(T0 + 180 * DAY - SECOND);
            // 180 days after the first, but only 1 s after the second
            assertThat(s5.on(payment("b3", T0 + 180 * DAY, "10.00"))).isNull();
        }

        @Test
        void firesOnTheReturnOnlyNotOnTheNextTransaction() {
            s5.on(event("PRODUCT_PURCHASE", "d1", T0).amount("1000"));
            Firing back = s5.on(event("TRANSFER_OUT", "d2", T0 + 201 * DAY).amount("50"));
            assertThat(back).isNotNull();
            assertThat(back.details()).containsEntry("idleDays", 201L);
            assertThat(s5.on(payment("d3", T0 + 201 * DAY + 600 * SECOND, "20.00"))).isNull();
        }

        @Test
        void eventsOfOtherTypesNeitherFireNorRestartTheClock() {
            s5.on(payment("f1", T0, "10.00"));
            assertThat(s5.on(event("TRANSFER_IN", "f2", T0 + 74 * DAY).amount("10"))).isNull();
            assertThat(s5.on(event("APP_LOGIN", "f3", T0 + 179 * DAY))).isNull();
            assertThat(s5.state().anchorTime).isEqualTo(T0);
            assertThat(s5.on(payment("f4", T0 + 180 * DAY, "10.00"))).isNotNull();
        }

        @Test
        void twoTransactionsAtTheSameInstantFireAtMostOnce() {
            s5.on(payment("h0", T0, "10.00"));
            assertThat(s5.on(payment("h1", T0 + 200 * DAY, "10.00"))).isNotNull();
            assertThat(s5.on(payment("h2", T0 + 200 * DAY, "10.00"))).isNull();
        }

        @Test
        void theLastTransactionIsRetainedForeverAndNeedsNoSweep() {
            assertThat(s5.housekeep(T0)).as("nothing yet").isFalse();
            s5.on(payment("r1", T0, "10.00"));

            assertThat(s5.housekeep(T0 + 3650 * DAY)).isTrue();
            assertThat(s5.state().anchorTime).isEqualTo(T0);
            assertThat(s5.trigger.ages()).isFalse();
            assertThat(s5.at(T0 + 3650 * DAY)).as("no deadline, no timer").isNull();
        }

        @Test
        void anIdleForRuleWrittenForTheTestIsInclusiveToo() {
            TriggerBench b = TriggerBench.rule("""
                    event:
                      type: APP_LOGIN
                      idleFor: 12h
                    """);
            b.on(event("APP_LOGIN", "l1", T0));
            assertThat(b.on(event("APP_LOGIN", "l2", T0 + DAY / 2 - 1))).isNull();
            assertThat(b.on(event("APP_LOGIN", "l3", T0 + DAY - 1))).isNotNull();
            assertThat(b.on(event("APP_LOGIN", "l4", T0 + DAY - 1 + DAY / 2))).isNotNull();
        }
    }
}

package com.acmebank.triggers.trigger;

import static com.acmebank.triggers.trigger.TriggerBench.DAY;
import static com.acmebank.triggers.trigger.TriggerBench.SECOND;
import static com.acmebank.triggers.trigger.TriggerBench.event;
import static com.acmebank.triggers.trigger.TriggerBench.payment;
import static com.acmebank.triggers.trigger.TriggerBench.t;
import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.testing.ProfileJson;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The absence trigger: since the last event (S4, 180 days) and after a start event (S13 nudge, 7 days). */
class AbsenceTriggerTest {
    private static final long T0 = t("2026-03-02T10:00:00+08:00");
    private static final long D180 = 180 * DAY;

    @Nested
    class SinceTheLastEvent {
        private final TriggerBench s4 = TriggerBench.shipped("S4-dormant-wakeup");

        @Test
        void aTransactionArmsADeadlineExactly180DaysLater() {
            assertThat(s4.on(payment("p1", T0, "10.00"))).as("fires on timers only").isNull();

            assertThat(s4.state().deadline).isEqualTo(T0 + D180);
            assertThat(s4.state().anchorTime).isEqualTo(T0);
            assertThat(s4.state().anchorEventId).isEqualTo("p1");
            assertThat(s4.trigger.firesOnEvent()).isFalse();
        }

        @Test
        void firesWhenTheDeadlineComesWithTheLastTransaction() {
            s4.on(payment("p1", T0, "10.00"));

            assertThat(s4.at(T0 + D180 - 1)).isNull();
            Firing f = s4.at(T0 + D180);

            assertThat(f).isNotNull();
            assertThat(f.triggerTime()).isEqualTo(T0 + D180);
            assertThat(f.triggerEventIds()).containsExactly("p1");
            assertThat(f.triggerKey()).isEqualTo("absence@" + (T0 + D180));
            assertThat(f.event()).isNull();
            assertThat(f.details()).containsEntry("since", "2026-03-02T02:00:00Z").containsEntry("quietFor", "180d");
        }

        @Test
        void afterFiringTheStateIsForgottenAndItNeverFiresAgainWithoutANewTransaction() {
            s4.on(payment("p1", T0, "10.00"));
            s4.at(T0 + D180);

            assertThat(s4.state()).as("retain said no").isNull();
            assertThat(s4.at(T0 + 2 * D180)).isNull();
        }

        @Test
        void aTimerThatRunsLateStillFiresAtTheDeadline() {
            s4.on(payment("p1", T0, "10.00"));
            Firing f = s4.at(T0 + D180 + 5 * 3_600_000L);
            assertThat(f.triggerTime()).isEqualTo(T0 + D180);
        }

        @Test
        void anEarlyWakeUpDoesNotFireAndKeepsTheDeadline() {
            s4.on(payment("p1", T0, "10.00"));
            assertThat(s4.onDeadlineDirectly(T0 + D180 - 1)).isNull();
            assertThat(s4.state().deadline).isEqualTo(T0 + D180);
        }

        @Test
        void aTransactionBeforeTheDeadlineRestartsTheClock() {
            s4.on(payment("b1", T0, "10.00"));
            s4.on(payment("b2", T0 + 179 * DAY, "10.00"));

            assertThat(s4.state().deadline).isEqualTo(T0 + 179 * DAY + D180);
            assertThat(s4.at(T0 + D180)).isNull();
            Firing f = s4.at(T0 + 179 * DAY + D180);
            assertThat(f.triggerEventIds()).containsExactly("b2");
        }

        @Test
        void aTransactionExactlyAtTheDeadlineIsInTimeBecauseEventsComeBeforeTimers() {
            s4.on(payment("c1", T0, "10.00"));
            s4.on(payment("c2", T0 + D180, "10.00"));

            assertThat(s4.at(T0 + D180)).isNull();
            assertThat(s4.state().deadline).isEqualTo(T0 + 2 * D180);
        }

        @Test
        void onlyCustomerInitiatedTransactionsRestartTheClock() {
            s4.on(payment("d1", T0, "10.00"));
            assertThat(s4.concerns(event("APP_LOGIN", "d2", T0 + DAY))).isFalse();
            assertThat(s4.concerns(event("TRANSFER_IN", "d3", T0 + DAY).amount("10"))).isFalse();
            assertThat(s4.concerns(event("SALARY_CREDIT", "d4", T0 + DAY).amount("8000"))).isFalse();
            assertThat(s4.concerns(event("ACCOUNT_OPENED", "d5", T0 + DAY))).isFalse();
            s4.on(event("SALARY_CREDIT", "d4", T0 + 179 * DAY).amount("8000"));
            assertThat(s4.state().deadline).isEqualTo(T0 + D180);

            s4.on(event("TRANSFER_OUT", "d6", T0 + 70 * DAY).amount("10"));
            assertThat(s4.state().deadline).isEqualTo(T0 + 70 * DAY + D180);
            s4.on(event("PRODUCT_PURCHASE", "d7", T0 + 100 * DAY).amount("10"));
            assertThat(s4.state().deadline).isEqualTo(T0 + 100 * DAY + D180);
        }

        @Test
        void theDurationIs180TimesTwentyFourHoursWhateverTheLocalClockDoes() {
            s4.profile(ProfileJson.of("C1").with("timezone", "Europe/London").profile());
            long gmt = t("2026-03-20T20:30:00Z");
            s4.on(payment("k1", gmt, "10.00"));

            long due = s4.state().deadline;
            assertThat(Instant.ofEpochMilli(due)).isEqualTo(Instant.parse("2026-09-16T20:30:00Z"));
            assertThat(Instant.ofEpochMilli(due).atZone(ZoneId.of("Europe/London")).getHour()).as("BST").isEqualTo(21);
        }

        @Test
        void anArmedDeadlineIsRetainedAndNeedsNoSweep() {
            assertThat(s4.housekeep(T0)).isFalse();
            s4.on(payment("r1", T0, "10.00"));
            assertThat(s4.housekeep(T0 + D180 - 1)).isTrue();
            assertThat(s4.trigger.ages()).isFalse();
        }
    }

    @Nested
    class AfterAStartEvent {
        private final TriggerBench nudge = TriggerBench.shipped("S13-new-customer-nudge");
        private static final long D7 = 7 * DAY;

        @Test
        void anOpeningArmsTheDeadlineAndItFiresSevenDaysLater() {
            nudge.on(event("ACCOUNT_OPENED", "o1", T0));
            assertThat(nudge.state().deadline).isEqualTo(T0 + D7);

            assertThat(nudge.at(T0 + D7 - 1)).isNull();
            Firing f = nudge.at(T0 + D7);
            assertThat(f).isNotNull();
            assertThat(f.triggerTime()).isEqualTo(T0 + D7);
            assertThat(f.triggerEventIds()).containsExactly("o1");
            assertThat(f.details()).containsEntry("quietFor", "7d").containsEntry("since", "2026-03-02T02:00:00Z");
            assertThat(nudge.state()).isNull();
        }

        @Test
        void aPaymentAtExactlySevenDaysIsInTime() {
            nudge.on(event("ACCOUNT_OPENED", "o1", T0));
            nudge.on(payment("p1", T0 + D7, "10.00"));

            assertThat(nudge.state().deadline).isEqualTo(TriggerState.NONE);
            assertThat(nudge.at(T0 + D7)).isNull();
            assertThat(nudge.housekeep(T0 + D7)).as("a stopped clock is not kept").isFalse();
        }

        @Test
        void aPaymentSevenDaysAndOneSecondLaterIsTooLate() {
            nudge.on(event("ACCOUNT_OPENED", "o1", T0));
            assertThat(nudge.at(T0 + D7)).isNotNull();
            assertThat(nudge.on(payment("p1", T0 + D7 + SECOND, "10.00"))).isNull();
            assertThat(nudge.state()).isNull();
        }

        @Test
        void transfersOutAndPurchasesAlsoStopTheClock() {
            nudge.on(event("ACCOUNT_OPENED", "o1", T0));
            nudge.on(event("TRANSFER_OUT", "x1", T0 + 3 * DAY).amount("100"));
            assertThat(nudge.at(T0 + D7)).isNull();

            TriggerBench other = TriggerBench.shipped("S13-new-customer-nudge");
            other.on(event("ACCOUNT_OPENED", "o2", T0));
            other.on(event("PRODUCT_PURCHASE", "x2", T0 + DAY).amount("100"));
            assertThat(other.at(T0 + D7)).isNull();
        }

        @Test
        void eventsThatAreNotCustomerInitiatedTransactionsDoNotStopIt() {
            nudge.on(event("ACCOUNT_OPENED", "o1", T0));
            assertThat(nudge.concerns(event("APP_LOGIN", "l1", T0 + DAY))).isFalse();
            assertThat(nudge.concerns(event("SALARY_CREDIT", "s1", T0 + 2 * DAY).amount("5000"))).isFalse();
            assertThat(nudge.at(T0 + D7)).isNotNull();
        }

        @Test
        void aTransactionBeforeAnyOpeningDoesNothing() {
            assertThat(nudge.on(payment("p0", T0, "10.00"))).isNull();
            assertThat(nudge.state()).isNull();
        }

        @Test
        void aTransactionDoesNotStartTheClockAndLaterOnesDoNotRestartIt() {
            nudge.on(event("ACCOUNT_OPENED", "o1", T0));
            nudge.at(T0 + D7);
            nudge.on(payment("p1", T0 + 8 * DAY, "10.00"));
            assertThat(nudge.state()).isNull();
        }

        @Test
        void aSecondOpeningStartsTheClockAgain() {
            nudge.on(event("ACCOUNT_OPENED", "o1", T0));
            assertThat(nudge.at(T0 + D7)).isNotNull();
            nudge.on(event("ACCOUNT_OPENED", "o2", T0 + 10 * DAY));
            Firing f = nudge.at(T0 + 17 * DAY);
            assertThat(f).isNotNull();
            assertThat(f.triggerEventIds()).containsExactly("o2");
        }

        /** The clock runs from the first opening: "no transaction within 7 days of opening" counts from then. */
        @Test
        void aSecondOpeningWhileTheClockRunsDoesNotRestartIt() {
            nudge.on(event("ACCOUNT_OPENED", "o1", T0));
            nudge.on(event("ACCOUNT_OPENED", "o2", T0 + 3 * DAY));
            assertThat(nudge.state().deadline).isEqualTo(T0 + D7);
            Firing f = nudge.at(T0 + D7);
            assertThat(f).isNotNull();
            assertThat(f.triggerEventIds()).containsExactly("o1");
        }
    }
}

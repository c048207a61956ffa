package com.acmebank.triggers.trigger;

import static com.acmebank.triggers.trigger.TriggerBench.DAY;
import static com.acmebank.triggers.trigger.TriggerBench.SECOND;
import static com.acmebank.triggers.trigger.TriggerBench.event;
import static com.acmebank.triggers.trigger.TriggerBench.payment;
import static com.acmebank.triggers.trigger.TriggerBench.t;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The drop trigger: S8's second alternative (a balance at or below 50% of its highest value of the previous 30 days). */
class DropTriggerTest {
    private static final long T0 = t("2026-03-02T09:00:00+08:00");
    private static final long H = 3_600_000L;
    private final TriggerBench s8 = TriggerBench.shipped("S8-churn-warning", 1);
    private int n;

    private Firing balance(long time, String value) {
        return balance(s8, time, value);
    }

    private Firing balance(TriggerBench b, long time, String value) {
        return b.on(event("BALANCE_SNAPSHOT", "b" + (++n), time).balance(value));
    }

    @Test
    void firesAtExactlyHalfThePeak() {
        balance(T0, "80000");
        Firing f = s8.on(event("BALANCE_SNAPSHOT", "half", T0 + DAY).balance("40000.00"));

        assertThat(f).isNotNull();
        assertThat(f.triggerEventIds()).containsExactly("half");
        assertThat(f.triggerTime()).isEqualTo(T0 + DAY);
        assertThat(f.details()).containsEntry("balance", new BigDecimal("40000.00")).containsEntry("peak", new BigDecimal("80000.00"))
                .containsEntry("percentOfPeak", new BigDecimal("50"));
        assertThat(s8.state().mode).isEqualTo(TriggerState.HELD);
    }

    @Test
    void doesNotFireJustAboveHalfThePeak() {
        balance(T0, "80000");
        assertThat(balance(T0 + DAY, "40008.00")).as("50.01%").isNull();
        assertThat(balance(T0 + 2 * DAY, "40000.0001")).as("by a ten-thousandth").isNull();
        assertThat(s8.state().mode).isNotEqualTo(TriggerState.HELD);
    }

    @Test
    void theFirstValueHasNoPeakToDropFrom() {
        assertThat(balance(T0, "1.00")).isNull();
        assertThat(s8.state().window.totalCount).isEqualTo(1);
    }

    @Test
    void aPeakExactlyThirtyDaysBeforeStillCounts() {
        balance(T0, "80000");
        assertThat(balance(T0 + 30 * DAY, "40000")).isNotNull();
    }

    @Test
    void aPeakThirtyDaysAndOneSecondBeforeHasLeftTheWindow() {
        balance(T0, "80000");
        balance(T0 + 19 * DAY, "70000");
        assertThat(balance(T0 + 30 * DAY + SECOND, "40000")).as("peak in the window 70,000: 57%").isNull();
    }

    @Test
    void byDefaultFiresWhenTheDropStartsToHoldNotWhileItKeepsHolding() {
        TriggerBench onCrossing = TriggerBench.rule("""
                drop: {of: {type: BALANCE_SNAPSHOT}, field: balance, window: 30d, toPercentOfPeak: 50}
                """);
        balance(onCrossing, T0, "80000");
        assertThat(balance(onCrossing, T0 + DAY, "40000")).isNotNull();
        assertThat(balance(onCrossing, T0 + 2 * DAY, "35000")).isNull();
        assertThat(balance(onCrossing, T0 + 3 * DAY, "70000")).as("recovers").isNull();
        assertThat(onCrossing.state().mode).isEqualTo(TriggerState.UNKNOWN);
        Firing again = balance(onCrossing, T0 + 4 * DAY, "30000");
        assertThat(again).isNotNull();
        assertThat(again.details()).containsEntry("peak", new BigDecimal("80000.00"));
    }

    @Test
    void s8FiresOnEverySnapshotAtOrBelowHalfThePeakWhileHolding() {
        balance(T0, "80000");
        assertThat(balance(T0 + DAY, "40000")).isNotNull();
        Firing still = balance(T0 + 2 * DAY, "35000");
        assertThat(still).as("still at or below half: fires again (the repeat limit decides)").isNotNull();
        assertThat(still.details()).containsEntry("balance", new BigDecimal("35000.00")).containsEntry("peak", new BigDecimal("80000.00"));
        assertThat(balance(T0 + 3 * DAY, "70000")).as("recovers").isNull();
        assertThat(balance(T0 + 4 * DAY, "30000")).isNotNull();
    }

    @Test
    void aPeakOfZeroOrBelowNeverCounts() {
        balance(T0, "0.00");
        assertThat(balance(T0 + DAY, "-100")).isNull();
    }

    @Test
    void otherEventTypesDoNotConcernIt() {
        assertThat(s8.concerns(payment("p1", T0, "100"))).isFalse();
    }

    @Test
    void theStateIsForgottenOnceEveryValueHasLeftTheWindowAndAFreshStartHasNoPeak() {
        balance(T0, "80000");
        balance(T0 + DAY, "79000");

        assertThat(s8.housekeep(T0 + 31 * DAY)).isTrue();
        assertThat(s8.state().window.totalCount).isEqualTo(1);
        assertThat(s8.housekeep(T0 + 31 * DAY + 1)).isFalse();
        assertThat(s8.state()).isNull();
        assertThat(s8.trigger.ages()).isTrue();
        assertThat(balance(T0 + 32 * DAY, "1000")).isNull();
    }

    @Test
    void hasNoTimer() {
        balance(T0, "80000");
        assertThat(s8.state().deadline).isEqualTo(TriggerState.NONE);
        assertThat(s8.at(T0 + 30 * DAY)).isNull();
    }

    private TriggerBench dropRule(int capacity) {
        return TriggerBench.rule("""
                drop:
                  of: {type: BALANCE_SNAPSHOT}
                  field: balance
                  window: 30d
                  toPercentOfPeak: 50
                """).capacity(capacity);
    }

    @Test
    void pastTheCapacityThePeakSurvivesAMergeAndTheStateStaysBounded() {
        TriggerBench b = dropRule(3);
        for (int i = 0; i < 100; i++) {
            assertThat(balance(b, T0 + i * H, i == 0 ? "100" : "90")).isNull();
        }
        assertThat(b.state().window.size).isLessThanOrEqualTo(3);
        assertThat(b.state().window.times.length).isLessThanOrEqualTo(4);
        assertThat(balance(b, T0 + 100 * H, "50")).isNotNull();
    }

    @Test
    void withinTheCapacityAPeakLeavesExactlyWhenItsOwnTimeLeaves() {
        TriggerBench b = dropRule(256);
        balance(b, T0, "60");
        balance(b, T0 + H, "100");
        balance(b, T0 + 5 * DAY, "55");
        assertThat(balance(b, T0 + 30 * DAY + H / 2, "50")).as("100 still in the window").isNotNull();
    }

    @Test
    void pastTheCapacityAMergedPeakLeavesWithItsOlderMemberSoItErrsTowardNotFiring() {
        TriggerBench b = dropRule(2);
        balance(b, T0, "60");
        balance(b, T0 + H, "100");
        balance(b, T0 + 5 * DAY, "55");
        assertThat(balance(b, T0 + 30 * DAY + H / 2, "50")).isNull();
    }
}

package com.acmebank.triggers.trigger;

import static com.acmebank.triggers.trigger.TriggerBench.DAY;
import static com.acmebank.triggers.trigger.TriggerBench.event;
import static com.acmebank.triggers.trigger.TriggerBench.payment;
import static com.acmebank.triggers.trigger.TriggerBench.t;
import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.testing.EventJson;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The crossing trigger with hysteresis: S7 (balance up to 50,000 from below, re-armed below 45,000). */
class CrossingTriggerTest {
    private static final long T0 = t("2026-03-02T09:00:00+08:00");
    private final TriggerBench s7 = TriggerBench.shipped("S7-balance-threshold");
    private int n;

    private Firing snapshot(long time, String balance) {
        return s7.on(snapshotEvent("b" + (++n), time, balance));
    }

    private static EventJson snapshotEvent(String id, long time, String balance) {
        return event("BALANCE_SNAPSHOT", id, time).balance(balance);
    }

    @Test
    void firesWhenTheBalanceReachesExactlyTheThresholdFromBelow() {
        assertThat(snapshot(T0, "49999.99")).isNull();
        Firing f = s7.on(snapshotEvent("up", T0 + DAY, "50000.00"));

        assertThat(f).isNotNull();
        assertThat(f.triggerEventIds()).containsExactly("up");
        assertThat(f.triggerTime()).isEqualTo(T0 + DAY);
        assertThat(f.details()).containsEntry("balance", new BigDecimal("50000.00")).containsEntry("threshold", new BigDecimal("50000.00"));
        assertThat(s7.state().mode).isEqualTo(TriggerState.DISARMED);
    }

    @Test
    void theFirstValueSeenOnlySetsTheSide() {
        assertThat(snapshot(T0, "40000")).isNull();
        assertThat(s7.state().mode).isEqualTo(TriggerState.ARMED);

        TriggerBench high = TriggerBench.shipped("S7-balance-threshold");
        assertThat(high.on(snapshotEvent("h1", T0, "60000"))).as("never seen below").isNull();
        assertThat(high.state().mode).isEqualTo(TriggerState.DISARMED);
        assertThat(high.on(snapshotEvent("h2", T0 + DAY, "58000"))).isNull();
        assertThat(high.on(snapshotEvent("h3", T0 + 2 * DAY, "62000"))).isNull();
    }

    @Test
    void staysBelowWithoutFiring() {
        snapshot(T0, "40000");
        assertThat(snapshot(T0 + DAY, "49999.9999")).isNull();
        assertThat(s7.state().mode).isEqualTo(TriggerState.ARMED);
    }

    @Test
    void doesNotReArmAboveTheReArmLevel() {
        snapshot(T0, "40000");
        assertThat(snapshot(T0 + DAY, "50000")).isNotNull();
        assertThat(snapshot(T0 + 2 * DAY, "46000")).isNull();
        assertThat(snapshot(T0 + 3 * DAY, "51000")).isNull();
        assertThat(snapshot(T0 + 110 * DAY, "52000")).isNull();
    }

    @Test
    void reArmsStrictlyBelowTheReArmLevelAndFiresOnTheNextCrossing() {
        snapshot(T0, "40000");
        snapshot(T0 + DAY, "50000");
        assertThat(snapshot(T0 + 2 * DAY, "44999.99")).isNull();
        assertThat(s7.state().mode).isEqualTo(TriggerState.ARMED);
        assertThat(snapshot(T0 + 3 * DAY, "50000")).as("the repeat limit is the engine's, not the trigger's").isNotNull();
    }

    @Test
    void exactlyTheReArmLevelDoesNotReArm() {
        snapshot(T0, "40000");
        snapshot(T0 + DAY, "50000");
        snapshot(T0 + 2 * DAY, "45000.00");
        assertThat(s7.state().mode).isEqualTo(TriggerState.DISARMED);
        assertThat(snapshot(T0 + 105 * DAY, "50000")).isNull();
    }

    @Test
    void aFirstHighValueThenAFallBelowTheReArmLevelArmsIt() {
        snapshot(T0, "100000");
        assertThat(snapshot(T0 + DAY, "44000")).isNull();
        assertThat(snapshot(T0 + 2 * DAY, "52000")).isNotNull();
    }

    @Test
    void withoutReArmBelowItReArmsBelowTheThresholdItself() {
        TriggerBench b = TriggerBench.rule("""
                crossing:
                  of: {type: BALANCE_SNAPSHOT}
                  field: balance
                  above: 1000
                """);
        b.on(snapshotEvent("a", T0, "999.99"));
        assertThat(b.on(snapshotEvent("b", T0 + 1, "1000"))).isNotNull();
        assertThat(b.on(snapshotEvent("c", T0 + 2, "999.99"))).isNull();
        assertThat(b.on(snapshotEvent("d", T0 + 3, "1000"))).isNotNull();
    }

    @Test
    void anEventWithoutTheValueNeitherFiresNorSetsTheSide() {
        TriggerBench b = TriggerBench.rule("""
                crossing:
                  of: {type: CARD_PAYMENT}
                  field: attributes.points
                  above: 100
                """);
        assertThat(b.on(payment("p1", T0, "10.00"))).isNull();
        assertThat(b.state()).isNull();
        b.on(payment("p2", T0 + 1, "10.00").attribute("points", "99"));
        assertThat(b.on(payment("p3", T0 + 2, "10.00").attribute("points", "100"))).isNotNull();
    }

    @Test
    void otherEventTypesDoNotConcernIt() {
        assertThat(s7.concerns(payment("p1", T0, "60000"))).isFalse();
        assertThat(s7.trigger.eventTypes()).containsExactly("BALANCE_SNAPSHOT");
    }

    @Test
    void theLastSideIsRememberedFor400DaysWithoutANewValueThenForgotten() {
        snapshot(T0, "40000");
        assertThat(s7.state().lastSeen).isEqualTo(T0);

        assertThat(s7.housekeep(T0 + 400 * DAY)).isTrue();
        assertThat(s7.housekeep(T0 + 400 * DAY + 1)).isFalse();
        assertThat(s7.state()).isNull();
        assertThat(s7.trigger.ages()).isTrue();
    }

    @Test
    void eachNewValueExtendsTheMemory() {
        snapshot(T0, "40000");
        snapshot(T0 + 300 * DAY, "41000");
        assertThat(s7.housekeep(T0 + 600 * DAY)).isTrue();
        assertThat(s7.state().mode).isEqualTo(TriggerState.ARMED);
    }

    @Test
    void hasNoTimer() {
        snapshot(T0, "40000");
        assertThat(s7.state().deadline).isEqualTo(TriggerState.NONE);
        assertThat(s7.at(T0 + 1000 * DAY)).isNull();
    }
}

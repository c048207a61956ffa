package com.acmebank.triggers.trigger;

import static com.acmebank.triggers.trigger.TriggerBench.DAY;
import static com.acmebank.triggers.trigger.TriggerBench.SECOND;
import static com.acmebank.triggers.trigger.TriggerBench.event;
import static com.acmebank.triggers.trigger.TriggerBench.t;
import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.testing.EventJson;
import org.junit.jupiter.api.Test;

/** The sequence trigger: S3 (ACCOUNT_OPENED, then the first SALARY_CREDIT within 30 days, inclusive). */
class SequenceTriggerTest {
    private static final long T0 = t("2026-03-02T10:00:00+08:00");
    private final TriggerBench s3 = TriggerBench.shipped("S3-first-salary");

    private static EventJson opened(String id, long time) {
        return event("ACCOUNT_OPENED", id, time);
    }

    private static EventJson salary(String id, long time, String amount) {
        return event("SALARY_CREDIT", id, time).amount(amount);
    }

    @Test
    void firesOnTheFirstSalaryAfterTheOpeningWithBothEvents() {
        assertThat(s3.on(opened("o1", T0))).isNull();
        assertThat(s3.state().anchorTime).isEqualTo(T0);
        assertThat(s3.state().anchorEventId).isEqualTo("o1");

        Firing f = s3.on(salary("s1", T0 + 9 * DAY, "8000"));

        assertThat(f).isNotNull();
        assertThat(f.triggerEventIds()).containsExactly("o1", "s1");
        assertThat(f.triggerTime()).isEqualTo(T0 + 9 * DAY);
        assertThat(f.triggerKey()).isEqualTo("s1");
        assertThat(f.event().eventId).isEqualTo("s1");
        assertThat(f.details()).containsEntry("sequenceStart", "2026-03-02T02:00:00Z");
    }

    @Test
    void aSalaryExactlyThirtyDaysAfterTheOpeningStillCounts() {
        s3.on(opened("o1", T0));
        assertThat(s3.on(salary("s1", T0 + 30 * DAY, "8000"))).isNotNull();
    }

    @Test
    void aSalaryThirtyDaysAndOneSecondAfterTheOpeningDoesNotFireAndEndsTheSequence() {
        s3.on(opened("o1", T0));
        assertThat(s3.on(salary("s1", T0 + 30 * DAY + SECOND, "8000"))).isNull();
        assertThat(s3.state().anchorTime).isEqualTo(TriggerState.NONE);
        assertThat(s3.state().anchorEventId).isNull();
    }

    @Test
    void theFirstSalaryUsesTheSequenceUpWhateverItsAmount() {
        s3.on(opened("o1", T0));
        assertThat(s3.on(salary("s1", T0 + DAY, "2000"))).isNotNull();
        assertThat(s3.on(salary("s2", T0 + 2 * DAY, "9000"))).isNull();
    }

    @Test
    void aSalaryWithoutAnOpeningDoesNothingAndStoresNothing() {
        assertThat(s3.concerns(salary("s1", T0, "8000"))).isTrue();
        assertThat(s3.on(salary("s1", T0, "8000"))).isNull();
        assertThat(s3.state()).isNull();
    }

    @Test
    void otherEventsDoNotConcernIt() {
        s3.on(opened("o1", T0));
        assertThat(s3.concerns(event("TRANSFER_IN", "x1", T0 + DAY).amount("8000"))).isFalse();
        assertThat(s3.on(salary("s1", T0 + 2 * DAY, "8000"))).isNotNull();
    }

    @Test
    void aNewOpeningStartsOver() {
        s3.on(opened("o1", T0));
        s3.on(opened("o2", T0 + 20 * DAY));
        // 45 days after o1, 25 after o2
        Firing f = s3.on(salary("s1", T0 + 45 * DAY, "8000"));
        assertThat(f).isNotNull();
        assertThat(f.triggerEventIds()).containsExactly("o2", "s1");
    }

    @Test
    void anOpeningAndASalaryAtTheSameInstantInEventIdOrderFire() {
        s3.on(opened("e1", T0));
        Firing f = s3.on(salary("e2", T0, "8000"));
        assertThat(f).isNotNull();
        assertThat(f.triggerEventIds()).containsExactly("e1", "e2");
    }

    @Test
    void aThenThatDoesNotMatchItsConditionNeitherFiresNorEndsTheSequence() {
        TriggerBench big = TriggerBench.rule("""
                sequence:
                  first: {type: ACCOUNT_OPENED}
                  then: {type: SALARY_CREDIT, where: [{field: amount, gte: 3000}]}
                  within: 30d
                """);
        big.on(opened("o1", T0));
        assertThat(big.concerns(salary("s1", T0 + DAY, "2999.99"))).isFalse();
        assertThat(big.on(salary("s1", T0 + DAY, "2999.99"))).isNull();
        assertThat(big.on(salary("s2", T0 + 2 * DAY, "3000.00"))).isNotNull();
    }

    @Test
    void anOpenSequenceIsRetainedUntilItsWindowHasPassedThenForgotten() {
        s3.on(opened("o1", T0));

        assertThat(s3.housekeep(T0 + 30 * DAY)).isTrue();
        assertThat(s3.housekeep(T0 + 30 * DAY + 1)).isFalse();
        assertThat(s3.state()).isNull();
        assertThat(s3.trigger.ages()).isTrue();
        // forgotten: a late salary finds no sequence
        assertThat(s3.on(salary("s1", T0 + 31 * DAY, "8000"))).isNull();
    }

    @Test
    void aFinishedSequenceIsForgottenAtTheNextSweep() {
        s3.on(opened("o1", T0));
        s3.on(salary("s1", T0 + DAY, "8000"));
        assertThat(s3.housekeep(T0 + DAY)).isFalse();
        assertThat(s3.state()).isNull();
    }

    @Test
    void hasNoTimer() {
        s3.on(opened("o1", T0));
        assertThat(s3.state().deadline).isEqualTo(TriggerState.NONE);
        assertThat(s3.at(T0 + 30 * DAY)).isNull();
        assertThat(s3.trigger.firesOnEvent()).isTrue();
    }
}

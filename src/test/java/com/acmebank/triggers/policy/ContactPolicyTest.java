package com.acmebank.triggers.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.testing.ProfileJson;
import com.acmebank.triggers.testing.TestPolicies;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ContactPolicyTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final ContactPolicy policy = new ContactPolicy(TestPolicies.withoutHoldout());
    private final Profile consenting = ProfileJson.of("C1").profile();

    private static long local(String time) {
        return OffsetDateTime.parse(time + "+08:00").toInstant().toEpochMilli();
    }

    private Verdict decide(String ruleId, String channel, Profile profile, long now, ContactLog log) {
        return policy.decide(ruleId, channel, "C1", profile, now, SHANGHAI, log);
    }

    @Test
    void sendsJustBeforeQuietHoursAndDefersFromNineSharp() {
        assertThat(decide("R", "PUSH", consenting, local("2026-11-22T20:59:59"), null).outcome()).isEqualTo(Verdict.SENT);
        Verdict at21 = decide("R", "PUSH", consenting, local("2026-11-22T21:00:00"), null);
        assertThat(at21.outcome()).isEqualTo(Verdict.DEFERRED);
        assertThat(at21.sendAt()).isEqualTo(local("2026-11-23T08:00:00"));
    }

    @Test
    void earlyMorningDefersToEightTheSameDayAndEightSharpSends() {
        Verdict early = decide("R", "SMS", consenting, local("2026-11-23T07:59:59"), null);
        assertThat(early.outcome()).isEqualTo(Verdict.DEFERRED);
        assertThat(early.sendAt()).isEqualTo(local("2026-11-23T08:00:00"));
        assertThat(decide("R", "SMS", consenting, local("2026-11-23T08:00:00"), null).outcome()).isEqualTo(Verdict.SENT);
    }

    @Test
    void quietHoursDoNotApplyToRelationshipManagerTasksOrEmail() {
        assertThat(decide("R", "RM_TASK", consenting, local("2026-11-22T23:00:00"), null).outcome()).isEqualTo(Verdict.SENT);
        Profile emailOk = ProfileJson.of("C1").consent("EMAIL", true).profile();
        assertThat(decide("R", "EMAIL", emailOk, local("2026-11-22T23:00:00"), null).outcome()).isEqualTo(Verdict.SENT);
    }

    @Test
    void quietHoursFollowTheCustomersZone() {
        ZoneId london = ZoneId.of("Europe/London");
        long londonEvening = OffsetDateTime.parse("2026-11-22T21:30:00Z").toInstant().toEpochMilli();
        Verdict v = policy.decide("R", "PUSH", "C1", consenting, londonEvening, london, null);
        assertThat(v.sendAt()).isEqualTo(OffsetDateTime.parse("2026-11-23T08:00:00Z").toInstant().toEpochMilli());
    }

    @Test
    void noProfileOrNoConsentMeansNoContact() {
        assertThat(decide("R", "PUSH", null, local("2026-11-22T10:00:00"), null).reason()).isEqualTo(Verdict.NO_CONSENT);
        Profile noSms = ProfileJson.of("C1").consent("SMS", false).profile();
        assertThat(decide("R", "SMS", noSms, local("2026-11-22T10:00:00"), null).reason()).isEqualTo(Verdict.NO_CONSENT);
        assertThat(decide("R", "RM_TASK", null, local("2026-11-22T10:00:00"), null).outcome()).isEqualTo(Verdict.SENT);
    }

    @Test
    void theThirdContactOfALocalDayIsCapped() {
        ContactLog log = new ContactLog();
        log.record("A", local("2026-11-22T09:00:00"), local("2026-11-22T09:00:00"), true);
        log.record("B", local("2026-11-22T12:00:00"), local("2026-11-22T12:00:00"), true);
        Verdict third = decide("C", "PUSH", consenting, local("2026-11-22T18:00:00"), log);
        assertThat(third.reason()).isEqualTo(Verdict.FREQUENCY_CAP);
        assertThat(decide("C", "PUSH", consenting, local("2026-11-23T08:00:00"), log).outcome()).isEqualTo(Verdict.SENT);
    }

    @Test
    void theLocalDayNotTheUtcDayCounts() {
        ContactLog log = new ContactLog();
        // 07:30 and 07:45 on the 22nd local are still the 21st in UTC
        log.record("A", local("2026-11-22T07:30:00"), local("2026-11-22T07:30:00"), true);
        log.record("B", local("2026-11-22T07:45:00"), local("2026-11-22T07:45:00"), true);
        assertThat(decide("C", "PUSH", consenting, local("2026-11-22T10:00:00"), log).reason()).isEqualTo(Verdict.FREQUENCY_CAP);
        ContactLog yesterday = new ContactLog();
        yesterday.record("A", local("2026-11-21T23:30:00"), local("2026-11-21T23:30:00"), true);
        yesterday.record("B", local("2026-11-21T23:40:00"), local("2026-11-21T23:40:00"), true);
        assertThat(decide("C", "PUSH", consenting, local("2026-11-22T08:10:00"), yesterday).outcome()).isEqualTo(Verdict.SENT);
    }

    @Test
    void fiveContactsInARolling7DaysCapTheSixth() {
        ContactLog log = new ContactLog();
        for (int day = 16; day <= 20; day++) {
            log.record("R" + day, local("2026-11-" + day + "T10:00:00"), local("2026-11-" + day + "T10:00:00"), true);
        }
        assertThat(decide("X", "PUSH", consenting, local("2026-11-22T10:00:00"), log).reason()).isEqualTo(Verdict.FREQUENCY_CAP);
        assertThat(decide("X", "PUSH", consenting, local("2026-11-23T10:00:00"), log).reason()).isEqualTo(Verdict.FREQUENCY_CAP);
        assertThat(decide("X", "PUSH", consenting, local("2026-11-23T10:00:01"), log).outcome()).isEqualTo(Verdict.SENT);
    }

    @Test
    void relationshipManagerTasksAreNotCounted() {
        ContactLog log = new ContactLog();
        log.record("A", local("2026-11-22T09:00:00"), local("2026-11-22T09:00:00"), policy.counted("A", "RM_TASK"));
        log.record("B", local("2026-11-22T09:30:00"), local("2026-11-22T09:30:00"), policy.counted("B", "RM_TASK"));
        log.record("C", local("2026-11-22T10:00:00"), local("2026-11-22T10:00:00"), true);
        assertThat(decide("D", "PUSH", consenting, local("2026-11-22T11:00:00"), log).outcome()).isEqualTo(Verdict.SENT);
        log.record("D", local("2026-11-22T11:00:00"), local("2026-11-22T11:00:00"), true);
        assertThat(decide("E", "RM_TASK", consenting, local("2026-11-22T12:00:00"), log).outcome()).isEqualTo(Verdict.SENT);
    }

    @Test
    void atReleaseAnOfferCanHaveExpiredOrLostItsConsent() {
        long eight = local("2026-11-23T08:00:00");
        long night = local("2026-11-22T23:00:00");
        assertThat(policy.release("R", "PUSH", consenting, eight, night, eight, SHANGHAI, null).outcome()).isEqualTo(Verdict.SENT);
        assertThat(policy.release("R", "PUSH", consenting, eight, night, eight - 1, SHANGHAI, null).reason()).isEqualTo(Verdict.EXPIRED);
        Profile withdrawn = ProfileJson.of("C1").consent("PUSH", false).profile();
        assertThat(policy.release("R", "PUSH", withdrawn, eight, night, eight + 1, SHANGHAI, null).reason()).isEqualTo(Verdict.NO_CONSENT);
    }

    @Test
    void anOfferDeferredOvernightIsCappedOnTheDayItWouldBeDelivered() {
        ContactLog log = new ContactLog();
        log.record("A", local("2026-11-22T09:00:00"), local("2026-11-22T09:00:00"), true);
        log.record("B", local("2026-11-22T10:00:00"), local("2026-11-22T10:00:00"), true);
        Verdict evening = decide("C", "PUSH", consenting, local("2026-11-22T22:00:00"), log);
        assertThat(evening.outcome()).isEqualTo(Verdict.DEFERRED);
        assertThat(policy.release("C", "PUSH", consenting, evening.sendAt(), local("2026-11-22T22:00:00"), evening.sendAt() + 1, SHANGHAI, log)
                .outcome()).isEqualTo(Verdict.SENT);
    }

    @Test
    void aCooldownSeparatesFiringsNotTheOffersOfOneFiring() {
        PolicyConfig config = TestPolicies.withoutHoldout();
        PolicyConfig.RuleOverride o = new PolicyConfig.RuleOverride();
        o.cooldown = "3d";
        config.rules.put("R", o);
        ContactPolicy p = new ContactPolicy(config);
        long t = local("2026-11-22T10:00:00");
        ContactLog log = new ContactLog();
        log.record("R", t, t, true);
        assertThat(p.decide("R", "RM_TASK", "C1", consenting, t, SHANGHAI, log).outcome()).isEqualTo(Verdict.SENT);
        assertThat(p.decide("R", "RM_TASK", "C1", consenting, t + 1, SHANGHAI, log).reason()).isEqualTo(Verdict.COOLDOWN);
    }

    @Test
    void holdoutIsFivePercentDeterministicPerCustomerAndRule() {
        ContactPolicy shipped = new ContactPolicy(TestPolicies.shipped());
        int held = 0;
        for (int i = 0; i < 100_000; i++) {
            if (shipped.heldOut("C" + i, "S1-partner-spend")) {
                held++;
            }
        }
        assertThat(held / 100_000.0).isBetween(0.047, 0.053);
        assertThat(shipped.heldOut("C42", "S1-partner-spend")).isEqualTo(shipped.heldOut("C42", "S1-partner-spend"));
        int overlap = 0;
        for (int i = 0; i < 100_000; i++) {
            if (shipped.heldOut("C" + i, "S1-partner-spend") && shipped.heldOut("C" + i, "S2-salary-sip")) {
                overlap++;
            }
        }
        // independent per rule: about 5% of 5%
        assertThat(overlap).isBetween(150, 350);
    }

    @Test
    void heldOutCustomersAreRecordedNotContacted() {
        ContactPolicy shipped = new ContactPolicy(TestPolicies.shipped());
        String customer = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "C" + i)
                .filter(c -> shipped.heldOut(c, "R")).findFirst().orElseThrow();
        assertThat(shipped.decide("R", "PUSH", customer, consenting, local("2026-11-22T10:00:00"), SHANGHAI, null).outcome())
                .isEqualTo(Verdict.HELD_OUT);
    }

    @Test
    void variantWeightsHoldOverManyCustomers() {
        int[] counts = new int[2];
        for (int i = 0; i < 100_000; i++) {
            counts[ContactPolicy.pickVariant("C" + i, "R", new int[] {3, 1})]++;
        }
        assertThat(counts[0] / 100_000.0).isBetween(0.74, 0.76);
        assertThat(ContactPolicy.pickVariant("C7", "R", new int[] {1, 1})).isEqualTo(ContactPolicy.pickVariant("C7", "R", new int[] {1, 1}));
    }

    @Test
    void perRuleOverridesChangeHoldoutQuietHoursCapsAndCooldown() {
        PolicyConfig config = TestPolicies.shipped();
        PolicyConfig.RuleOverride o = new PolicyConfig.RuleOverride();
        o.holdoutPercent = BigDecimal.ZERO;
        o.quietHours = false;
        o.frequencyCapped = false;
        o.cooldown = "3d";
        config.rules.put("R", o);
        ContactPolicy p = new ContactPolicy(config);
        assertThat(p.holdoutPercent("R")).isEqualByComparingTo("0");
        ContactLog log = new ContactLog();
        log.record("A", local("2026-11-22T09:00:00"), local("2026-11-22T09:00:00"), true);
        log.record("B", local("2026-11-22T10:00:00"), local("2026-11-22T10:00:00"), true);
        assertThat(p.decide("R", "PUSH", "C1", consenting, local("2026-11-22T23:00:00"), SHANGHAI, log).outcome()).isEqualTo(Verdict.SENT);
        log.record("R", local("2026-11-22T23:00:00"), local("2026-11-22T23:00:00"), false);
        assertThat(p.decide("R", "PUSH", "C1", consenting, local("2026-11-25T22:59:59"), SHANGHAI, log).reason()).isEqualTo(Verdict.COOLDOWN);
        assertThat(p.decide("R", "PUSH", "C1", consenting, local("2026-11-25T23:00:00"), SHANGHAI, log).outcome()).isEqualTo(Verdict.SENT);
    }

    @Test
    void anInvalidPolicyIsRejectedNamingTheField() {
        PolicyConfig config = TestPolicies.shipped();
        config.quietHours.start = "9pm";
        config.holdout.defaultPercent = new BigDecimal("120");
        assertThatThrownBy(() -> new ContactPolicy(config)).hasMessageContaining("quietHours.start: expected a local time like 21:00, got '9pm'")
                .hasMessageContaining("holdout.defaultPercent: expected a percentage from 0 to 100, got 120");
    }
}

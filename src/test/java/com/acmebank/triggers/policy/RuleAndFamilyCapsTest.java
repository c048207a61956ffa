package com.acmebank.triggers.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.testing.ProfileJson;
import com.acmebank.triggers.testing.TestPolicies;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Caps of one rule, and of a family of rules together, on top of the customer-wide caps. */
class RuleAndFamilyCapsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final Profile consenting = ProfileJson.of("C1").profile();

    private static long local(String text) {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
    }

    private static ContactLog sent(Object... ruleAndTime) {
        ContactLog log = new ContactLog();
        for (int i = 0; i < ruleAndTime.length; i += 2) {
            long t = local((String) ruleAndTime[i + 1]);
            log.record((String) ruleAndTime[i], t, t, true);
        }
        return log;
    }

    @Test
    void aRulesOwnCapLimitsItAloneAndNamesIt() {
        PolicyConfig config = TestPolicies.withoutHoldout();
        PolicyConfig.RuleOverride o = new PolicyConfig.RuleOverride();
        o.caps = new PolicyConfig.Limit();
        o.caps.perRolling7Days = 1;
        config.rules.put("S12", o);
        ContactPolicy policy = new ContactPolicy(config);
        ContactLog log = sent("S12", "2026-11-16T10:00:00");
        Verdict second = policy.decide("S12", "PUSH", "C1", consenting, local("2026-11-23T09:59:59"), SHANGHAI, log);
        assertThat(second.reason()).isEqualTo(Verdict.FREQUENCY_CAP);
        assertThat(second.note()).isEqualTo("1 contacts of S12 already in the last 7 days");
        // 7 days and a second later the first send has left the rolling window; other rules were never limited
        assertThat(policy.decide("S12", "PUSH", "C1", consenting, local("2026-11-23T10:00:01"), SHANGHAI, log).outcome()).isEqualTo(Verdict.SENT);
        assertThat(policy.decide("S1", "PUSH", "C1", consenting, local("2026-11-20T10:00:00"), SHANGHAI, log).outcome()).isEqualTo(Verdict.SENT);
    }

    @Test
    void aFamilyCapCountsItsRulesTogether() {
        PolicyConfig config = TestPolicies.withoutHoldout();
        PolicyConfig.Family wealth = new PolicyConfig.Family();
        wealth.rules = List.of("S2", "S7");
        wealth.perLocalDay = 1;
        config.families.put("wealth", wealth);
        ContactPolicy policy = new ContactPolicy(config);
        ContactLog log = sent("S2", "2026-11-16T10:00:00");
        Verdict v = policy.decide("S7", "PUSH", "C1", consenting, local("2026-11-16T15:00:00"), SHANGHAI, log);
        assertThat(v.reason()).isEqualTo(Verdict.FREQUENCY_CAP);
        assertThat(v.note()).isEqualTo("1 contacts of family wealth already on local day 2026-11-16");
        assertThat(policy.decide("S1", "PUSH", "C1", consenting, local("2026-11-16T15:00:00"), SHANGHAI, log).outcome()).isEqualTo(Verdict.SENT);
        assertThat(policy.decide("S7", "PUSH", "C1", consenting, local("2026-11-17T00:00:00"), SHANGHAI, log).outcome())
                .as("a new local day").isNotEqualTo(Verdict.SUPPRESSED);
    }

    @Test
    void aLogFromBeforePerRuleCapsStillCountsCustomerWide() {
        ContactLog old = new ContactLog();
        old.sends = new long[] {local("2026-11-16T09:00:00"), local("2026-11-16T10:00:00")};
        old.sendRules = new String[0];
        ContactPolicy policy = new ContactPolicy(TestPolicies.withoutHoldout());
        assertThat(policy.decide("S1", "PUSH", "C1", consenting, local("2026-11-16T15:00:00"), SHANGHAI, old).reason())
                .isEqualTo(Verdict.FREQUENCY_CAP);
        old.record("S1", local("2026-11-17T09:00:00"), local("2026-11-17T09:00:00"), true);
        assertThat(old.sends).hasSize(3);
        assertThat(old.ruleOf(2)).isEqualTo("S1");
        assertThat(old.ruleOf(0)).isNull();
    }

    @Test
    void invalidCapsAreNamed() {
        PolicyConfig config = TestPolicies.withoutHoldout();
        PolicyConfig.Family empty = new PolicyConfig.Family();
        empty.perLocalDay = -1;
        config.families.put("f", empty);
        assertThat(config.validate()).containsExactly("families.f: limits must be >= 0",
                "families.f.rules: expected the ids of the rules the family caps together");
    }
}

package com.acmebank.triggers.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.event.Origin;
import com.acmebank.triggers.output.RuleStatus;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.testing.ShippedRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry's verdicts: validation, versions that only go up, pause, resume, delete, lists, the effective instant. */
class RuleRegistryTest {
    private static final Origin AT = Origin.kafka("rule-updates", 0, 7);
    private static final long NOW = 1_764_000_000_000L;
    private final RuleRegistry registry = new RuleRegistry();

    private static RuleUpdate s2(int version, String threshold, boolean paused) {
        String text = ShippedRules.source("S2-salary-sip").text.replace("version: 1", "version: " + version).replace("gte: 3000", "gte: " + threshold);
        RuleSource source = new RuleSource("S2-salary-sip.yaml", text);
        source.ruleId = "S2-salary-sip";
        source.paused = paused;
        RuleUpdate u = RuleUpdate.putRule(source);
        u.version = version;
        return u.from(NOW + 1000);
    }

    private RuleStatus judge(RuleUpdate u) {
        return registry.judge(u, NOW, AT).status();
    }

    @Test
    void aValidRuleIsAcceptedFromItsInstantWithAStatusNamingItsVersion() {
        RuleRegistry.Verdict v = registry.judge(s2(1, "3000", false), NOW, AT);
        assertThat(v.status().status).isEqualTo(RuleStatus.ACCEPTED);
        assertThat(v.status().id).isEqualTo("S2-salary-sip");
        assertThat(v.status().version).isEqualTo(1);
        assertThat(v.status().state).isEqualTo("ACTIVE");
        assertThat(v.status().effectiveFrom).isEqualTo(NOW + 1000);
        assertThat(v.status().origin).isEqualTo(AT);
        assertThat(v.accepted().sequence).isEqualTo(1);
        assertThat(v.accepted().effectiveFrom).isEqualTo(NOW + 1000);
    }

    @Test
    void anUpdateDatedBeforeEventTimeAppliesFromJustAfterIt() {
        RuleUpdate u = s2(1, "3000", false).from(NOW - 60_000);
        RuleRegistry.Verdict v = registry.judge(u, NOW, AT);
        assertThat(v.accepted().effectiveFrom).isEqualTo(NOW + 1);
        assertThat(v.status().effectiveFrom).isEqualTo(NOW + 1);
    }

    @Test
    void anInvalidRuleIsRejectedWithValidatesMessageAndTheVersionInForceStays() {
        judge(s2(1, "3000", false));
        RuleStatus rejected = judge(s2(2, "three thousand", false));
        assertThat(rejected.status).isEqualTo(RuleStatus.REJECTED);
        assertThat(rejected.messages).containsExactly(
                "S2-salary-sip.yaml: rule S2-salary-sip: trigger.event.where[0].gte: expected a number, got \"three thousand\"");
        // version 1 is still the one in force: a repeat of it is unchanged, version 2 is still free
        assertThat(judge(s2(1, "3000", false)).messages).containsExactly("unchanged: version 1 is in force already");
        assertThat(judge(s2(2, "3500", false)).status).isEqualTo(RuleStatus.ACCEPTED);
    }

    @Test
    void versionsOnlyGoUp() {
        assertThat(judge(s2(3, "3000", false)).status).isEqualTo(RuleStatus.ACCEPTED);
        RuleStatus older = judge(s2(2, "3000", false));
        assertThat(older.status).isEqualTo(RuleStatus.REJECTED);
        assertThat(older.messages).containsExactly(
                "S2-salary-sip.yaml: rule S2-salary-sip: version: 2 is older than version 3 in force (versions only go up)");
        RuleStatus sameVersionOtherText = judge(s2(3, "4000", false));
        assertThat(sameVersionOtherText.messages).containsExactly(
                "S2-salary-sip.yaml: rule S2-salary-sip: version: 3 is in force with another text; give the change version 4");
        RuleRegistry.Verdict repeat = registry.judge(s2(3, "3000", false), NOW, AT);
        assertThat(repeat.status().status).isEqualTo(RuleStatus.ACCEPTED);
        assertThat(repeat.accepted()).as("nothing to apply").isNull();
    }

    @Test
    void pauseAndResumeKeepTheVersion() {
        judge(s2(1, "3000", false));
        RuleRegistry.Verdict paused = registry.judge(s2(1, "3000", true), NOW, AT);
        assertThat(paused.status().state).isEqualTo("PAUSED");
        assertThat(paused.accepted().paused()).isTrue();
        assertThat(registry.judge(s2(1, "3000", true), NOW, AT).accepted()).as("paused already").isNull();
        RuleRegistry.Verdict resumed = registry.judge(s2(1, "3000", false), NOW, AT);
        assertThat(resumed.status().state).isEqualTo("ACTIVE");
        assertThat(resumed.accepted()).isNotNull();
    }

    @Test
    void aDeletedRuleComesBackOnlyWithAHigherVersion() {
        judge(s2(2, "3000", false));
        RuleUpdate delete = RuleUpdate.removeRule("S2-salary-sip");
        RuleRegistry.Verdict deleted = registry.judge(delete, NOW, AT);
        assertThat(deleted.status().state).isEqualTo("DELETED");
        assertThat(deleted.accepted().version).isEqualTo(2);
        assertThat(judge(RuleUpdate.removeRule("S2-salary-sip")).messages)
                .containsExactly("rule S2-salary-sip: no such rule in force (deleted at version 2)");
        assertThat(judge(s2(2, "3000", false)).messages).containsExactly(
                "S2-salary-sip.yaml: rule S2-salary-sip: version: 2 was deleted at version 2; add it again with version 3 or higher");
        RuleRegistry.Verdict again = registry.judge(s2(3, "3000", false), NOW, AT);
        assertThat(again.status().status).isEqualTo(RuleStatus.ACCEPTED);
        assertThat(again.accepted().rule.incarnation).as("a new life: no customer state of the old one carries over")
                .isEqualTo((int) again.accepted().sequence);
        assertThat(registry.judge(s2(4, "3000", false), NOW, AT).accepted().rule.incarnation).as("kept by later versions")
                .isEqualTo(again.accepted().rule.incarnation);
    }

    @Test
    void aDeleteOfARuleNeverSeenKeepsItsVersionFloor() {
        // a fresh job on a compacted topic may find only the delete of a rule
        RuleUpdate delete = RuleUpdate.removeRule("S2-salary-sip");
        delete.version = 3;
        RuleStatus s = judge(delete);
        assertThat(s.status).isEqualTo(RuleStatus.ACCEPTED);
        assertThat(s.messages).containsExactly("unchanged: version 3 is in force already");
        assertThat(judge(s2(3, "3000", false)).status).isEqualTo(RuleStatus.REJECTED);
    }

    @Test
    void aDeleteOfAnotherVersionThanTheOneInForceIsRejected() {
        judge(s2(2, "3000", false));
        RuleUpdate delete = RuleUpdate.removeRule("S2-salary-sip");
        delete.version = 1;
        assertThat(judge(delete).messages).containsExactly(
                "rule S2-salary-sip: version: the delete is for version 1 but version 2 is in force");
        assertThat(judge(RuleUpdate.removeRule("S9-unknown")).messages).containsExactly("rule S9-unknown: no such rule in force");
    }

    @Test
    void theKeyAndTheFileMustNameTheSameRuleAndVersion() {
        RuleUpdate u = s2(1, "3000", false);
        u.rule.ruleId = "S1-partner-spend";
        assertThat(judge(u).messages).containsExactly(
                "S2-salary-sip.yaml: rule S2-salary-sip: id: the update is for rule S1-partner-spend but the file's id is S2-salary-sip");
        RuleUpdate v = s2(1, "3000", false);
        v.version = 5;
        assertThat(judge(v).messages).containsExactly("S2-salary-sip.yaml: rule S2-salary-sip: version: the update says 5 but the file says 1");
    }

    @Test
    void aRuleOnAListNotYetPublishedIsAcceptedWithAWarning() {
        RuleSource s1 = ShippedRules.source("S1-partner-spend").copy();
        s1.ruleId = "S1-partner-spend";
        RuleStatus s = judge(RuleUpdate.putRule(s1));
        assertThat(s.status).isEqualTo(RuleStatus.ACCEPTED);
        assertThat(s.warnings).contains(
                "S1-partner-spend.yaml: rule S1-partner-spend: list partner-merchants is not published yet: conditions on it match nothing until it is");
    }

    @Test
    void listVersionsGoUpAndARepeatIsUnchanged() {
        RuleUpdate first = RuleUpdate.putList("partner-merchants", List.of("M1", "M2"));
        first.version = 1;
        assertThat(judge(first).status).isEqualTo(RuleStatus.ACCEPTED);
        assertThat(judge(first).messages).containsExactly("unchanged: version 1 is in force already");
        RuleUpdate again = RuleUpdate.putList("partner-merchants", List.of("M1"));
        again.version = 1;
        assertThat(judge(again).messages).containsExactly(
                "list partner-merchants: version: 1 is not newer than version 1 in force (versions only go up)");
        RuleUpdate unnumbered = RuleUpdate.putList("partner-merchants", List.of("M3"));
        RuleRegistry.Verdict v = registry.judge(unnumbered, NOW, AT);
        assertThat(v.accepted().version).as("the next version").isEqualTo(2);
    }

    @Test
    void aMalformedRecordIsRejectedWithItsProblem() throws Exception {
        try {
            RuleUpdateJson.parse("rule:S2-salary-sip", "{\"type\":\"RULE\",\"id\":\"S2-salary-sip\",\"version\":\"two\",\"text\":\"x\"}");
        } catch (RuleUpdateJson.Malformed m) {
            RuleStatus s = registry.malformed(m, AT).status();
            assertThat(s.status).isEqualTo(RuleStatus.REJECTED);
            assertThat(s.id).isEqualTo("S2-salary-sip");
            assertThat(s.messages).containsExactly("version: expected a whole number of at least 1, got \"two\"");
            return;
        }
        throw new AssertionError("not rejected");
    }

    @Test
    void whatIsInForceSurvivesASnapshot() {
        judge(s2(4, "3000", false));
        RuleRegistry restored = new RuleRegistry();
        restored.restore(registry.snapshot());
        assertThat(restored.judge(s2(3, "3000", false), NOW, AT).status().status).isEqualTo(RuleStatus.REJECTED);
        RuleRegistry.Verdict next = restored.judge(s2(5, "3000", false), NOW, AT);
        assertThat(next.accepted().sequence).as("the running number goes on").isEqualTo(2);
    }
}

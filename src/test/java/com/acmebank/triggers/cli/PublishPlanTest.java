package com.acmebank.triggers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.ruleset.RuleUpdateJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** rules publish decides before it publishes: unchanged rules are left out, what the engine would refuse is refused. */
class PublishPlanTest {
    private static final long FROM = 1_796_000_000_000L;
    private static final String TEXT_V3 = "id: S1-partner-spend\nversion: 3\n...";

    private static RuleUpdate published(String id, int version, String text, boolean paused) {
        RuleSource s = new RuleSource(id + ".yaml", text);
        s.ruleId = id;
        s.paused = paused;
        RuleUpdate u = RuleUpdate.putRule(s);
        u.version = version;
        return u;
    }

    private static RuleUpdate deleted(String id, int version) {
        RuleUpdate u = RuleUpdate.removeRule(id);
        u.version = version;
        return u;
    }

    private static PublishPlan.Candidate file(String id, int version, String text) {
        return new PublishPlan.Candidate(id, version, id + ".yaml", text);
    }

    private static Map<String, RuleUpdate> topic(RuleUpdate... updates) {
        java.util.Map<String, RuleUpdate> m = new java.util.LinkedHashMap<>();
        for (RuleUpdate u : updates) {
            m.put(RuleUpdateJson.key(u), u);
        }
        return m;
    }

    @Test
    void aNewRuleIsPublishedActiveWithItsIdVersionAndInstant() {
        PublishPlan.Outcome plan = PublishPlan.plan(List.of(file("S2-salary-sip", 1, "id: S2-salary-sip")), Map.of(), FROM);
        assertThat(plan.refused()).isEmpty();
        assertThat(plan.publish()).singleElement().satisfies(u -> {
            assertThat(u.kind).isEqualTo(RuleUpdate.PUT_RULE);
            assertThat(u.rule.ruleId).isEqualTo("S2-salary-sip");
            assertThat(u.rule.fileName).isEqualTo("S2-salary-sip.yaml");
            assertThat(u.paused()).isFalse();
            assertThat(u.version).isEqualTo(1);
            assertThat(u.effectiveFrom).isEqualTo(FROM);
            assertThat(RuleUpdateJson.key(u)).isEqualTo("rule:S2-salary-sip");
        });
    }

    @Test
    void theSameVersionAndTextIsLeftOutAsUnchanged() {
        PublishPlan.Outcome plan = PublishPlan.plan(List.of(file("S1-partner-spend", 3, TEXT_V3), file("S2-salary-sip", 1, "x")),
                topic(published("S1-partner-spend", 3, TEXT_V3, false)), FROM);
        assertThat(plan.unchanged()).containsExactly("S1-partner-spend: version 3 already published, unchanged");
        assertThat(plan.publish()).extracting(RuleUpdate::ruleId).containsExactly("S2-salary-sip");
        assertThat(plan.refused()).isEmpty();
    }

    @Test
    void anUnchangedPausedRuleStaysPausedAndSaysHowToResumeIt() {
        PublishPlan.Outcome plan = PublishPlan.plan(List.of(file("S1-partner-spend", 3, TEXT_V3)),
                topic(published("S1-partner-spend", 3, TEXT_V3, true)), FROM);
        assertThat(plan.publish()).isEmpty();
        assertThat(plan.unchanged()).containsExactly(
                "S1-partner-spend: version 3 already published, unchanged (paused: rules resume S1-partner-spend resumes it)");
    }

    @Test
    void anOlderVersionIsRefused() {
        PublishPlan.Outcome plan = PublishPlan.plan(List.of(file("S1-partner-spend", 2, "old")),
                topic(published("S1-partner-spend", 3, TEXT_V3, false)), FROM);
        assertThat(plan.refused()).containsExactly(
                "S1-partner-spend: version 2 is older than version 3 already published (versions only go up)");
    }

    @Test
    void theSameVersionWithAnotherTextIsRefused() {
        PublishPlan.Outcome plan = PublishPlan.plan(List.of(file("S1-partner-spend", 3, TEXT_V3 + "\n# edited")),
                topic(published("S1-partner-spend", 3, TEXT_V3, false)), FROM);
        assertThat(plan.refused()).containsExactly(
                "S1-partner-spend: version 3 is already published with another text; give the change version 4");
    }

    @Test
    void aDeletedRuleComesBackOnlyWithAHigherVersion() {
        Map<String, RuleUpdate> topic = topic(deleted("S1-partner-spend", 3));
        assertThat(PublishPlan.plan(List.of(file("S1-partner-spend", 3, TEXT_V3)), topic, FROM).refused()).containsExactly(
                "S1-partner-spend: version 3: the rule was deleted at version 3; publish it again with version 4 or higher");
        assertThat(PublishPlan.plan(List.of(file("S1-partner-spend", 4, "v4")), topic, FROM).publish()).hasSize(1);
    }

    @Test
    void aNewerVersionOfAPausedRuleIsPublishedActiveWithANote() {
        PublishPlan.Outcome plan = PublishPlan.plan(List.of(file("S1-partner-spend", 4, "v4")),
                topic(published("S1-partner-spend", 3, TEXT_V3, true)), FROM);
        assertThat(plan.publish()).singleElement().satisfies(u -> assertThat(u.paused()).isFalse());
        assertThat(plan.notes()).containsExactly("S1-partner-spend: version 3 is paused; version 4 will be active");
    }

    @Test
    void aListOfTheSameNameIsNoRule() {
        RuleUpdate list = RuleUpdate.putList("S1-partner-spend", List.of("a"));
        list.version = 9;
        assertThat(PublishPlan.plan(List.of(file("S1-partner-spend", 1, "x")), topic(list), FROM).publish()).hasSize(1);
    }
}

package com.acmebank.triggers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.ruleset.RuleUpdateJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pause, resume, delete and lists publish: the update they publish, or why they publish none. */
class RuleStateChangesTest {
    private static final long NOW = 1_796_000_000_000L;

    private static RuleUpdate rule(int version, boolean paused) {
        RuleSource s = new RuleSource("S1-partner-spend.yaml", "id: S1-partner-spend\nversion: " + version);
        s.ruleId = "S1-partner-spend";
        s.paused = paused;
        RuleUpdate u = RuleUpdate.putRule(s).from(5L);
        u.version = version;
        u.sequence = 12;
        return u;
    }

    @Test
    void pauseRepublishesTheSameVersionAndTextPaused() {
        RuleUpdate current = rule(3, false);
        RuleStateCommands.Decision d = RuleStateCommands.decide("pause", "S1-partner-spend", current, NOW);
        assertThat(d.update()).isNotNull();
        assertThat(d.update().paused()).isTrue();
        assertThat(d.update().version).isEqualTo(3);
        assertThat(d.update().rule.text).isEqualTo(current.rule.text);
        assertThat(d.update().rule.fileName).isEqualTo("S1-partner-spend.yaml");
        assertThat(d.update().effectiveFrom).isEqualTo(NOW);
        assertThat(RuleUpdateJson.write(d.update())).contains("\"state\":\"PAUSED\"");
        assertThat(current.paused()).as("the published update is left alone").isFalse();
    }

    @Test
    void resumeRepublishesItActiveAndARepeatPublishesNothing() {
        RuleStateCommands.Decision resume = RuleStateCommands.decide("resume", "S1-partner-spend", rule(3, true), NOW);
        assertThat(resume.update().paused()).isFalse();
        assertThat(RuleStateCommands.decide("resume", "S1-partner-spend", rule(3, false), NOW))
                .isEqualTo(new RuleStateCommands.Decision(null, "S1-partner-spend: version 3 is active already", 0));
        assertThat(RuleStateCommands.decide("pause", "S1-partner-spend", rule(3, true), NOW))
                .isEqualTo(new RuleStateCommands.Decision(null, "S1-partner-spend: version 3 is paused already", 0));
    }

    @Test
    void deletePublishesTheVersionInForce() {
        RuleStateCommands.Decision d = RuleStateCommands.decide("delete", "S1-partner-spend", rule(3, true), NOW);
        assertThat(d.update().kind).isEqualTo(RuleUpdate.REMOVE_RULE);
        assertThat(d.update().version).isEqualTo(3);
        assertThat(RuleUpdateJson.write(d.update())).contains("\"state\":\"DELETED\"", "\"version\":3");
    }

    @Test
    void aRuleThatIsNotPublishedOrDeletedCannotBePausedOrResumed() {
        assertThat(RuleStateCommands.decide("pause", "S9", null, NOW).exitCode()).isEqualTo(2);
        assertThat(RuleStateCommands.decide("pause", "S9", null, NOW).message()).startsWith("No rule S9 on the rule-updates topic");
        RuleUpdate deleted = RuleUpdate.removeRule("S1-partner-spend");
        deleted.version = 3;
        assertThat(RuleStateCommands.decide("resume", "S1-partner-spend", deleted, NOW)).isEqualTo(new RuleStateCommands.Decision(null,
                "S1-partner-spend: deleted at version 3, nothing to resume (publish it again with version 4 or higher)", 2));
        assertThat(RuleStateCommands.decide("delete", "S1-partner-spend", deleted, NOW)).isEqualTo(new RuleStateCommands.Decision(null,
                "S1-partner-spend: deleted already (version 3)", 0));
    }

    @Test
    void aListGoesOneVersionUpUnlessItsValuesAreTheSame() {
        ListsCommand.Decision first = ListsCommand.decide("partner-merchants", List.of("M001", "M002"), null, NOW);
        assertThat(first.update().version).isEqualTo(1);
        assertThat(RuleUpdateJson.key(first.update())).isEqualTo("list:partner-merchants");
        RuleUpdate v7 = RuleUpdate.putList("partner-merchants", List.of("M001", "M002"));
        v7.version = 7;
        assertThat(ListsCommand.decide("partner-merchants", List.of("M001", "M003"), v7, NOW).update().version).isEqualTo(8);
        assertThat(ListsCommand.decide("partner-merchants", List.of("M001", "M002"), v7, NOW)).isEqualTo(new ListsCommand.Decision(null,
                "list partner-merchants: version 7 already published with these 2 values, unchanged", 0));
        assertThat(ListsCommand.decide("partner merchants", List.of("M001"), null, NOW).exitCode()).isEqualTo(2);
    }
}

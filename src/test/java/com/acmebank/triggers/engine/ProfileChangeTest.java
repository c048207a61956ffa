package com.acmebank.triggers.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.condition.ReferenceLists;
import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleCompiler;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.testing.ProfileJson;
import com.acmebank.triggers.testing.TestPolicies;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A profile change as the moment: upgraded to GOLD, fired when the new version takes effect (its updatedAt). */
class ProfileChangeTest {
    private static long t(String local) {
        return LocalDateTime.parse(local).toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
    }

    @Test
    void anUpgradeToGoldFiresAtItsUpdatedAtOnceAndTheBaselineFiresNothing() throws Exception {
        EngineConfig config = new EngineConfig();
        config.policy = TestPolicies.withoutHoldout();
        CustomerTimeline timeline = new CustomerTimeline(config, config.goLive);
        timeline.rules(RuleBook.of(List.of(new RuleCompiler().compile(new RuleSource("g.yaml", """
                id: G1-welcome-to-gold
                version: 1
                trigger: {profileChange: {field: tier, from: [MASS, SILVER], to: GOLD}}
                offer: {channel: PUSH, template: "Welcome to GOLD, {{profile.name|default:customer}}"}
                """))), ReferenceLists.empty()));
        InMemoryCustomer c = new InMemoryCustomer("C1", timeline);
        c.accept(ProfileJson.of("C1").with("tier", "SILVER").with("updatedAt", "2026-11-01T00:00:00+08:00").profile());
        c.accept(ProfileJson.of("C1").with("tier", "GOLD").with("updatedAt", "2026-11-10T10:00:00+08:00").profile());
        c.accept(ProfileJson.of("C1").with("tier", "GOLD").with("name", "Li").with("updatedAt", "2026-11-11T10:00:00+08:00").profile());
        c.accept(ProfileJson.of("C1").with("tier", "DIAMOND").with("updatedAt", "2026-11-12T10:00:00+08:00").profile());
        c.advanceTo(t("2026-11-13T00:00:00"));
        assertThat(c.decisions).extracting(d -> d.outcome + " @" + d.decidedAt + " " + d.detailsJson).containsExactly(
                "SENT @" + t("2026-11-10T10:00:00") + " {\"field\":\"profile.tier\",\"from\":\"SILVER\",\"to\":\"GOLD\"}");
        assertThat(c.offers).extracting(o -> o.message).containsExactly("Welcome to GOLD, Test C1");
    }
}

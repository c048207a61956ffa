package com.acmebank.triggers.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.testing.ShippedRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules in force over event time: a change applies from its instant, not from when it arrived. */
class RuleTimelineTest {
    private static RuleUpdate s2(int version, long from, long sequence) {
        RuleSource s = ShippedRules.source("S2-salary-sip").copy();
        s.text = s.text.replace("version: 1", "version: " + version);
        s.ruleId = "S2-salary-sip";
        RuleUpdate u = RuleUpdate.putRule(s).from(from);
        u.version = version;
        u.sequence = sequence;
        return u;
    }

    @Test
    void anUpdateAppliesFromItsInstant() throws Exception {
        RuleTimeline t = new RuleTimeline(RuleBook.empty());
        t.add(s2(1, 1000, 1));
        assertThat(t.at(999).rule("S2-salary-sip")).isNull();
        assertThat(t.at(1000).rule("S2-salary-sip").version()).isEqualTo(1);
        assertThat(t.now().rule("S2-salary-sip")).isNull();
    }

    @Test
    void updatesApplyInTheOrderOfTheirInstants() throws Exception {
        RuleTimeline t = new RuleTimeline(RuleBook.empty());
        t.add(s2(1, 1000, 1));
        t.add(s2(2, 2000, 2));
        RuleUpdate pause = s2(2, 3000, 3);
        pause.rule.paused = true;
        t.add(pause);
        assertThat(t.at(1500).rule("S2-salary-sip").version()).isEqualTo(1);
        assertThat(t.at(2500).rule("S2-salary-sip").version()).isEqualTo(2);
        assertThat(t.at(2500).bindings("SALARY_CREDIT")).hasSize(1);
        assertThat(t.at(3000).paused("S2-salary-sip")).isTrue();
        assertThat(t.at(3000).bindings("SALARY_CREDIT")).isEmpty();
    }

    @Test
    void aNewerUpdateSupersedesAPendingOlderOneDueLater() throws Exception {
        RuleTimeline t = new RuleTimeline(RuleBook.empty());
        t.add(s2(5, 10_000, 1));
        List<RuleUpdate> superseded = t.add(s2(6, 2000, 2));
        assertThat(superseded).extracting(u -> u.version).containsExactly(5);
        assertThat(t.at(20_000).rule("S2-salary-sip").version()).as("version 5 never comes back").isEqualTo(6);
    }

    @Test
    void dueUpdatesMoveIntoTheRulesInForce() throws Exception {
        RuleTimeline t = new RuleTimeline(RuleBook.empty());
        t.add(s2(1, 1000, 1));
        t.add(s2(2, 5000, 2));
        assertThat(t.takeDue(999)).isEmpty();
        assertThat(t.takeDue(1000)).extracting(u -> u.version).containsExactly(1);
        assertThat(t.now().rule("S2-salary-sip").version()).isEqualTo(1);
        assertThat(t.pending()).extracting(u -> u.version).containsExactly(2);
        RuleUpdate delete = RuleUpdate.removeRule("S2-salary-sip").from(6000);
        delete.sequence = 3;
        t.add(delete);
        assertThat(t.at(6000).rule("S2-salary-sip")).isNull();
        assertThat(t.at(5999).rule("S2-salary-sip").version()).isEqualTo(2);
    }
}

package com.acmebank.triggers.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule-updates record format: what is written reads back, and a bad record says which field is wrong. */
class RuleUpdateJsonTest {
    @Test
    void aRuleUpdateRoundTrips() throws Exception {
        RuleSource s = new RuleSource("S2.yaml", "id: S2\nversion: 3\n");
        s.ruleId = "S2";
        s.paused = true;
        RuleUpdate u = RuleUpdate.putRule(s).from(Times.parseInstant("2026-12-02T10:00:00Z"));
        u.version = 3;
        String json = RuleUpdateJson.write(u);
        assertThat(json).isEqualTo("{\"type\":\"RULE\",\"id\":\"S2\",\"version\":3,\"state\":\"PAUSED\","
                + "\"effectiveFrom\":\"2026-12-02T10:00:00Z\",\"fileName\":\"S2.yaml\",\"text\":\"id: S2\\nversion: 3\\n\"}");
        RuleUpdate back = RuleUpdateJson.parse("rule:S2", json);
        assertThat(back.kind).isEqualTo(RuleUpdate.PUT_RULE);
        assertThat(back.rule.text).isEqualTo(s.text);
        assertThat(back.paused()).isTrue();
        assertThat(back.version).isEqualTo(3);
        assertThat(back.effectiveFrom).isEqualTo(u.effectiveFrom);
        assertThat(RuleUpdateJson.key(back)).isEqualTo("rule:S2");
    }

    @Test
    void deletesAndListsRoundTrip() throws Exception {
        RuleUpdate d = RuleUpdate.removeRule("S2");
        d.version = 3;
        assertThat(RuleUpdateJson.parse("rule:S2", RuleUpdateJson.write(d)).kind).isEqualTo(RuleUpdate.REMOVE_RULE);
        RuleUpdate l = RuleUpdate.putList("partner-merchants", List.of("M1", "M2"));
        l.version = 2;
        RuleUpdate back = RuleUpdateJson.parse("list:partner-merchants", RuleUpdateJson.write(l));
        assertThat(back.values).containsExactly("M1", "M2");
        assertThat(back.effectiveFrom).as("no instant: from when the engine reads it").isEqualTo(RuleUpdate.FROM_START);
    }

    @Test
    void badRecordsNameTheFieldAndTheProblem() {
        assertThatThrownBy(() -> RuleUpdateJson.parse("rule:S2", "not json")).hasMessageStartingWith("not JSON: ");
        assertThatThrownBy(() -> RuleUpdateJson.parse("rule:S2", null)).hasMessageStartingWith("empty record");
        assertThatThrownBy(() -> RuleUpdateJson.parse("rule:S1", "{\"type\":\"RULE\",\"id\":\"S2\",\"version\":1,\"text\":\"x\"}"))
                .hasMessage("key: the record is keyed 'rule:S1' but is about rule:S2");
        assertThatThrownBy(() -> RuleUpdateJson.parse(null, "{\"type\":\"RULES\",\"id\":\"S2\",\"version\":1}"))
                .hasMessage("type: expected RULE or LIST, got \"RULES\"");
        assertThatThrownBy(() -> RuleUpdateJson.parse(null, "{\"type\":\"RULE\",\"id\":\"S2\",\"version\":1,\"state\":\"ON\",\"text\":\"x\"}"))
                .hasMessage("state: expected ACTIVE, PAUSED or DELETED, got \"ON\"");
        assertThatThrownBy(() -> RuleUpdateJson.parse(null, "{\"type\":\"RULE\",\"id\":\"S2\",\"version\":1,\"effectiveFrom\":\"tomorrow\",\"text\":\"x\"}"))
                .hasMessage("effectiveFrom: expected an ISO-8601 instant with an offset or Z, got \"tomorrow\"");
        assertThatThrownBy(() -> RuleUpdateJson.parse(null, "{\"type\":\"LIST\",\"id\":\"l\",\"version\":1,\"values\":[\"a\",\"\"]}"))
                .hasMessage("values[1]: expected a non-empty string, got \"\"");
        assertThatThrownBy(() -> RuleUpdateJson.parse(null, "{\"type\":\"RULE\",\"id\":\"S2\",\"version\":1,\"text\":\"x\",\"owner\":\"me\"}"))
                .hasMessageStartingWith("owner: unknown field");
    }
}

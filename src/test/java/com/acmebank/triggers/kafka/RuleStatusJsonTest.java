package com.acmebank.triggers.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acmebank.triggers.event.Origin;
import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.output.RecordJson;
import com.acmebank.triggers.output.RuleStatus;
import com.acmebank.triggers.ruleset.RuleStatusJson;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleStatusJsonTest {
    @Test
    void readsBackWhatTheEngineWrites() throws Exception {
        RuleStatus s = new RuleStatus();
        s.type = "RULE";
        s.id = "S1-partner-spend";
        s.version = 4;
        s.state = "ACTIVE";
        s.status = RuleStatus.ACCEPTED;
        s.effectiveFrom = Times.parseInstant("2026-12-02T10:15:03.120Z");
        s.warnings = List.of("S1-partner-spend.yaml: rule S1-partner-spend: list partner-merchants is not published yet");
        s.origin = Origin.kafka("rule-updates", 0, 17);

        RuleStatus back = RuleStatusJson.parse(RecordJson.ruleStatus(s));

        assertThat(back).usingRecursiveComparison().isEqualTo(s);
        assertThat(RecordJson.ruleStatus(back)).isEqualTo(RecordJson.ruleStatus(s));
    }

    @Test
    void aRejectionOfAMalformedRecordHasNoIdNoStateAndNoEffectiveInstant() throws Exception {
        RuleStatus s = new RuleStatus();
        s.type = "RULE";
        s.status = RuleStatus.REJECTED;
        s.messages = List.of("not JSON: Unexpected character", "second");
        s.origin = Origin.fileLine("rule-updates.jsonl", 3);

        RuleStatus back = RuleStatusJson.parse(RecordJson.ruleStatus(s));

        assertThat(back).usingRecursiveComparison().isEqualTo(s);
        assertThat(back.effectiveFrom).isEqualTo(Long.MIN_VALUE);
        assertThat(back.accepted()).isFalse();
    }

    @Test
    void theDocumentedExampleParses() throws Exception {
        RuleStatus s = RuleStatusJson.parse("{\"type\":\"RULE\",\"id\":\"S1-partner-spend\",\"version\":4,\"state\":\"ACTIVE\","
                + "\"status\":\"ACCEPTED\",\"effectiveFrom\":\"2026-12-02T10:15:03.120Z\",\"messages\":[],\"warnings\":[],"
                + "\"source\":{\"topic\":\"rule-updates\",\"partition\":0,\"offset\":17}}");
        assertThat(s.origin).isEqualTo(Origin.kafka("rule-updates", 0, 17));
        assertThat(s.version).isEqualTo(4);
        assertThat(Times.format(s.effectiveFrom)).isEqualTo("2026-12-02T10:15:03.120Z");
    }

    @Test
    void whatIsNotAStatusSaysWhy() {
        assertThatThrownBy(() -> RuleStatusJson.parse("nope")).isInstanceOf(IOException.class).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> RuleStatusJson.parse("{\"type\":\"RULE\"}")).hasMessageStartingWith("status:");
        assertThatThrownBy(() -> RuleStatusJson.parse("{\"status\":\"ACCEPTED\",\"version\":\"4\"}")).hasMessageStartingWith("version:");
        assertThatThrownBy(() -> RuleStatusJson.parse("{\"status\":\"ACCEPTED\",\"effectiveFrom\":\"soon\"}")).hasMessageStartingWith("effectiveFrom:");
        assertThatThrownBy(() -> RuleStatusJson.parse("")).hasMessageStartingWith("empty record");
    }
}

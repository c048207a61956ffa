package com.acmebank.triggers.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.event.Origin;
import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.output.DeadLetter;
import com.acmebank.triggers.output.RuleStatus;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.ruleset.RuleUpdateJson;
import com.acmebank.triggers.testing.ShippedRules;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The rule registry on Flink's harness: a status for every update, only accepted ones go on, versions survive a restore. */
class RuleRegistryFunctionTest {
    private static long offset;

    private static RawRecord record(int version, String threshold, String state) {
        RuleSource s = ShippedRules.source("S2-salary-sip").copy();
        s.text = s.text.replace("version: 1", "version: " + version).replace("gte: 3000", "gte: " + threshold);
        s.ruleId = "S2-salary-sip";
        s.paused = RuleUpdateJson.PAUSED.equals(state);
        RuleUpdate u = RuleUpdate.putRule(s).from(2_000_000L);
        u.version = version;
        return new RawRecord(RuleUpdateJson.write(u), RuleUpdateJson.key(u), Origin.kafka("rule-updates", 0, offset++));
    }

    private static List<String> statuses(OneInputStreamOperatorTestHarness<RawRecord, RuleUpdate> h) {
        var out = h.getSideOutput(OutputTags.RULE_STATUS);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue)
                .map(s -> s.origin.offset + " " + s.id + " v" + s.version + " " + s.state + " " + s.status + (s.messages.isEmpty() ? "" : " " + s.messages.get(0)))
                .toList();
    }

    @Test
    void everyUpdateGetsAStatusAndOnlyAcceptedOnesGoOn() throws Exception {
        offset = 0;
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(new RuleRegistryFunction())) {
            h.processWatermark(1_000_000L);
            h.processElement(record(2, "4000", "ACTIVE"), 0);
            h.processElement(record(1, "3000", "ACTIVE"), 0);
            h.processElement(record(3, "lots", "ACTIVE"), 0);
            h.processElement(record(2, "4000", "PAUSED"), 0);
            h.processElement(new RawRecord("{", "rule:S2-salary-sip", Origin.kafka("rule-updates", 0, offset++)), 0);
            assertThat(statuses(h)).containsExactly(
                    "0 S2-salary-sip v2 ACTIVE ACCEPTED",
                    "1 S2-salary-sip v1 ACTIVE REJECTED S2-salary-sip.yaml: rule S2-salary-sip: version: 1 is older than version 2 in force (versions only go up)",
                    "2 S2-salary-sip v3 ACTIVE REJECTED S2-salary-sip.yaml: rule S2-salary-sip: trigger.event.where[0].gte: expected a number, got \"lots\"",
                    "3 S2-salary-sip v2 PAUSED ACCEPTED",
                    "4 S2-salary-sip v0 null REJECTED not JSON: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])");
            assertThat(h.extractOutputValues()).extracting(u -> u.version + " " + u.paused() + " #" + u.sequence).containsExactly("2 false #1", "2 true #2");
            assertThat(h.getSideOutput(OutputTags.DEAD_LETTERS)).extracting(r -> r.getValue().kind + " " + r.getValue().origin.offset)
                    .containsExactly(DeadLetter.RULE + " 1", DeadLetter.RULE + " 2", DeadLetter.RULE + " 4");
        }
    }

    @Test
    void anUpdateDatedBeforeTheRulesEventTimeAppliesJustAfterIt() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(new RuleRegistryFunction())) {
            h.processWatermark(5_000_000L);
            h.processElement(record(1, "3000", "ACTIVE"), 0);
            assertThat(h.extractOutputValues()).singleElement().satisfies(u -> assertThat(u.effectiveFrom).isEqualTo(5_000_001L));
            assertThat(h.getSideOutput(OutputTags.RULE_STATUS)).singleElement()
                    .satisfies(s -> assertThat(s.getValue().effectiveFrom).isEqualTo(5_000_001L));
        }
    }

    @Test
    void theVersionsInForceSurviveARestore() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(new RuleRegistryFunction())) {
            h.processWatermark(7_000_000L);
            h.processElement(record(4, "3000", "ACTIVE"), 0);
            snapshot = h.snapshot(1, 1);
        }
        try (var h = new OneInputStreamOperatorTestHarness<>(new org.apache.flink.streaming.api.operators.ProcessOperator<>(new RuleRegistryFunction()))) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(record(3, "3000", "ACTIVE"), 0);
            assertThat(h.getSideOutput(OutputTags.RULE_STATUS)).singleElement().satisfies(s -> assertThat(s.getValue().status).isEqualTo(RuleStatus.REJECTED));
            assertThat(h.extractOutputValues()).isEmpty();
            // read again after the restore, before the rules' watermark is back: not before the event time reached before
            h.processElement(record(5, "3000", "ACTIVE"), 0);
            assertThat(h.extractOutputValues()).singleElement().satisfies(u -> assertThat(u.effectiveFrom).isEqualTo(7_000_001L));
        }
    }
}

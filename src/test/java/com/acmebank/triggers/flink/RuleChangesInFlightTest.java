package com.acmebank.triggers.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.testing.EventJson;
import com.acmebank.triggers.testing.ProfileJson;
import com.acmebank.triggers.testing.ShippedRules;
import com.acmebank.triggers.testing.TestPolicies;
import com.acmebank.triggers.trigger.TriggerState;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each row of README's table "What a change does to the customers' state", on the customer operator: a change
 * applies from its effective instant, and keeps or resets what the rule remembered as the table says. The rule
 * is S6 (credit-card spend this calendar month reaching 5,000); customer C1 spent 4,000 before every change.
 */
class RuleChangesInFlightTest {
    private static final String S6 = "S6-monthly-spend-unlock";
    private KeyedBroadcastOperatorTestHarness<String, com.acmebank.triggers.flink.CustomerInput, RuleUpdate, Offer> harness;
    private long sequence;

    @BeforeEach
    void open() throws Exception {
        EngineConfig config = new EngineConfig();
        config.policy = TestPolicies.withoutHoldout();
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new CustomerTriggerFunction(config),
                new Keys.ByCustomer(), Types.STRING, StateDescriptors.RULES, StateDescriptors.REFERENCE_LISTS, StateDescriptors.PENDING_RULE_UPDATES);
        for (RuleUpdate list : ShippedRules.lists()) {
            harness.processBroadcastElement(list, 0);
        }
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        harness.processBroadcastElement(s6(1, text -> text, false, RuleUpdate.FROM_START), 0);
        harness.processElement(CustomerInput.of(ProfileJson.of("C1").profile()), 0);
        spend("p1", "2026-11-05T10:00:00", "4000");
        harness.processWatermark(t("2026-11-10T00:00:00"));
        assertThat(decisions()).isEmpty();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static long t(String localTime) {
        return OffsetDateTime.parse(localTime + "+08:00").toInstant().toEpochMilli();
    }

    private RuleUpdate s6(int version, java.util.function.UnaryOperator<String> edit, boolean paused, long from) {
        RuleSource s = ShippedRules.source(S6).copy();
        s.text = edit.apply(s.text).replace("version: 1", "version: " + version);
        s.ruleId = S6;
        s.paused = paused;
        RuleUpdate u = RuleUpdate.putRule(s).from(from);
        u.version = version;
        u.sequence = ++sequence;
        return u;
    }

    private void publish(RuleUpdate u) throws Exception {
        harness.processBroadcastElement(u, 0);
    }

    private void spend(String id, String localTime, String amount) throws Exception {
        Event e = EventJson.of("CARD_PAYMENT", id, "C1", localTime + "+08:00").amount(amount).with("cardType", "CREDIT").event();
        harness.processElement(CustomerInput.of(e), e.eventTime);
    }

    private List<String> decisions() {
        var records = harness.getSideOutput(OutputTags.DECISIONS);
        if (records == null) {
            return List.of();
        }
        return records.stream().map(StreamRecord::getValue)
                .map(d -> d.ruleId + " v" + d.ruleVersion + " " + d.outcome + " " + String.join(",", d.triggerEventIds))
                .collect(Collectors.toList());
    }

    private List<String> triggerStateKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        harness.getOperator().getKeyedStateBackend().applyToAllKeys(org.apache.flink.runtime.state.VoidNamespace.INSTANCE,
                org.apache.flink.runtime.state.VoidNamespaceSerializer.INSTANCE, StateDescriptors.triggers(),
                (key, state) -> state.keys().forEach(keys::add));
        return keys;
    }

    @Test
    void aThresholdChangeKeepsWhatWasSummed() throws Exception {
        publish(s6(2, text -> text.replace("sum: {gte: 5000}", "sum: {gte: 4500}"), false, t("2026-11-11T00:00:00")));
        spend("p2", "2026-11-12T10:00:00", "600");
        harness.processWatermark(t("2026-11-13T00:00:00"));
        assertThat(decisions()).containsExactly(S6 + " v2 SENT p2");
    }

    @Test
    void aChangeOfWindowStartsTheSumAfresh() throws Exception {
        publish(s6(2, text -> text.replace("window: {calendar: month}", "window: {sliding: 30d}"), false, t("2026-11-11T00:00:00")));
        spend("p2", "2026-11-12T10:00:00", "1200");
        spend("p3", "2026-11-12T11:00:00", "3900");
        harness.processWatermark(t("2026-11-13T00:00:00"));
        assertThat(decisions()).as("1,200 alone is short; with 3,900 it is 5,100, counted from the change").containsExactly(S6 + " v2 SENT p3");
    }

    @Test
    void anAudienceChangeKeepsTheSumAndJudgesTheNextFiringByTheNewAudience() throws Exception {
        publish(s6(2, text -> text.replace("priority: 60", "priority: 60\naudience:\n  - {field: profile.segments, excludes: [STUDENT]}"),
                false, t("2026-11-11T00:00:00")));
        spend("p2", "2026-11-12T10:00:00", "1200");
        harness.processWatermark(t("2026-11-13T00:00:00"));
        assertThat(decisions()).containsExactly(S6 + " v2 SENT p2");
    }

    @Test
    void anOfferTextChangeKeepsTheSumAndTheNextOfferHasTheNewText() throws Exception {
        publish(s6(2, text -> text.replace("airport lounge access and double points are unlocked", "lounge access unlocked")
                .replace("已为您解锁机场贵宾厅及双倍积分权益", "贵宾厅已解锁"), false, t("2026-11-11T00:00:00")));
        spend("p2", "2026-11-12T10:00:00", "1200");
        harness.processWatermark(t("2026-11-13T00:00:00"));
        assertThat(decisions()).containsExactly(S6 + " v2 SENT p2");
        assertThat(harness.extractOutputValues()).singleElement().satisfies(o -> assertThat(o.message).contains("贵宾厅已解锁"));
    }

    @Test
    void aThresholdLoweredBelowWhatACustomerHasDoesNotFireForThem() throws Exception {
        // the bounds fire when they start to hold; for C1 they hold from the change on, so that moment has passed
        publish(s6(2, text -> text.replace("sum: {gte: 5000}", "sum: {gte: 3000}"), false, t("2026-11-11T00:00:00")));
        spend("p2", "2026-11-12T10:00:00", "100");
        harness.processWatermark(t("2026-11-13T00:00:00"));
        assertThat(decisions()).isEmpty();
    }

    @Test
    void aChangeAppliesFromItsInstantNotFromWhenItArrived() throws Exception {
        // both payments are on their way when the change arrives; only the one at or after its instant sees it
        spend("p2", "2026-11-10T10:00:00", "500");
        publish(s6(2, text -> text.replace("sum: {gte: 5000}", "sum: {gte: 4505}"), false, t("2026-11-10T12:00:00")));
        spend("p3", "2026-11-10T12:00:00", "10");
        harness.processWatermark(t("2026-11-11T00:00:00"));
        assertThat(decisions()).as("4,500 at 10:00 is short of 5,000 (version 1); 4,510 at 12:00 reaches 4,505 (version 2)")
                .containsExactly(S6 + " v2 SENT p3");
    }

    @Test
    void aPausedRuleNeitherCountsNorFiresAndResumesWithWhatItHad() throws Exception {
        publish(s6(1, text -> text, true, t("2026-11-11T00:00:00")));
        spend("p2", "2026-11-12T10:00:00", "1200");
        harness.processWatermark(t("2026-11-13T00:00:00"));
        assertThat(decisions()).as("paused: no firing").isEmpty();
        assertThat(triggerStateKeys()).as("kept while paused").containsExactly(S6 + "#0");
        publish(s6(1, text -> text, false, t("2026-11-14T00:00:00")));
        spend("p3", "2026-11-15T10:00:00", "900");
        harness.processWatermark(t("2026-11-16T00:00:00"));
        assertThat(decisions()).as("4,000 + 900: the paused 1,200 was not counted").isEmpty();
        spend("p4", "2026-11-16T10:00:00", "200");
        harness.processWatermark(t("2026-11-17T00:00:00"));
        assertThat(decisions()).containsExactly(S6 + " v1 SENT p4");
    }

    @Test
    void aDeletedRuleStopsAndItsStateGoesAtTheCustomersNextSweep() throws Exception {
        RuleUpdate delete = RuleUpdate.removeRule(S6).from(t("2026-11-11T00:00:00"));
        delete.version = 1;
        delete.sequence = ++sequence;
        publish(delete);
        spend("p2", "2026-11-12T10:00:00", "1200");
        harness.processWatermark(t("2026-11-12T12:00:00"));
        assertThat(decisions()).isEmpty();
        // the sweep runs two days after the customer's last activity it was scheduled by
        harness.processWatermark(t("2026-11-20T00:00:00"));
        assertThat(triggerStateKeys()).as("freed").isEmpty();
        publish(s6(2, text -> text, false, t("2026-11-21T00:00:00")));
        spend("p3", "2026-11-22T10:00:00", "1200");
        harness.processWatermark(t("2026-11-23T00:00:00"));
        assertThat(decisions()).as("added again: it starts from nothing").isEmpty();
    }

    @Test
    void aRuleAddedAgainAfterADeleteStartsAfreshForACustomerNotSweptYet() throws Exception {
        RuleUpdate delete = RuleUpdate.removeRule(S6).from(t("2026-11-10T01:00:00"));
        delete.version = 1;
        delete.sequence = ++sequence;
        publish(delete);
        RuleUpdate again = s6(2, text -> text, false, t("2026-11-10T02:00:00"));
        again.rule.incarnation = (int) again.sequence; // as the registry gives a rule added again
        publish(again);
        spend("p2", "2026-11-10T10:00:00", "1200");
        harness.processWatermark(t("2026-11-11T00:00:00"));
        assertThat(decisions()).as("4,000 from before the delete does not count: 1,200 is short").isEmpty();
    }

    @Test
    void anOfferHeldForQuietHoursIsNotSentOnceItsRuleIsPaused() throws Exception {
        spend("p2", "2026-11-10T22:30:00", "1200");
        publish(s6(1, text -> text, true, t("2026-11-10T23:00:00")));
        harness.processWatermark(t("2026-11-11T09:00:00"));
        var records = harness.getSideOutput(OutputTags.DECISIONS);
        assertThat(records).extracting(r -> r.getValue().outcome + " " + (r.getValue().reason == null ? "-" : r.getValue().reason))
                .containsExactly("DEFERRED QUIET_HOURS", "SUPPRESSED RULE_PAUSED");
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aRuleAddedMidStreamJudgesTheEventsFromItsInstant() throws Exception {
        RuleUpdate s2 = ShippedRules.rule("S2-salary-sip").from(t("2026-11-10T12:00:00"));
        s2.version = 1;
        s2.sequence = ++sequence;
        publish(s2);
        Event before = EventJson.of("SALARY_CREDIT", "sal1", "C1", "2026-11-10T11:59:59+08:00").amount("5000").event();
        Event at = EventJson.of("SALARY_CREDIT", "sal2", "C1", "2026-11-10T12:00:00+08:00").amount("5000").event();
        harness.processElement(CustomerInput.of(before), before.eventTime);
        harness.processElement(CustomerInput.of(at), at.eventTime);
        harness.processWatermark(t("2026-11-11T00:00:00"));
        assertThat(decisions()).containsExactly("S2-salary-sip v1 SENT sal2");
    }

    @Test
    void aListChangeAppliesFromItsInstant() throws Exception {
        RuleUpdate s1 = ShippedRules.rule("S1-partner-spend");
        s1.sequence = ++sequence;
        publish(s1);
        RuleUpdate list = RuleUpdate.putList("partner-merchants", List.of("M-NEW-PARTNER")).from(t("2026-11-10T12:00:00"));
        list.version = 2;
        list.sequence = ++sequence;
        publish(list);
        for (String[] p : new String[][] {{"m1", "2026-11-10T11:00:00"}, {"m2", "2026-11-10T13:00:00"}}) {
            Event e = EventJson.of("CARD_PAYMENT", p[0], "C1", p[1] + "+08:00").amount("300").with("merchantId", "M-NEW-PARTNER").event();
            harness.processElement(CustomerInput.of(e), e.eventTime);
        }
        harness.processWatermark(t("2026-11-11T00:00:00"));
        assertThat(decisions()).containsExactly("S1-partner-spend v1 SENT m2");
    }

    @Test
    void pendingUpdatesSurviveASnapshotAndApplyOnTime() throws Exception {
        publish(s6(2, text -> text.replace("sum: {gte: 5000}", "sum: {gte: 4500}"), false, t("2026-11-11T00:00:00")));
        var snapshot = harness.snapshot(1, 1);
        EngineConfig config = new EngineConfig();
        config.policy = TestPolicies.withoutHoldout();
        try (var restored = new KeyedBroadcastOperatorTestHarness<String, CustomerInput, RuleUpdate, Offer>(
                new org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<>(new CustomerTriggerFunction(config),
                        StateDescriptors.RULE_STATES), new Keys.ByCustomer(), Types.STRING, 1, 1, 0)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processBroadcastWatermark(Long.MAX_VALUE);
            Event e = EventJson.of("CARD_PAYMENT", "p2", "C1", "2026-11-12T10:00:00+08:00").amount("600").with("cardType", "CREDIT").event();
            restored.processElement(CustomerInput.of(e), e.eventTime);
            restored.processWatermark(t("2026-11-13T00:00:00"));
            assertThat(restored.getSideOutput(OutputTags.DECISIONS)).extracting(r -> r.getValue().ruleVersion + " " + r.getValue().outcome)
                    .containsExactly("2 SENT");
        }
    }
}

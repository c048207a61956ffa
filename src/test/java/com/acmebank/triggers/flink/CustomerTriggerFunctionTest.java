package com.acmebank.triggers.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.flink.serializers.TriggerStateSerializer;
import com.acmebank.triggers.output.DeadLetter;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.LateEvent;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.testing.EventJson;
import com.acmebank.triggers.testing.ProfileJson;
import com.acmebank.triggers.testing.ShippedRules;
import com.acmebank.triggers.testing.TestPolicies;
import com.acmebank.triggers.trigger.TriggerState;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The customer operator on Flink's test harness: buffering to the watermark, timers, broadcast rules, state cleanup. */
class CustomerTriggerFunctionTest {
    private static final long DAY = 86_400_000L;
    private KeyedBroadcastOperatorTestHarness<String, CustomerInput, RuleUpdate, Offer> harness;

    @BeforeEach
    void open() throws Exception {
        EngineConfig config = new EngineConfig();
        config.policy = TestPolicies.withoutHoldout();
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new CustomerTriggerFunction(config),
                new Keys.ByCustomer(), Types.STRING, StateDescriptors.RULES, StateDescriptors.REFERENCE_LISTS, StateDescriptors.PENDING_RULE_UPDATES);
        for (RuleUpdate list : ShippedRules.lists()) {
            harness.processBroadcastElement(list, 0);
        }
        // the rule stream is loaded: from now on the event input alone drives event time
        harness.processBroadcastWatermark(Long.MAX_VALUE);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static long t(String localTime) {
        return OffsetDateTime.parse(localTime + "+08:00").toInstant().toEpochMilli();
    }

    private void rules(String... ids) throws Exception {
        for (String id : ids) {
            harness.processBroadcastElement(ShippedRules.rule(id), 0);
        }
    }

    private void profile(ProfileJson p) throws Exception {
        harness.processElement(CustomerInput.of(p.profile()), 0);
    }

    private void event(EventJson e) throws Exception {
        Event event = e.event();
        harness.processElement(CustomerInput.of(event), event.eventTime);
    }

    private List<String> decisions() {
        var records = harness.getSideOutput(OutputTags.DECISIONS);
        if (records == null) {
            return List.of();
        }
        return records.stream().map(StreamRecord::getValue)
                .map(d -> d.customerId + " " + d.ruleId + " " + d.channel + " " + d.outcome + (d.reason == null ? "" : " " + d.reason)
                        + " " + String.join(",", d.triggerEventIds) + " @" + java.time.Instant.ofEpochMilli(d.decidedAt))
                .collect(Collectors.toList());
    }

    private List<Offer> offers() {
        return harness.extractOutputValues();
    }

    private int stateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    @Test
    void anOfferIsMadeWhenTheWatermarkPassesItsEvent() throws Exception {
        rules("S1-partner-spend");
        profile(ProfileJson.of("C1"));
        event(EventJson.of("CARD_PAYMENT", "e1", "C1", "2026-11-02T10:00:00+08:00").amount("200.00").with("merchantId", "M-PARTNER-001"));
        assertThat(offers()).isEmpty();
        harness.processWatermark(t("2026-11-02T09:59:59.999"));
        assertThat(offers()).isEmpty();
        harness.processWatermark(t("2026-11-02T10:00:00"));
        assertThat(offers()).singleElement().satisfies(o -> {
            assertThat(o.ruleId).isEqualTo("S1-partner-spend");
            assertThat(o.triggerEventIds).containsExactly("e1");
            assertThat(o.sendAt).isEqualTo(t("2026-11-02T10:00:00"));
        });
        assertThat(decisions()).containsExactly("C1 S1-partner-spend PUSH SENT e1 @2026-11-02T02:00:00Z");
    }

    @Test
    void eventsAreJudgedInEventTimeOrderWhateverOrderTheyArriveIn() throws Exception {
        rules("S2-salary-sip", "S3-first-salary");
        profile(ProfileJson.of("C1"));
        event(EventJson.of("SALARY_CREDIT", "sal", "C1", "2026-11-10T10:00:00+08:00").amount("5000"));
        event(EventJson.of("ACCOUNT_OPENED", "open", "C1", "2026-11-09T10:00:00+08:00"));
        harness.processWatermark(t("2026-11-11T00:00:00"));
        assertThat(decisions()).containsExactly(
                "C1 S2-salary-sip PUSH SUPPRESSED ARBITRATION sal @2026-11-10T02:00:00Z",
                "C1 S3-first-salary PUSH SENT open,sal @2026-11-10T02:00:00Z");
    }

    @Test
    void aRepeatedEventIdIsProcessedOnce() throws Exception {
        rules("S2-salary-sip");
        profile(ProfileJson.of("C1"));
        EventJson salary = EventJson.of("SALARY_CREDIT", "sal", "C1", "2026-11-10T10:00:00+08:00").amount("5000");
        event(salary);
        event(salary);
        harness.processWatermark(t("2026-11-11T00:00:00"));
        event(salary.with("eventTime", "2026-11-12T10:00:00+08:00"));
        harness.processWatermark(t("2026-11-13T00:00:00"));
        assertThat(decisions()).containsExactly("C1 S2-salary-sip PUSH SENT sal @2026-11-10T02:00:00Z");
    }

    @Test
    void anEventAtOrBeforeTheWatermarkGoesToLateEventsWithTheWatermarkItMissed() throws Exception {
        rules("S2-salary-sip");
        profile(ProfileJson.of("C1"));
        harness.processWatermark(t("2026-11-10T10:00:00"));
        event(EventJson.of("SALARY_CREDIT", "late", "C1", "2026-11-10T10:00:00+08:00").amount("5000"));
        List<LateEvent> late = harness.getSideOutput(OutputTags.LATE_EVENTS).stream().map(StreamRecord::getValue).toList();
        assertThat(late).singleElement().satisfies(l -> {
            assertThat(l.eventId).isEqualTo("late");
            assertThat(l.watermark).isEqualTo(t("2026-11-10T10:00:00"));
            assertThat(l.raw).contains("\"eventId\":\"late\"");
        });
        harness.processWatermark(t("2026-11-11T00:00:00"));
        assertThat(decisions()).isEmpty();
    }

    @Test
    void aRuleThatArrivesAfterTheEventStillJudgesItBeforeTheWatermarkPasses() throws Exception {
        profile(ProfileJson.of("C1"));
        event(EventJson.of("SALARY_CREDIT", "sal", "C1", "2026-11-10T10:00:00+08:00").amount("5000"));
        rules("S2-salary-sip");
        harness.processWatermark(t("2026-11-11T00:00:00"));
        assertThat(decisions()).containsExactly("C1 S2-salary-sip PUSH SENT sal @2026-11-10T02:00:00Z");
    }

    @Test
    void aRemovedRuleStopsAndARuleThatDoesNotCompileHereLeavesTheOthersInForce() throws Exception {
        rules("S1-partner-spend", "S2-salary-sip");
        profile(ProfileJson.of("C1"));
        // the registry rejects such a rule before the broadcast; one that reaches the operator anyway changes nothing
        RuleSource broken = new RuleSource("S2-salary-sip.yaml", ShippedRules.source("S2-salary-sip").text.replace("gte: 3000", "gte: three thousand"));
        harness.processBroadcastElement(RuleUpdate.putRule(broken), 0);
        harness.processBroadcastElement(RuleUpdate.removeRule("S1-partner-spend"), 0);
        event(EventJson.of("CARD_PAYMENT", "p", "C1", "2026-11-10T10:00:00+08:00").amount("500").with("merchantId", "M-PARTNER-001"));
        event(EventJson.of("SALARY_CREDIT", "sal", "C1", "2026-11-10T11:00:00+08:00").amount("5000"));
        harness.processWatermark(t("2026-11-11T00:00:00"));
        assertThat(decisions()).containsExactly("C1 S2-salary-sip PUSH SENT sal @2026-11-10T03:00:00Z");
        assertThat(harness.getOperator().getOperatorStateBackend().getBroadcastState(StateDescriptors.RULES).immutableEntries())
                .extracting(e -> e.getKey()).containsExactly("S2-salary-sip");
    }

    @Test
    void anAbsenceFiresAtItsDeadlineAndLeavesNoTimersOrStateBehind() throws Exception {
        rules("S4-dormant-wakeup");
        profile(ProfileJson.of("C1"));
        event(EventJson.of("CARD_PAYMENT", "p1", "C1", "2026-01-05T10:00:00+08:00").amount("50"));
        event(EventJson.of("CARD_PAYMENT", "p2", "C1", "2026-01-06T10:00:00+08:00").amount("50"));
        harness.processWatermark(t("2026-01-07T00:00:00"));
        // the first deadline moved to the second payment's: only one wake-up remains pending
        assertThat(harness.numEventTimeTimers()).isEqualTo(2); // the deadline and the daily sweep
        harness.processWatermark(t("2026-07-05T09:59:59"));
        assertThat(decisions()).isEmpty();
        harness.processWatermark(t("2026-07-05T10:00:00"));
        assertThat(decisions()).containsExactly("C1 S4-dormant-wakeup SMS SENT p2 @2026-07-05T02:00:00Z");
        harness.processWatermark(t("2026-08-01T00:00:00"));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(stateEntries()).isEqualTo(1); // only the profile is left
    }

    @Test
    void aDeferredOfferIsReleasedAtEightAndDroppedIfConsentWasWithdrawnOvernight() throws Exception {
        rules("S2-salary-sip");
        profile(ProfileJson.of("C1").with("updatedAt", "2026-01-01T00:00:00Z"));
        profile(ProfileJson.of("C2").with("updatedAt", "2026-01-01T00:00:00Z"));
        event(EventJson.of("SALARY_CREDIT", "s1", "C1", "2026-11-10T22:00:00+08:00").amount("5000"));
        event(EventJson.of("SALARY_CREDIT", "s2", "C2", "2026-11-10T22:00:00+08:00").amount("5000"));
        profile(ProfileJson.of("C2").with("updatedAt", "2026-11-11T02:00:00+08:00").consent("PUSH", false));
        harness.processWatermark(t("2026-11-11T07:59:59"));
        assertThat(offers()).isEmpty();
        harness.processWatermark(t("2026-11-11T08:00:00"));
        assertThat(decisions()).containsExactlyInAnyOrder(
                "C1 S2-salary-sip PUSH DEFERRED QUIET_HOURS s1 @2026-11-10T14:00:00Z",
                "C2 S2-salary-sip PUSH DEFERRED QUIET_HOURS s2 @2026-11-10T14:00:00Z",
                "C1 S2-salary-sip PUSH SENT s1 @2026-11-11T00:00:00Z",
                "C2 S2-salary-sip PUSH SUPPRESSED NO_CONSENT s2 @2026-11-11T00:00:00Z");
        assertThat(offers()).singleElement().satisfies(o -> {
            assertThat(o.customerId).isEqualTo("C1");
            assertThat(o.triggerTime).isEqualTo(t("2026-11-10T22:00:00"));
            assertThat(o.sendAt).isEqualTo(t("2026-11-11T08:00:00"));
        });
    }

    @Test
    void aProfileWithoutUpdatedAtReplacesTheOneInForce() throws Exception {
        rules("S2-salary-sip");
        profile(ProfileJson.of("C1").with("updatedAt", "2026-01-01T00:00:00Z"));
        profile(ProfileJson.of("C1").consent("PUSH", false));
        event(EventJson.of("SALARY_CREDIT", "sal", "C1", "2026-11-10T10:00:00+08:00").amount("5000"));
        harness.processWatermark(t("2026-11-11T00:00:00"));
        assertThat(decisions()).containsExactly("C1 S2-salary-sip PUSH SUPPRESSED NO_CONSENT sal @2026-11-10T02:00:00Z");
    }

    @Test
    void eventsOfTheSameInstantAreJudgedByEventIdWhateverTheirArrivalOrder() throws Exception {
        rules("S1-partner-spend");
        profile(ProfileJson.of("C1"));
        profile(ProfileJson.of("C2"));
        for (String[] order : new String[][] {{"b", "a"}, {"a", "b"}}) {
            String customer = order[0].equals("b") ? "C1" : "C2";
            for (String id : order) {
                event(EventJson.of("CARD_PAYMENT", customer + id, customer, "2026-11-02T10:00:00+08:00").amount("300")
                        .with("merchantId", "M-PARTNER-001"));
            }
        }
        harness.processWatermark(t("2026-11-03T00:00:00"));
        assertThat(decisions()).containsExactlyInAnyOrder(
                "C1 S1-partner-spend PUSH SENT C1a @2026-11-02T02:00:00Z",
                "C1 S1-partner-spend PUSH SUPPRESSED COOLDOWN C1b @2026-11-02T02:00:00Z",
                "C2 S1-partner-spend PUSH SENT C2a @2026-11-02T02:00:00Z",
                "C2 S1-partner-spend PUSH SUPPRESSED COOLDOWN C2b @2026-11-02T02:00:00Z");
    }

    @Test
    void aCustomerWhoGoesQuietKeepsOnlyTheLastTransactionTimeAndNoTimer() throws Exception {
        rules("S4-dormant-wakeup", "S5-reactivation");
        profile(ProfileJson.of("C1"));
        event(EventJson.of("CARD_PAYMENT", "p1", "C1", "2026-01-05T10:00:00+08:00").amount("50"));
        harness.processWatermark(t("2028-12-31T00:00:00"));
        assertThat(decisions()).containsExactly("C1 S4-dormant-wakeup SMS SENT p1 @2026-07-04T02:00:00Z");
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(stateEntries()).isEqualTo(2); // the profile, and S5's time of the last transaction
    }

    @Test
    void aHeavyCustomersStateStaysBounded() throws Exception {
        rules("S11-business-cashflow-loan", "S12-active-spender-instalment", "S10-cross-border-hnw", "S6-monthly-spend-unlock");
        profile(ProfileJson.of("C1"));
        long start = t("2026-08-01T09:00:00");
        long step = 90 * DAY / 10_000;
        for (int i = 0; i < 10_000; i++) {
            long at = start + i * step;
            String type = i % 2 == 0 ? "CARD_PAYMENT" : "MERCHANT_SETTLEMENT";
            Event e = EventJson.of(type, "e" + i, "C1", java.time.Instant.ofEpochMilli(at).toString()).amount("12.34")
                    .with("country", i % 10 == 0 ? "JP" : "CN").with("cardType", "CREDIT").event();
            harness.processElement(CustomerInput.of(e), at);
            if (i % 100 == 99) {
                harness.processWatermark(at);
            }
        }
        harness.processWatermark(start + 90 * DAY);
        long triggerBytes = stateBytes(StateDescriptors.triggers(), new TriggerStateSerializer());
        long dedupBytes = stateBytes(StateDescriptors.seenEventIds(), org.apache.flink.api.common.typeutils.base.LongSerializer.INSTANCE);
        System.out.printf("Per-customer state after 10,000 events in 90 days: rule state %,d bytes, remembered eventIds %,d bytes%n",
                triggerBytes, dedupBytes);
        assertThat(triggerBytes).isLessThan(64 * 1024);
        assertThat(dedupBytes).isLessThan(64 * 1024);
    }

    /** The serialized size of one MapState of customer C1, as a checkpoint would hold it. */
    private <V> long stateBytes(org.apache.flink.api.common.state.MapStateDescriptor<String, V> descriptor, TypeSerializer<V> serializer) throws Exception {
        HeapKeyedStateBackend<String> backend = (HeapKeyedStateBackend<String>) (HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey("C1");
        var state = backend.getPartitionedState(org.apache.flink.runtime.state.VoidNamespace.INSTANCE,
                org.apache.flink.runtime.state.VoidNamespaceSerializer.INSTANCE, descriptor);
        DataOutputSerializer out = new DataOutputSerializer(1024);
        for (var e : state.entries()) {
            out.writeUTF(e.getKey());
            serializer.serialize(e.getValue(), out);
        }
        return out.length();
    }

    /** A Kafka tombstone on the profiles topic: the customer's rule state and limits go, later events find no consent. */
    @Test
    void aDeletedCustomerLosesTheirStateAndGetsNothing() throws Exception {
        rules("S6-monthly-spend-unlock", "S2-salary-sip");
        profile(ProfileJson.of("C1"));
        event(EventJson.of("CARD_PAYMENT", "p1", "C1", "2026-11-03T12:00:00+08:00").amount("3000").with("cardType", "CREDIT"));
        harness.processWatermark(t("2026-11-04T00:00:00"));
        harness.processElement(CustomerInput.of(com.acmebank.triggers.profile.ProfileParser.tombstone("C1")), 0);
        event(EventJson.of("SALARY_CREDIT", "s1", "C1", "2026-11-05T10:00:00+08:00").amount("5000"));
        harness.processWatermark(t("2026-11-06T00:00:00"));
        assertThat(decisions()).containsExactly("C1 S2-salary-sip PUSH SUPPRESSED NO_CONSENT s1 @2026-11-05T02:00:00Z");
        // back as a customer: the November spend before the deletion no longer counts towards 5,000
        profile(ProfileJson.of("C1"));
        event(EventJson.of("CARD_PAYMENT", "p2", "C1", "2026-11-07T12:00:00+08:00").amount("2500").with("cardType", "CREDIT"));
        harness.processWatermark(t("2026-11-08T00:00:00"));
        assertThat(decisions()).containsExactly("C1 S2-salary-sip PUSH SUPPRESSED NO_CONSENT s1 @2026-11-05T02:00:00Z");
    }

    /** The go-live instant is part of the checkpoint: what arrived while the job was down is judged, not treated as history. */
    @Test
    void aRestoredJobKeepsTheGoLiveInstantOfItsFirstStart() throws Exception {
        EngineConfig firstStart = new EngineConfig();
        firstStart.policy = TestPolicies.withoutHoldout();
        firstStart.goLive = t("2026-11-10T00:00:00");
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var first = unopened(firstStart)) {
            first.initializeEmptyState();
            first.open();
            first.processBroadcastElement(ShippedRules.rule("S2-salary-sip"), 0);
            first.processBroadcastWatermark(Long.MAX_VALUE);
            first.processElement(CustomerInput.of(ProfileJson.of("C1").profile()), 0);
            first.processWatermark(t("2026-11-12T00:00:00"));
            snapshot = first.snapshot(1, 1);
        }
        EngineConfig restart = new EngineConfig();
        restart.policy = TestPolicies.withoutHoldout();
        restart.goLive = t("2026-11-20T00:00:00");
        try (var restored = unopened(restart)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processBroadcastWatermark(Long.MAX_VALUE);
            Event salary = EventJson.of("SALARY_CREDIT", "sal", "C1", "2026-11-15T10:00:00+08:00").amount("5000").event();
            restored.processElement(CustomerInput.of(salary), salary.eventTime);
            restored.processWatermark(t("2026-11-16T00:00:00"));
            assertThat(restored.getSideOutput(OutputTags.DECISIONS)).extracting(r -> r.getValue().ruleId + " " + r.getValue().outcome)
                    .as("decided under the first start's go-live, not the restart's").containsExactly("S2-salary-sip SENT");
        }
        try (var fresh = unopened(restart)) {
            fresh.initializeEmptyState();
            fresh.open();
            fresh.processBroadcastElement(ShippedRules.rule("S2-salary-sip"), 0);
            fresh.processBroadcastWatermark(Long.MAX_VALUE);
            fresh.processElement(CustomerInput.of(ProfileJson.of("C1").profile()), 0);
            Event salary = EventJson.of("SALARY_CREDIT", "sal", "C1", "2026-11-15T10:00:00+08:00").amount("5000").event();
            fresh.processElement(CustomerInput.of(salary), salary.eventTime);
            fresh.processWatermark(t("2026-11-16T00:00:00"));
            assertThat(fresh.getSideOutput(OutputTags.DECISIONS)).as("a fresh start treats it as history").isNullOrEmpty();
        }
    }

    /** The per-rule figures continue across a restore: a dashboard's totals do not fall back to zero. */
    @Test
    void theCountersContinueAcrossARestore() throws Exception {
        EngineConfig config = new EngineConfig();
        config.policy = TestPolicies.withoutHoldout();
        CustomerTriggerFunction firstFunction = new CustomerTriggerFunction(config);
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var first = unopened(firstFunction)) {
            first.initializeEmptyState();
            first.open();
            first.processBroadcastElement(ShippedRules.rule("S2-salary-sip"), 0);
            first.processBroadcastWatermark(Long.MAX_VALUE);
            first.processElement(CustomerInput.of(ProfileJson.of("C1").profile()), 0);
            first.processElement(CustomerInput.of(ProfileJson.of("C2").profile()), 0);
            for (String c : List.of("C1", "C2")) {
                Event salary = EventJson.of("SALARY_CREDIT", "s-" + c, c, "2026-11-05T10:00:00+08:00").amount("5000").event();
                first.processElement(CustomerInput.of(salary), salary.eventTime);
            }
            first.processWatermark(t("2026-11-06T00:00:00"));
            assertThat(firstFunction.counted("S2-salary-sip", "SENT")).isEqualTo(2);
            snapshot = first.snapshot(1, 1);
        }
        CustomerTriggerFunction again = new CustomerTriggerFunction(config);
        try (var restored = unopened(again)) {
            restored.initializeState(snapshot);
            restored.open();
            assertThat(again.counted("S2-salary-sip", "SENT")).as("restored before anything new").isEqualTo(2);
            restored.processBroadcastWatermark(Long.MAX_VALUE);
            Event salary = EventJson.of("SALARY_CREDIT", "s-C3", "C3", "2026-11-07T10:00:00+08:00").amount("5000").event();
            restored.processElement(CustomerInput.of(ProfileJson.of("C3").profile()), 0);
            restored.processElement(CustomerInput.of(salary), salary.eventTime);
            restored.processWatermark(t("2026-11-08T00:00:00"));
            assertThat(again.counted("S2-salary-sip", "SENT")).isEqualTo(3);
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, CustomerInput, RuleUpdate, Offer> unopened(CustomerTriggerFunction f) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<>(f,
                        StateDescriptors.RULE_STATES),
                new Keys.ByCustomer(), Types.STRING, 128, 1, 0);
    }

    private static KeyedBroadcastOperatorTestHarness<String, CustomerInput, RuleUpdate, Offer> unopened(EngineConfig config) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<>(new CustomerTriggerFunction(config),
                        StateDescriptors.RULE_STATES),
                new Keys.ByCustomer(), Types.STRING, 128, 1, 0);
    }
}

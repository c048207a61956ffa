package com.acmebank.triggers.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.LateEvent;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.rule.RuleFiles;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.testing.EventJson;
import com.acmebank.triggers.testing.ProfileJson;
import com.acmebank.triggers.testing.ShippedRules;
import com.acmebank.triggers.testing.TestPolicies;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.OperatorBackendSerializationProxy;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Savepoint compatibility of the two keyed operators, the way Flink tests its own operator migrations: a snapshot
 * of operator state WRITTEN BY AN EARLIER VERSION of the code is kept under {@code src/test/resources/state-snapshots/}
 * ({@link OperatorSnapshotUtil}, the canonical savepoint format), and every build restores it into today's
 * operator, feeds the same continuation and must get exactly the offers and decisions an uninterrupted run gives.
 *
 * <p>Each operator has a scripted scenario ({@link #customerPrelude}, {@link #fanOutPrelude}) that leaves every kind
 * of its state populated at the snapshot watermark, and a continuation ({@link #customerContinuation},
 * {@link #fanOutContinuation}) whose outcome depends on that state: lose the pending profile, a buffered event, a
 * seen eventId, a window, a sequence, a deadline, a crossing's side, a peak, a contact, a deferred offer, a holding
 * or the go-live instant, and the output differs.
 *
 * <p>The scenario and the continuation are frozen together with the snapshot files: change them and the files no
 * longer match. Write mode ({@code -Dstate.snapshot.write=true}, see the README next to the files) writes a new set;
 * it refuses to overwrite an existing one, because the files are only worth anything while they come from the old code.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StateSnapshotCompatibilityTest {
    static final String WRITE_PROPERTY = "state.snapshot.write";
    /** The snapshot set this test restores: written by the code before the keyed-operator refactor. */
    static final String SNAPSHOT_SET = "flink-2.2.1-2026-12-01";
    static final String CUSTOMER_FILE = "customer-triggers.snapshot";
    static final String FAN_OUT_FILE = "holdings-fan-out.snapshot";
    static final Path SOURCE_ROOT = Paths.get("src", "test", "resources", "state-snapshots");

    static final int MAX_PARALLELISM = 128;
    static final int FAN_OUT_SHARDS = 8;
    /** The job's first start: events before it only build state. */
    static final long GO_LIVE = t("2026-11-01T00:00:00");
    /** Event time at the snapshot: 23:30 local, so offers of 22:00 wait for 08:00. */
    static final long SNAPSHOT_WATERMARK = t("2026-11-20T23:30:00");
    /** The restart's own go-live instant, later than the whole continuation: only the restored one decides anything. */
    static final long RESTART_GO_LIVE = t("2026-12-20T00:00:00");
    static final long END = t("2026-12-15T00:00:00");

    // ---------------------------------------------------------------------------------------------------------
    // What the snapshot holds (recorded when it was written, see the README) and what must come out after it.
    // ---------------------------------------------------------------------------------------------------------

    /** Customer operator: customers per keyed state (keys per state name) at the snapshot. */
    static final Map<String, Long> CUSTOMER_KEYS_PER_STATE = Map.ofEntries(
            Map.entry("contact-log", 3L),
            Map.entry("customer-clock", 12L),
            Map.entry("deferred-offers", 2L),
            Map.entry("event-buffer", 1L),
            Map.entry("last-fired", 7L),
            Map.entry("pending-profiles", 1L),
            Map.entry("profile", 14L),
            Map.entry("seen-event-ids", 7L),
            Map.entry("triggers", 13L),
            Map.entry("wake-ups", 10L));
    static final int CUSTOMER_EVENT_TIME_TIMERS = 24;
    static final int CUSTOMER_KEYED_STATE_ENTRIES = 70;

    static final List<String> EXPECTED_DECISIONS = List.of(
            "C02 S2-salary-sip PUSH SENT [C02-sal] @2026-11-21T08:00+08:00 trigger@2026-11-20T22:00+08:00 offer 3db020b3-e8ce-3282-abae-72f5acb5d8be {\"note\":\"released after quiet hours\"}",
            "C03 S2-salary-sip PUSH SUPPRESSED NO_CONSENT [C03-sal] @2026-11-21T08:00+08:00 trigger@2026-11-20T22:00+08:00 offer c5a4d183-8fb5-3670-b9f1-439ddd987fe9 {\"note\":\"no consent for PUSH\"}",
            "C05 S12-active-spender-instalment PUSH SENT [C05-pay5] @2026-11-21T12:00+08:00 trigger@2026-11-21T12:00+08:00 offer 5b06083b-5769-31e2-9058-c589a24f9631 {\"window\":\"7d\",\"count\":5,\"sum\":3500}",
            "C13 S1-partner-spend PUSH SUPPRESSED FREQUENCY_CAP [C13-partner21] @2026-11-21T12:00+08:00 trigger@2026-11-21T12:00+08:00 offer f14a41d1-d475-3494-aed4-43a4347bfda4 {\"note\":\"5 contacts already in the last 7 days\"}",
            "C04 S2-salary-sip PUSH SUPPRESSED ARBITRATION [C04-sal] @2026-11-22T10:00+08:00 trigger@2026-11-22T10:00+08:00 offer eeff1c54-3c11-38bb-9aef-0f4cd930f031 {\"winner\":\"S3-first-salary\",\"winnerPriority\":90,\"priority\":50}",
            "C04 S3-first-salary PUSH SENT [C04-open,C04-sal] @2026-11-22T10:00+08:00 trigger@2026-11-22T10:00+08:00 offer bc18aaea-abe2-3564-8ab3-bb9afd0aba18 {\"sequenceStart\":\"2026-11-18T02:00:00Z\"}",
            "C06 S6-monthly-spend-unlock PUSH SENT [C06-pay2] @2026-11-22T12:00+08:00 trigger@2026-11-22T12:00+08:00 offer e9b8c985-d7f0-3ef4-9d22-ef13d0eded03 {\"period\":\"month 2026-11\",\"count\":2,\"sum\":5500}",
            "C07 S10-cross-border-hnw PUSH SENT [C07-abroad3] @2026-11-23T12:00+08:00 trigger@2026-11-23T12:00+08:00 offer 3a1305fa-6539-380f-8b89-93817101963f {\"window\":\"30d\",\"count\":3,\"sum\":22000}",
            "C07 S10-cross-border-hnw RM_TASK SENT [C07-abroad3] @2026-11-23T12:00+08:00 trigger@2026-11-23T12:00+08:00 offer a5b3d780-bb99-3219-8f46-f7c83f4f72e4 {\"window\":\"30d\",\"count\":3,\"sum\":22000}",
            "C13 S1-partner-spend PUSH SENT [C13-partner23] @2026-11-23T13:00+08:00 trigger@2026-11-23T13:00+08:00 offer 975d9ce0-f892-3519-a4d2-56096776ff71",
            "C08 S7-balance-threshold PUSH SENT [C08-bal2] @2026-11-24T10:00+08:00 trigger@2026-11-24T10:00+08:00 offer 88a1a8d6-4272-3e32-83cd-d7a658f90e7a {\"balance\":52000,\"threshold\":50000}",
            "C10 S8-churn-warning SMS SENT [C10-bal3] @2026-11-24T10:00+08:00 trigger@2026-11-24T10:00+08:00 offer 7f847803-22cf-3ac0-ab11-df8fef6a9e1a {\"balance\":45000,\"peak\":100000,\"percentOfPeak\":50}",
            "C10 S8-churn-warning RM_TASK SENT [C10-bal3] @2026-11-24T10:00+08:00 trigger@2026-11-24T10:00+08:00 offer cd2faa77-507b-3382-973c-1fc809c58f89 {\"balance\":45000,\"peak\":100000,\"percentOfPeak\":50}",
            "C12 S14-birthday PUSH SENT [] @2026-11-25T09:00+08:00 trigger@2026-11-25T09:00+08:00 offer aa9a33ac-d891-3659-8aeb-96d9d834ac25 {\"birthDate\":\"1985-11-25\"}",
            "C01 S2-salary-sip PUSH SUPPRESSED COOLDOWN [C01-sal2] @2026-11-25T10:00+08:00 trigger@2026-11-25T10:00+08:00 offer ef00663c-65ce-3878-9905-d2d8b2511aee {\"repeatLimit\":\"once per 30d\",\"lastFired\":\"2026-11-10T02:00:00Z\"}",
            "C04 S13-new-customer-nudge SMS SENT [C04-open] @2026-11-25T10:00+08:00 trigger@2026-11-25T10:00+08:00 offer d36be9b5-8aea-3e07-b1a7-4f29f53371b2 {\"since\":\"2026-11-18T02:00:00Z\",\"quietFor\":\"7d\"}",
            "C11 S4-dormant-wakeup SMS SENT [C11-pay] @2026-11-26T10:00+08:00 trigger@2026-11-26T10:00+08:00 offer 7f7305a5-91b2-3573-80c1-447ac6681626 {\"since\":\"2026-05-30T02:00:00Z\",\"quietFor\":\"180d\"}",
            "C09 S7-balance-threshold PUSH SUPPRESSED COOLDOWN [C09-bal5] @2026-11-28T10:00+08:00 trigger@2026-11-28T10:00+08:00 offer 449a88af-f877-3e46-a8f1-3b3db4401955 {\"balance\":51000,\"threshold\":50000,\"repeatLimit\":\"once per 90d\",\"lastFired\":\"2026-11-06T02:00:00Z\"}",
            "C01 S2-salary-sip PUSH SENT [C01-sal3] @2026-12-12T10:00+08:00 trigger@2026-12-12T10:00+08:00 offer 2d15f559-e4fd-3ce3-8606-f7b1c2c4da3f");
    static final List<String> EXPECTED_OFFERS = List.of(
            "C02 S2-salary-sip PUSH null [C02-sal] 3db020b3-e8ce-3282-abae-72f5acb5d8be trigger@2026-11-20T22:00+08:00 send@2026-11-21T08:00+08:00 expires@2026-11-27T22:00+08:00 {\"plan\":\"FUND_SIP\",\"suggestedMonthlyAmount\":600} \"Test C02, your salary of CN¥6,000.00 has arrived. Invest CN¥600.00 a month in a fund SIP.\"",
            "C05 S12-active-spender-instalment PUSH null [C05-pay5] 5b06083b-5769-31e2-9058-c589a24f9631 trigger@2026-11-21T12:00+08:00 send@2026-11-21T12:00+08:00 expires@2026-11-28T12:00+08:00 {\"product\":\"BILL_INSTALMENT\",\"feeDiscountPct\":50} \"Test C05, you spent CN¥3,500.00 this week: split your bill into instalments with 50% off the fees.\"",
            "C04 S3-first-salary PUSH null [C04-open,C04-sal] bc18aaea-abe2-3564-8ab3-bb9afd0aba18 trigger@2026-11-22T10:00+08:00 send@2026-11-22T10:00+08:00 expires@2026-11-29T10:00+08:00 {\"plan\":\"FUND_SIP_ONBOARDING\",\"redPacketAmount\":20,\"suggestedMonthlyAmount\":600} \"Test C04, welcome to your first salary of CN¥6,000.00! Start a monthly SIP of CN¥600.00 and get a 20 CNY welcome red packet.\"",
            "C06 S6-monthly-spend-unlock PUSH null [C06-pay2] e9b8c985-d7f0-3ef4-9d22-ef13d0eded03 trigger@2026-11-22T12:00+08:00 send@2026-11-22T12:00+08:00 expires@2026-11-29T12:00+08:00 {\"benefit\":\"LOUNGE_AND_DOUBLE_POINTS\"} \"Test C06, your credit-card spend this month reached CN¥5,500.00: airport lounge access and double points are unlocked.\"",
            "C07 S10-cross-border-hnw PUSH null [C07-abroad3] 3a1305fa-6539-380f-8b89-93817101963f trigger@2026-11-23T12:00+08:00 send@2026-11-23T12:00+08:00 expires@2026-12-07T12:00+08:00 {\"card\":\"GLOBAL_PLATINUM\",\"cashbackPct\":2} \"Test C07, you spent CN¥22,000.00 abroad in 30 days. Apply for our global platinum card: 2% cash back abroad.\"",
            "C07 S10-cross-border-hnw RM_TASK null [C07-abroad3] a5b3d780-bb99-3219-8f46-f7c83f4f72e4 trigger@2026-11-23T12:00+08:00 send@2026-11-23T12:00+08:00 expires@2026-12-07T12:00+08:00 {\"task\":\"HNW_REVIEW\"} \"Potential high-net-worth customer C07: 3 cross-border payments, CN¥22,000.00 in 30 days.\"",
            "C13 S1-partner-spend PUSH null [C13-partner23] 975d9ce0-f892-3519-a4d2-56096776ff71 trigger@2026-11-23T13:00+08:00 send@2026-11-23T13:00+08:00 expires@2026-11-26T13:00+08:00 {\"couponValue\":10,\"trialFundAmount\":1000,\"merchantId\":\"M-PARTNER-001\"} \"Test C13, your CN¥300.00 purchase at our partner earns a 10 CNY coupon and a 1,000 CNY wealth trial fund, valid for 3 days.\"",
            "C08 S7-balance-threshold PUSH null [C08-bal2] 88a1a8d6-4272-3e32-83cd-d7a658f90e7a trigger@2026-11-24T10:00+08:00 send@2026-11-24T10:00+08:00 expires@2026-12-01T10:00+08:00 {\"plan\":\"CUSTOM_WEALTH_PLAN\"} \"Test C08, your balance reached CN¥52,000.00. Your tailored wealth plan is ready.\"",
            "C10 S8-churn-warning SMS null [C10-bal3] 7f847803-22cf-3ac0-ab11-df8fef6a9e1a trigger@2026-11-24T10:00+08:00 send@2026-11-24T10:00+08:00 expires@2026-12-01T10:00+08:00 {\"rateBoostPct\":0.8,\"validDays\":7} \"Test C10, thank you for banking with us. A 0.8% deposit rate boost is yours for 7 days.\"",
            "C10 S8-churn-warning RM_TASK null [C10-bal3] cd2faa77-507b-3382-973c-1fc809c58f89 trigger@2026-11-24T10:00+08:00 send@2026-11-24T10:00+08:00 expires@2026-12-01T10:00+08:00 {\"task\":\"CALL_CUSTOMER\",\"dueInDays\":2} \"Churn warning for customer C10 (GOLD): call within 2 working days and offer the rate boost.\"",
            "C12 S14-birthday PUSH null [] aa9a33ac-d891-3659-8aeb-96d9d834ac25 trigger@2026-11-25T09:00+08:00 send@2026-11-25T09:00+08:00 expires@2026-11-26T09:00+08:00 {\"report\":\"ASSET_HEALTH\"} \"Happy birthday, Test C12! Your personal asset health report is ready.\"",
            "C04 S13-new-customer-nudge SMS null [C04-open] d36be9b5-8aea-3e07-b1a7-4f29f53371b2 trigger@2026-11-25T10:00+08:00 send@2026-11-25T10:00+08:00 expires@2026-12-02T10:00+08:00 {\"benefit\":\"FIRST_TRANSFER_FEE_WAIVER\"} \"Test C04, your first transfer is fee-free. Try it in the app today.\"",
            "C11 S4-dormant-wakeup SMS null [C11-pay] 7f7305a5-91b2-3573-80c1-447ac6681626 trigger@2026-11-26T10:00+08:00 send@2026-11-26T10:00+08:00 expires@2026-12-10T10:00+08:00 {\"product\":\"RATE_BOOST_DEPOSIT\",\"rateBoostPct\":0.5} \"Test C11, we miss you! A deposit with a 0.5% rate boost is waiting for you in the app.\"",
            "C01 S2-salary-sip PUSH null [C01-sal3] 2d15f559-e4fd-3ce3-8606-f7b1c2c4da3f trigger@2026-12-12T10:00+08:00 send@2026-12-12T10:00+08:00 expires@2026-12-19T10:00+08:00 {\"plan\":\"FUND_SIP\",\"suggestedMonthlyAmount\":800} \"Test C01, your salary of CN¥8,000.00 has arrived. Invest CN¥800.00 a month in a fund SIP.\"");
    static final List<String> EXPECTED_LATE_EVENTS = List.of(
            "C01 C01-late at 2026-11-20T23:00+08:00 missed 2026-11-20T23:30+08:00");

    /** Fan-out operator: product shards per keyed state at the snapshot. */
    static final Map<String, Long> FAN_OUT_KEYS_PER_STATE = Map.ofEntries(
            Map.entry("event-buffer", 2L),
            Map.entry("holdings", 4L),
            Map.entry("housekeeping-at", 3L),
            Map.entry("seen-event-ids", 5L));
    static final int FAN_OUT_EVENT_TIME_TIMERS = 5;
    static final int FAN_OUT_KEYED_STATE_ENTRIES = 14;

    static final List<String> EXPECTED_FAN_OUT = List.of(
            "H3 MARKET_MOVE M2 FUND-1 -7.0 @2026-11-21T15:00+08:00 fannedOut",
            "H4 MARKET_MOVE M2 FUND-1 -7.0 @2026-11-21T15:00+08:00 fannedOut",
            "H6 MARKET_MOVE M2 FUND-1 -7.0 @2026-11-21T15:00+08:00 fannedOut",
            "H5 MARKET_MOVE M3 FUND-2 -5.0 @2026-11-22T15:00+08:00 fannedOut",
            "H4 MARKET_MOVE M5 FUND-1 -8.0 @2026-11-25T15:00+08:00 fannedOut",
            "H6 MARKET_MOVE M5 FUND-1 -8.0 @2026-11-25T15:00+08:00 fannedOut");

    // ---------------------------------------------------------------------------------------------------------
    // Write mode
    // ---------------------------------------------------------------------------------------------------------

    @Test
    @Order(0)
    @EnabledIfSystemProperty(named = WRITE_PROPERTY, matches = "true")
    void writeSnapshots() throws Exception {
        Path dir = SOURCE_ROOT.resolve(SNAPSHOT_SET);
        assertThat(dir).as("snapshot set %s exists already: these files are evidence of what the old code wrote; delete the folder"
                + " only if you really mean to replace them", dir.toAbsolutePath()).doesNotExist();
        Files.createDirectories(dir);

        Written customer;
        try (var h = customerHarness(GO_LIVE, null)) {
            h.initializeEmptyState();
            h.open();
            customerPrelude(h);
            customer = write(h, dir.resolve(CUSTOMER_FILE));
        }
        Written fanOut;
        try (var h = fanOutHarness(null)) {
            h.initializeEmptyState();
            h.open();
            fanOutPrelude(h);
            fanOut = write(h, dir.resolve(FAN_OUT_FILE));
        }
        Files.writeString(dir.resolve("README.md"), readme(customer, fanOut), StandardCharsets.UTF_8);

        Outputs uninterrupted = uninterruptedCustomerRun();
        List<String> fanOutOutput = uninterruptedFanOutRun();
        StringBuilder constants = new StringBuilder();
        constants.append("    static final Map<String, Long> CUSTOMER_KEYS_PER_STATE = ").append(javaMap(customer.keysPerState)).append(";\n");
        constants.append("    static final int CUSTOMER_EVENT_TIME_TIMERS = ").append(customer.timers).append(";\n");
        constants.append("    static final int CUSTOMER_KEYED_STATE_ENTRIES = ").append(customer.entries).append(";\n");
        constants.append("    static final List<String> EXPECTED_DECISIONS = ").append(javaList(uninterrupted.decisions)).append(";\n");
        constants.append("    static final List<String> EXPECTED_OFFERS = ").append(javaList(uninterrupted.offers)).append(";\n");
        constants.append("    static final List<String> EXPECTED_LATE_EVENTS = ").append(javaList(uninterrupted.late)).append(";\n");
        constants.append("    static final Map<String, Long> FAN_OUT_KEYS_PER_STATE = ").append(javaMap(fanOut.keysPerState)).append(";\n");
        constants.append("    static final int FAN_OUT_EVENT_TIME_TIMERS = ").append(fanOut.timers).append(";\n");
        constants.append("    static final int FAN_OUT_KEYED_STATE_ENTRIES = ").append(fanOut.entries).append(";\n");
        constants.append("    static final List<String> EXPECTED_FAN_OUT = ").append(javaList(fanOutOutput)).append(";\n");
        System.out.println("State snapshots written to " + dir.toAbsolutePath() + "; the constants of this set:\n" + constants);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The checks every build runs
    // ---------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void theExpectedContinuationIsWhatAnUninterruptedRunOfTodaysCodeGives() throws Exception {
        Outputs uninterrupted = uninterruptedCustomerRun();
        assertThat(uninterrupted.decisions).as("decisions after the snapshot point, uninterrupted").containsExactlyElementsOf(EXPECTED_DECISIONS);
        assertThat(uninterrupted.offers).as("offers after the snapshot point, uninterrupted").containsExactlyElementsOf(EXPECTED_OFFERS);
        assertThat(uninterrupted.late).as("late events after the snapshot point, uninterrupted").containsExactlyElementsOf(EXPECTED_LATE_EVENTS);
        assertThat(uninterruptedFanOutRun()).as("fan-out copies after the snapshot point, uninterrupted").containsExactlyElementsOf(EXPECTED_FAN_OUT);
    }

    @ParameterizedTest(name = "restored into {0}")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    @Order(2)
    void theCustomerOperatorRestoresTheSnapshotAndContinuesExactlyAsIfUninterrupted(String backend) throws Exception {
        OperatorSubtaskState snapshot = OperatorSnapshotUtil.readStateHandle(snapshotFile(CUSTOMER_FILE));
        Outputs restored;
        try (var h = customerHarness(RESTART_GO_LIVE, backend)) {
            h.initializeState(snapshot);
            assertBackend(h, backend);
            assertRestoredKeyedState(h, CUSTOMER_KEYS_PER_STATE, CUSTOMER_KEYED_STATE_ENTRIES);
            h.open();
            assertThat(h.numEventTimeTimers()).as("event-time timers restored").isEqualTo(CUSTOMER_EVENT_TIME_TIMERS);
            assertThat(h.getBroadcastState(StateDescriptors.RULES).immutableEntries()).extracting(Map.Entry::getKey)
                    .as("rules restored from broadcast state").containsExactlyInAnyOrderElementsOf(shippedRuleIds());
            assertThat(h.getBroadcastState(StateDescriptors.REFERENCE_LISTS).immutableEntries()).extracting(Map.Entry::getKey)
                    .as("reference lists restored from broadcast state").containsExactlyInAnyOrder("own-bank-codes", "partner-merchants");
            customerContinuation(h);
            restored = Outputs.since(h, Outputs.NOTHING);
        }
        assertThat(restored.decisions).as("decisions after restore").containsExactlyElementsOf(EXPECTED_DECISIONS);
        assertThat(restored.offers).as("offers after restore").containsExactlyElementsOf(EXPECTED_OFFERS);
        assertThat(restored.late).as("late events after restore").containsExactlyElementsOf(EXPECTED_LATE_EVENTS);
        Outputs uninterrupted = uninterruptedCustomerRun();
        assertThat(restored.decisions).as("decisions after restore = uninterrupted").isEqualTo(uninterrupted.decisions);
        assertThat(restored.offers).as("offers after restore = uninterrupted").isEqualTo(uninterrupted.offers);
        assertThat(restored.late).as("late events after restore = uninterrupted").isEqualTo(uninterrupted.late);
    }

    @ParameterizedTest(name = "restored into {0}")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    @Order(3)
    void theFanOutOperatorRestoresTheSnapshotAndContinuesExactlyAsIfUninterrupted(String backend) throws Exception {
        OperatorSubtaskState snapshot = OperatorSnapshotUtil.readStateHandle(snapshotFile(FAN_OUT_FILE));
        List<String> restored;
        try (var h = fanOutHarness(backend)) {
            h.initializeState(snapshot);
            assertBackend(h, backend);
            assertRestoredKeyedState(h, FAN_OUT_KEYS_PER_STATE, FAN_OUT_KEYED_STATE_ENTRIES);
            h.open();
            assertThat(h.numEventTimeTimers()).as("event-time timers restored").isEqualTo(FAN_OUT_EVENT_TIME_TIMERS);
            assertThat(h.getBroadcastState(StateDescriptors.RULES).immutableEntries()).extracting(Map.Entry::getKey)
                    .as("rules restored from broadcast state").containsExactlyInAnyOrderElementsOf(shippedRuleIds());
            fanOutContinuation(h);
            restored = fanOutOutput(h.extractOutputValues());
        }
        assertThat(restored).as("fan-out copies after restore").containsExactlyElementsOf(EXPECTED_FAN_OUT);
        assertThat(restored).as("fan-out copies after restore = uninterrupted").isEqualTo(uninterruptedFanOutRun());
    }

    /**
     * The migrated state, saved again by today's code (its own serializers' format) and restored once more, on the
     * same or the other backend, as an upgrade followed by a later restart or rescale would: the same continuation.
     */
    @ParameterizedTest(name = "restored into {0}, saved, restored into {1}")
    @CsvSource({"hashmap,hashmap", "hashmap,rocksdb", "rocksdb,rocksdb", "rocksdb,hashmap"})
    @Order(4)
    void stateSavedAgainByTodaysCodeRestoresAndContinuesTheSame(String first, String second) throws Exception {
        OperatorSubtaskState saved;
        try (var h = customerHarness(RESTART_GO_LIVE, first)) {
            h.initializeState(OperatorSnapshotUtil.readStateHandle(snapshotFile(CUSTOMER_FILE)));
            h.open();
            saved = h.snapshotWithLocalState(2L, SNAPSHOT_WATERMARK, SavepointType.savepoint(SavepointFormatType.CANONICAL))
                    .getJobManagerOwnedState();
        }
        Outputs restored;
        try (var h = customerHarness(RESTART_GO_LIVE, second)) {
            h.initializeState(saved);
            assertRestoredKeyedState(h, CUSTOMER_KEYS_PER_STATE, CUSTOMER_KEYED_STATE_ENTRIES);
            h.open();
            customerContinuation(h);
            restored = Outputs.since(h, Outputs.NOTHING);
        }
        assertThat(restored.decisions).as("decisions").containsExactlyElementsOf(EXPECTED_DECISIONS);
        assertThat(restored.offers).as("offers").containsExactlyElementsOf(EXPECTED_OFFERS);
        assertThat(restored.late).as("late events").containsExactlyElementsOf(EXPECTED_LATE_EVENTS);

        OperatorSubtaskState savedFanOut;
        try (var h = fanOutHarness(first)) {
            h.initializeState(OperatorSnapshotUtil.readStateHandle(snapshotFile(FAN_OUT_FILE)));
            h.open();
            savedFanOut = h.snapshotWithLocalState(2L, SNAPSHOT_WATERMARK, SavepointType.savepoint(SavepointFormatType.CANONICAL))
                    .getJobManagerOwnedState();
        }
        try (var h = fanOutHarness(second)) {
            h.initializeState(savedFanOut);
            h.open();
            fanOutContinuation(h);
            assertThat(fanOutOutput(h.extractOutputValues())).as("fan-out copies").containsExactlyElementsOf(EXPECTED_FAN_OUT);
        }
    }

    private static void assertBackend(KeyedBroadcastOperatorTestHarness<String, ?, ?, ?> h, String backend) {
        assertThat(h.getOperator().getKeyedStateBackend().getClass().getSimpleName()).as("keyed state backend")
                .isEqualTo(backend.equals("rocksdb") ? "RocksDBKeyedStateBackend" : "HeapKeyedStateBackend");
    }

    private static void assertRestoredKeyedState(KeyedBroadcastOperatorTestHarness<String, ?, ?, ?> h, Map<String, Long> keysPerState,
            int entries) {
        KeyedStateBackend<?> backend = h.getOperator().getKeyedStateBackend();
        assertThat(keysPerState(backend, keysPerState.keySet())).as("keys per keyed state after restore")
                .containsExactlyInAnyOrderEntriesOf(keysPerState);
        if (backend instanceof HeapKeyedStateBackend<?> heap) {
            assertThat(heap.numKeyValueStateEntries()).as("keyed state entries after restore").isEqualTo(entries);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The customer operator's scenario
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Up to the snapshot watermark, 2026-11-20 23:30 local (Asia/Shanghai). At the snapshot:
     * C01 a salary SIP sent 11-10 (S2 repeat limit, last-fired); C02 and C03 a salary at 22:00, DEFERRED to 08:00, and
     * C03 a newer profile version (updatedAt 02:00, PUSH consent withdrawn) pending; C04 opened an account 11-18
     * (S13 welcome sent, S3 sequence started, S13 nudge deadline 11-25 10:00); C05 four card payments in 7 days (S12
     * sliding window) and a fifth one buffered for 11-21 12:00; C06 3,000 of credit-card spend this month (S6 calendar
     * window); C07 two payments abroad (S10 sliding window); C08 balance 40,000 (S7 armed); C09 crossed 50,000 on 11-06
     * (S7 disarmed, last-fired); C10 balance peak 100,000 (S8 drop window), tier GOLD; C11 a payment on 05-30, before
     * go-live (S4 dormancy deadline 11-26 10:00); C12 born 11-25 (S14 birthday armed); C13 five partner payments on five
     * days, all sent (contact log: the rolling-7-day cap is full); C14 a partner payment 11-19 (its eventId seen).
     */
    static void customerPrelude(KeyedBroadcastOperatorTestHarness<String, CustomerInput, RuleUpdate, Offer> h) throws Exception {
        for (RuleUpdate list : ShippedRules.lists()) {
            h.processBroadcastElement(list, 0);
        }
        for (RuleSource rule : RuleFiles.shipped().sources()) {
            h.processBroadcastElement(RuleUpdate.putRule(rule), 0);
        }
        h.processBroadcastWatermark(Long.MAX_VALUE);

        for (int i = 1; i <= 14; i++) {
            String id = String.format("C%02d", i);
            ProfileJson p = ProfileJson.of(id).with("language", "en-US");
            switch (id) {
                case "C03" -> p.with("updatedAt", "2026-01-01T00:00:00Z");
                case "C10" -> p.with("tier", "GOLD");
                case "C12" -> p.with("birthDate", "1985-11-25");
                default -> { }
            }
            profile(h, p);
        }
        // history, before go-live: builds C11's dormancy clock, decides nothing
        event(h, ev("CARD_PAYMENT", "C11-pay", "C11", "2026-05-30T10:00:00").amount("50.00"));
        h.processWatermark(t("2026-11-02T00:00:00"));

        event(h, ev("BALANCE_SNAPSHOT", "C09-bal1", "C09", "2026-11-03T10:00:00").balance("40000.00"));
        h.processWatermark(t("2026-11-04T00:00:00"));
        event(h, ev("CARD_PAYMENT", "C06-pay1", "C06", "2026-11-05T12:00:00").amount("3000.00").with("cardType", "CREDIT"));
        event(h, ev("BALANCE_SNAPSHOT", "C10-bal1", "C10", "2026-11-05T10:00:00").balance("100000.00"));
        h.processWatermark(t("2026-11-06T00:00:00"));
        event(h, ev("BALANCE_SNAPSHOT", "C09-bal2", "C09", "2026-11-06T10:00:00").balance("55000.00"));
        h.processWatermark(t("2026-11-07T00:00:00"));
        event(h, ev("CARD_PAYMENT", "C07-abroad1", "C07", "2026-11-08T12:00:00").amount("8000.00").with("country", "JP"));
        h.processWatermark(t("2026-11-09T00:00:00"));
        event(h, ev("SALARY_CREDIT", "C01-sal1", "C01", "2026-11-10T10:00:00").amount("8000.00"));
        event(h, ev("BALANCE_SNAPSHOT", "C08-bal1", "C08", "2026-11-10T10:00:00").balance("40000.00"));
        h.processWatermark(t("2026-11-11T00:00:00"));
        event(h, ev("CARD_PAYMENT", "C07-abroad2", "C07", "2026-11-12T12:00:00").amount("8000.00").with("country", "JP"));
        h.processWatermark(t("2026-11-13T00:00:00"));
        event(h, ev("BALANCE_SNAPSHOT", "C10-bal2", "C10", "2026-11-15T10:00:00").balance("90000.00"));
        for (int day = 15; day <= 19; day++) {
            event(h, ev("CARD_PAYMENT", "C13-partner" + day, "C13", "2026-11-" + day + "T12:00:00").amount("300.00")
                    .with("merchantId", "M-PARTNER-001"));
            if (day >= 16) {
                event(h, ev("CARD_PAYMENT", "C05-pay" + (day - 15), "C05", "2026-11-" + day + "T12:00:00").amount("700.00"));
            }
            if (day == 18) {
                event(h, ev("ACCOUNT_OPENED", "C04-open", "C04", "2026-11-18T10:00:00"));
            }
            if (day == 19) {
                event(h, ev("CARD_PAYMENT", "C14-partner", "C14", "2026-11-19T12:00:00").amount("500.00").with("merchantId", "M-PARTNER-002"));
            }
            h.processWatermark(t("2026-11-" + (day + 1) + "T00:00:00"));
        }
        event(h, ev("SALARY_CREDIT", "C02-sal", "C02", "2026-11-20T22:00:00").amount("6000.00"));
        event(h, ev("SALARY_CREDIT", "C03-sal", "C03", "2026-11-20T22:00:00").amount("6000.00"));
        // the CRM's newer version, ahead of event time: waits in pending-profiles until 02:00
        profile(h, ProfileJson.of("C03").with("language", "en-US").with("updatedAt", "2026-11-21T02:00:00+08:00").consent("PUSH", false));
        h.processWatermark(SNAPSHOT_WATERMARK);
        // arrived, not yet passed by the watermark: sits in the event buffer at the snapshot
        event(h, ev("CARD_PAYMENT", "C05-pay5", "C05", "2026-11-21T12:00:00").amount("700.00"));
    }

    /** From the snapshot to the end; the first step is what a restarted job sees first: the rules' and events' watermarks. */
    static void customerContinuation(KeyedBroadcastOperatorTestHarness<String, CustomerInput, RuleUpdate, Offer> h) throws Exception {
        // a restored operator's watermark starts at Long.MIN_VALUE until its inputs send theirs again
        h.processBroadcastWatermark(Long.MAX_VALUE);
        h.processWatermark(SNAPSHOT_WATERMARK);
        // late: at or before the watermark of the snapshot
        event(h, ev("CARD_PAYMENT", "C01-late", "C01", "2026-11-20T23:00:00").amount("20.00"));
        // upstream retries: the buffered event again, and C14's payment again with a later time; both are dropped
        event(h, ev("CARD_PAYMENT", "C05-pay5", "C05", "2026-11-21T12:00:00").amount("700.00"));
        event(h, ev("CARD_PAYMENT", "C14-partner", "C14", "2026-11-21T12:00:00").amount("500.00").with("merchantId", "M-PARTNER-002"));
        // the sixth contact in 7 days
        event(h, ev("CARD_PAYMENT", "C13-partner21", "C13", "2026-11-21T12:00:00").amount("300.00").with("merchantId", "M-PARTNER-001"));
        h.processWatermark(t("2026-11-22T00:00:00"));
        event(h, ev("SALARY_CREDIT", "C04-sal", "C04", "2026-11-22T10:00:00").amount("6000.00"));
        event(h, ev("CARD_PAYMENT", "C06-pay2", "C06", "2026-11-22T12:00:00").amount("2500.00").with("cardType", "CREDIT"));
        h.processWatermark(t("2026-11-23T00:00:00"));
        event(h, ev("CARD_PAYMENT", "C07-abroad3", "C07", "2026-11-23T12:00:00").amount("6000.00").with("country", "JP"));
        event(h, ev("CARD_PAYMENT", "C13-partner23", "C13", "2026-11-23T13:00:00").amount("300.00").with("merchantId", "M-PARTNER-001"));
        h.processWatermark(t("2026-11-24T00:00:00"));
        event(h, ev("BALANCE_SNAPSHOT", "C08-bal2", "C08", "2026-11-24T10:00:00").balance("52000.00"));
        event(h, ev("BALANCE_SNAPSHOT", "C09-bal3", "C09", "2026-11-24T10:00:00").balance("56000.00"));
        event(h, ev("BALANCE_SNAPSHOT", "C10-bal3", "C10", "2026-11-24T10:00:00").balance("45000.00"));
        h.processWatermark(t("2026-11-25T00:00:00"));
        event(h, ev("SALARY_CREDIT", "C01-sal2", "C01", "2026-11-25T10:00:00").amount("8000.00"));
        h.processWatermark(t("2026-11-26T00:00:00"));
        event(h, ev("BALANCE_SNAPSHOT", "C09-bal4", "C09", "2026-11-26T10:00:00").balance("44000.00"));
        h.processWatermark(t("2026-11-27T00:00:00"));
        event(h, ev("BALANCE_SNAPSHOT", "C09-bal5", "C09", "2026-11-28T10:00:00").balance("51000.00"));
        h.processWatermark(t("2026-11-29T00:00:00"));
        event(h, ev("SALARY_CREDIT", "C01-sal3", "C01", "2026-12-12T10:00:00").amount("8000.00"));
        h.processWatermark(END);
    }

    private Outputs uninterruptedCustomerRun() throws Exception {
        try (var h = customerHarness(GO_LIVE, null)) {
            h.initializeEmptyState();
            h.open();
            customerPrelude(h);
            Outputs atSnapshot = Outputs.since(h, Outputs.NOTHING);
            customerContinuation(h);
            return Outputs.since(h, atSnapshot);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The fan-out operator's scenario
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Up to the same snapshot watermark: FUND-1 held by H1 (1,000), H3 (600 after a partial redemption) and H4 (500);
     * H2 and H7 bought and redeemed all (H7 within the dedup retention); FUND-2 held by H5; a market move of -6% on
     * 11-12 already fanned out; buffered at the snapshot: H6 buys FUND-1 and H1 redeems all, both on 11-21.
     */
    static void fanOutPrelude(KeyedBroadcastOperatorTestHarness<String, HoldingsInput, RuleUpdate, Event> h) throws Exception {
        for (RuleUpdate list : ShippedRules.lists()) {
            h.processBroadcastElement(list, 0);
        }
        for (RuleSource rule : RuleFiles.shipped().sources()) {
            h.processBroadcastElement(RuleUpdate.putRule(rule), 0);
        }
        h.processBroadcastWatermark(Long.MAX_VALUE);

        holding(h, "PRODUCT_PURCHASE", "H1-buy", "H1", "FUND-1", "2026-11-02T10:00:00", "1000");
        holding(h, "PRODUCT_PURCHASE", "H2-buy", "H2", "FUND-1", "2026-11-03T10:00:00", "1000");
        holding(h, "PRODUCT_PURCHASE", "H3-buy", "H3", "FUND-1", "2026-11-03T11:00:00", "1000");
        h.processWatermark(t("2026-11-04T00:00:00"));
        holding(h, "PRODUCT_REDEMPTION", "H2-redeem", "H2", "FUND-1", "2026-11-05T10:00:00", "1000");
        holding(h, "PRODUCT_REDEMPTION", "H3-redeem", "H3", "FUND-1", "2026-11-06T10:00:00", "400");
        h.processWatermark(t("2026-11-07T00:00:00"));
        holding(h, "PRODUCT_PURCHASE", "H4-buy", "H4", "FUND-1", "2026-11-10T10:00:00", "500");
        holding(h, "PRODUCT_PURCHASE", "H5-buy", "H5", "FUND-2", "2026-11-10T11:00:00", "2000");
        h.processWatermark(t("2026-11-11T00:00:00"));
        marketMove(h, "M1", "FUND-1", "2026-11-12T15:00:00", "-6.0");
        h.processWatermark(t("2026-11-13T00:00:00"));
        holding(h, "PRODUCT_PURCHASE", "H7-buy", "H7", "FUND-1", "2026-11-17T10:00:00", "500");
        holding(h, "PRODUCT_REDEMPTION", "H7-redeem", "H7", "FUND-1", "2026-11-18T10:00:00", "500");
        h.processWatermark(SNAPSHOT_WATERMARK);
        holding(h, "PRODUCT_PURCHASE", "H6-buy", "H6", "FUND-1", "2026-11-21T10:00:00", "800");
        holding(h, "PRODUCT_REDEMPTION", "H1-redeem", "H1", "FUND-1", "2026-11-21T11:00:00", "1000");
    }

    static void fanOutContinuation(KeyedBroadcastOperatorTestHarness<String, HoldingsInput, RuleUpdate, Event> h) throws Exception {
        h.processBroadcastWatermark(Long.MAX_VALUE);
        h.processWatermark(SNAPSHOT_WATERMARK);
        // upstream retries, dropped: H7's purchase again (with a later time: it would make H7 a holder again)
        holding(h, "PRODUCT_PURCHASE", "H7-buy", "H7", "FUND-1", "2026-11-21T12:00:00", "500");
        holding(h, "PRODUCT_PURCHASE", "H6-buy", "H6", "FUND-1", "2026-11-21T10:00:00", "800");
        marketMove(h, "M2", "FUND-1", "2026-11-21T15:00:00", "-7.0");
        h.processWatermark(t("2026-11-22T00:00:00"));
        marketMove(h, "M3", "FUND-2", "2026-11-22T15:00:00", "-5.0");
        marketMove(h, "M4", "FUND-1", "2026-11-23T15:00:00", "-3.0");
        holding(h, "PRODUCT_REDEMPTION", "H3-redeem2", "H3", "FUND-1", "2026-11-24T10:00:00", "600");
        marketMove(h, "M5", "FUND-1", "2026-11-25T15:00:00", "-8.0");
        h.processWatermark(END);
    }

    private List<String> uninterruptedFanOutRun() throws Exception {
        try (var h = fanOutHarness(null)) {
            h.initializeEmptyState();
            h.open();
            fanOutPrelude(h);
            int atSnapshot = h.extractOutputValues().size();
            fanOutContinuation(h);
            List<Event> all = h.extractOutputValues();
            return fanOutOutput(all.subList(atSnapshot, all.size()));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Harnesses, inputs and outputs
    // ---------------------------------------------------------------------------------------------------------

    /** Like the job: keyed by customer, max parallelism 128, one subtask; Kryo off as in FlinkEnvironments. */
    static KeyedBroadcastOperatorTestHarness<String, CustomerInput, RuleUpdate, Offer> customerHarness(long goLive, String backend)
            throws Exception {
        EngineConfig config = new EngineConfig();
        config.policy = TestPolicies.withoutHoldout();
        config.goLive = goLive;
        var h = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new CustomerTriggerFunction(config), StateDescriptors.RULE_STATES),
                new Keys.ByCustomer(), Types.STRING, MAX_PARALLELISM, 1, 0);
        configure(h, backend);
        return h;
    }

    static KeyedBroadcastOperatorTestHarness<String, HoldingsInput, RuleUpdate, Event> fanOutHarness(String backend) throws Exception {
        EngineConfig config = new EngineConfig();
        config.fanOutShards = FAN_OUT_SHARDS;
        var h = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new HoldingsFanOutFunction(config), StateDescriptors.RULE_STATES),
                new Keys.ByProductShard(), Types.STRING, MAX_PARALLELISM, 1, 0);
        configure(h, backend);
        return h;
    }

    private static void configure(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h, String backend) {
        ((SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        StateBackend stateBackend = backend == null || backend.equals("hashmap") ? new HashMapStateBackend() : new EmbeddedRocksDBStateBackend();
        h.setStateBackend(stateBackend);
    }

    static long t(String localTime) {
        return OffsetDateTime.parse(localTime + "+08:00").toInstant().toEpochMilli();
    }

    private static EventJson ev(String type, String eventId, String customer, String localTime) {
        return EventJson.of(type, eventId, customer, localTime + "+08:00");
    }

    private static void profile(KeyedBroadcastOperatorTestHarness<String, CustomerInput, RuleUpdate, Offer> h, ProfileJson p) throws Exception {
        h.processElement(CustomerInput.of(p.profile()), 0);
    }

    /** As the late-event gate passes it on: without the raw record and its origin. */
    private static Event gated(EventJson json) {
        Event e = json.event();
        e.raw = null;
        e.origin = null;
        return e;
    }

    private static void event(KeyedBroadcastOperatorTestHarness<String, CustomerInput, RuleUpdate, Offer> h, EventJson json) throws Exception {
        Event e = gated(json);
        h.processElement(CustomerInput.of(e), e.eventTime);
    }

    private static void holding(KeyedBroadcastOperatorTestHarness<String, HoldingsInput, RuleUpdate, Event> h, String type, String id,
            String customer, String product, String localTime, String amount) throws Exception {
        Event e = gated(ev(type, id, customer, localTime).amount(amount).with("productId", product));
        h.processElement(new HoldingsInput(HoldingsInput.shardOf(product, HoldingsInput.shardFor(customer, FAN_OUT_SHARDS)), e), e.eventTime);
    }

    private static void marketMove(KeyedBroadcastOperatorTestHarness<String, HoldingsInput, RuleUpdate, Event> h, String id, String product,
            String localTime, String changePct) throws Exception {
        Event e = gated(ev("MARKET_MOVE", id, null, localTime).with("productId", product).decimal("changePct", changePct));
        for (int s = 0; s < FAN_OUT_SHARDS; s++) {
            h.processElement(new HoldingsInput(HoldingsInput.shardOf(product, s), e), e.eventTime);
        }
    }

    private static String local(long millis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.ofHours(8)).toString();
    }

    /**
     * The customer operator's outputs as text, in event-time order and per customer in the order emitted. Records of
     * different customers at the same instant come in no defined order (timers of one timestamp fire in heap order,
     * which a restore may change), and downstream is keyed by customer, so that order is normalised.
     */
    record Outputs(List<String> decisions, List<String> offers, List<String> late, int decisionCount, int offerCount, int lateCount) {
        static final Outputs NOTHING = new Outputs(List.of(), List.of(), List.of(), 0, 0, 0);

        static Outputs since(KeyedBroadcastOperatorTestHarness<String, CustomerInput, RuleUpdate, Offer> h, Outputs mark) {
            List<Decision> decisions = sideOutput(h, OutputTags.DECISIONS);
            List<Offer> offers = h.extractOutputValues();
            List<LateEvent> late = sideOutput(h, OutputTags.LATE_EVENTS);
            List<Decision> newDecisions = new ArrayList<>(decisions.subList(mark.decisionCount, decisions.size()));
            newDecisions.sort(Comparator.comparingLong((Decision d) -> d.decidedAt).thenComparing(d -> d.customerId));
            List<Offer> newOffers = new ArrayList<>(offers.subList(mark.offerCount, offers.size()));
            newOffers.sort(Comparator.comparingLong((Offer o) -> o.sendAt).thenComparing(o -> o.customerId));
            List<LateEvent> newLate = new ArrayList<>(late.subList(mark.lateCount, late.size()));
            newLate.sort(Comparator.comparing((LateEvent l) -> l.eventId));
            return new Outputs(newDecisions.stream().map(StateSnapshotCompatibilityTest::decision).toList(),
                    newOffers.stream().map(StateSnapshotCompatibilityTest::offer).toList(),
                    newLate.stream().map(l -> l.customerId + " " + l.eventId + " at " + local(l.eventTime) + " missed " + local(l.watermark)).toList(),
                    decisions.size(), offers.size(), late.size());
        }

        private static <T> List<T> sideOutput(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h, OutputTag<T> tag) {
            Queue<StreamRecord<T>> records = h.getSideOutput(tag);
            return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
        }
    }

    static String decision(Decision d) {
        return d.customerId + " " + d.ruleId + " " + d.channel + " " + d.outcome + (d.reason == null ? "" : " " + d.reason)
                + " [" + String.join(",", d.triggerEventIds) + "] @" + local(d.decidedAt) + " trigger@" + local(d.triggerTime)
                + " offer " + d.offerId + (d.detailsJson == null ? "" : " " + d.detailsJson);
    }

    static String offer(Offer o) {
        return o.customerId + " " + o.ruleId + " " + o.channel + " " + o.variant + " [" + String.join(",", o.triggerEventIds) + "] "
                + o.offerId + " trigger@" + local(o.triggerTime) + " send@" + local(o.sendAt) + " expires@" + local(o.expiresAt)
                + " " + o.payloadJson + " \"" + o.message + "\"";
    }

    /** Fan-out copies as text, by event time and customer: the copies of one move go to different keys, in no defined order. */
    static List<String> fanOutOutput(List<Event> copies) {
        return copies.stream()
                .sorted(Comparator.comparingLong((Event e) -> e.eventTime).thenComparing(e -> e.customerId))
                .map(e -> e.customerId + " " + e.type + " " + e.eventId + " " + e.productId + " " + e.changePct.toPlainString() + " @"
                        + local(e.eventTime) + (e.fannedOut ? " fannedOut" : ""))
                .toList();
    }

    private static List<String> shippedRuleIds() throws Exception {
        return RuleFiles.shipped().rules().stream().map(r -> r.id()).toList();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Snapshot files
    // ---------------------------------------------------------------------------------------------------------

    /** The restored file: from the classpath, or (in write mode, where the classpath copy is stale) from the source tree. */
    private static String snapshotFile(String file) throws IOException, URISyntaxException {
        Path source = SOURCE_ROOT.resolve(SNAPSHOT_SET).resolve(file);
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            return source.toString();
        }
        URL url = StateSnapshotCompatibilityTest.class.getClassLoader().getResource("state-snapshots/" + SNAPSHOT_SET + "/" + file);
        assertThat(url).as("snapshot %s on the test classpath", file).isNotNull();
        return Paths.get(url.toURI()).toString();
    }

    /** What was written for one operator, for the README and the constants above. */
    record Written(String file, long bytes, Map<String, Long> keysPerState, int entries, int timers, List<String> stateDescriptions,
            List<String> operatorStates) {}

    private static Written write(KeyedBroadcastOperatorTestHarness<String, ?, ?, ?> h, Path file) throws Exception {
        OperatorSubtaskState snapshot = h.snapshotWithLocalState(1L, SNAPSHOT_WATERMARK, SavepointType.savepoint(SavepointFormatType.CANONICAL))
                .getJobManagerOwnedState();
        OperatorSnapshotUtil.writeStateHandle(snapshot, file.toString());

        KeyedStateBackend<?> backend = h.getOperator().getKeyedStateBackend();
        List<StateMetaInfoSnapshot> metaInfos = keyedStateMetaInfos(snapshot);
        List<String> kvStates = metaInfos.stream().filter(m -> m.getBackendStateType() != StateMetaInfoSnapshot.BackendStateType.PRIORITY_QUEUE)
                .map(StateMetaInfoSnapshot::getName).toList();
        Map<String, Long> keys = keysPerState(backend, kvStates);
        int entries = ((HeapKeyedStateBackend<?>) backend).numKeyValueStateEntries();
        List<String> descriptions = new ArrayList<>();
        for (StateMetaInfoSnapshot m : metaInfos) {
            StringBuilder s = new StringBuilder("| `").append(m.getName()).append("` | ").append(m.getBackendStateType()).append(" | ")
                    .append(keys.containsKey(m.getName()) ? String.valueOf(keys.get(m.getName())) : "-").append(" | ");
            List<String> parts = new ArrayList<>();
            for (var e : new TreeMap<>(m.getSerializerSnapshotsImmutable()).entrySet()) {
                parts.add(e.getKey() + ": " + describe(e.getValue()));
            }
            descriptions.add(s.append(String.join("; ", parts)).append(" |").toString());
        }
        List<String> operatorStates = new ArrayList<>();
        for (OperatorStateHandle handle : snapshot.getManagedOperatorState()) {
            try (InputStream in = handle.openInputStream()) {
                OperatorBackendSerializationProxy proxy = new OperatorBackendSerializationProxy(StateSnapshotCompatibilityTest.class.getClassLoader());
                proxy.read(new DataInputViewStreamWrapper(in));
                List<StateMetaInfoSnapshot> metas = new ArrayList<>(proxy.getOperatorStateMetaInfoSnapshots());
                metas.addAll(proxy.getBroadcastStateMetaInfoSnapshots());
                for (StateMetaInfoSnapshot m : metas) {
                    List<String> parts = new ArrayList<>();
                    for (var e : new TreeMap<>(m.getSerializerSnapshotsImmutable()).entrySet()) {
                        parts.add(e.getKey() + ": " + describe(e.getValue()));
                    }
                    operatorStates.add("| `" + m.getName() + "` | " + handle.getStateNameToPartitionOffsets().get(m.getName()).getDistributionMode()
                            + " | " + String.join("; ", parts) + " |");
                }
            }
        }
        operatorStates.sort(null);
        return new Written(file.getFileName().toString(), Files.size(file), keys, entries, h.numEventTimeTimers(), descriptions, operatorStates);
    }

    private static Map<String, Long> keysPerState(KeyedStateBackend<?> backend, Iterable<String> states) {
        Map<String, Long> keys = new TreeMap<>();
        for (String state : states) {
            try (var stream = backend.getKeys(state, VoidNamespace.INSTANCE)) {
                keys.put(state, stream.count());
            }
        }
        return keys;
    }

    private static List<StateMetaInfoSnapshot> keyedStateMetaInfos(OperatorSubtaskState snapshot) throws IOException {
        List<StateMetaInfoSnapshot> all = new ArrayList<>();
        for (KeyedStateHandle handle : snapshot.getManagedKeyedState()) {
            try (InputStream in = ((KeyGroupsStateHandle) handle).openInputStream()) {
                KeyedBackendSerializationProxy<?> proxy = new KeyedBackendSerializationProxy<>(StateSnapshotCompatibilityTest.class.getClassLoader());
                proxy.read(new DataInputViewStreamWrapper(in));
                all.addAll(proxy.getStateMetaInfoSnapshots());
            }
        }
        all.sort(Comparator.comparing(StateMetaInfoSnapshot::getName));
        return all;
    }

    /** The serializer a snapshot recorded, with the fields of POJOs (in the order the POJO serializer writes them). */
    private static String describe(TypeSerializerSnapshot<?> snapshot) {
        return describe(snapshot.restoreSerializer(), snapshot, 0);
    }

    private static String describe(TypeSerializer<?> serializer, TypeSerializerSnapshot<?> snapshot, int depth) {
        String name = serializer.getClass().getSimpleName();
        if (depth > 6) {
            return name;
        }
        try {
            if (name.equals("PojoSerializer")) {
                Method pojoClass = serializer.getClass().getDeclaredMethod("getPojoClass");
                Method fields = serializer.getClass().getDeclaredMethod("getFields");
                Method fieldSerializers = serializer.getClass().getDeclaredMethod("getFieldSerializers");
                pojoClass.setAccessible(true);
                fields.setAccessible(true);
                fieldSerializers.setAccessible(true);
                Field[] f = (Field[]) fields.invoke(serializer);
                TypeSerializer<?>[] s = (TypeSerializer<?>[]) fieldSerializers.invoke(serializer);
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < f.length; i++) {
                    parts.add(f[i].getName() + " " + describe(s[i], s[i].snapshotConfiguration(), depth + 1));
                }
                return "Pojo " + ((Class<?>) pojoClass.invoke(serializer)).getSimpleName() + "{" + String.join(", ", parts) + "}";
            }
            TypeSerializerSnapshot<?> own = snapshot != null ? snapshot : serializer.snapshotConfiguration();
            if (own instanceof CompositeTypeSerializerSnapshot<?, ?> composite) {
                List<String> parts = new ArrayList<>();
                for (TypeSerializerSnapshot<?> inner : composite.getNestedSerializerSnapshots()) {
                    parts.add(describe(inner.restoreSerializer(), inner, depth + 1));
                }
                return name + "<" + String.join(", ", parts) + ">";
            }
        } catch (ReflectiveOperationException e) {
            return name + " (" + e + ")";
        }
        return name;
    }

    private static String readme(Written customer, Written fanOut) throws Exception {
        String commit = git("rev-parse", "HEAD").trim();
        String dirty = git("status", "--porcelain", "--", "src/main", "rules", "pom.xml").stripTrailing();
        StringBuilder r = new StringBuilder();
        r.append("# Operator state snapshots `").append(SNAPSHOT_SET).append("`\n\n");
        r.append("Written by the code of commit ").append(commit).append(" plus the working tree of ").append(LocalDate.now(ZoneOffset.UTC))
                .append(" (uncommitted changes to `src/main`, `rules` and `pom.xml` at the time: ")
                .append(dirty.isEmpty() ? "none" : dirty.lines().map(l -> "`" + l.substring(3) + "` (" + l.substring(0, 2).trim() + ")")
                        .collect(Collectors.joining(", ")))
                .append("; the keyed operators were as committed unless listed).\n");
        r.append("Flink 2.2.1, the hashmap (heap) state backend, a **canonical savepoint** of one subtask of each keyed operator ")
                .append("(max parallelism ").append(MAX_PARALLELISM).append(", key groups 0-").append(MAX_PARALLELISM - 1)
                .append("), written with Flink's `OperatorSnapshotUtil.writeStateHandle` (flink-runtime test-jar), ")
                .append("by `StateSnapshotCompatibilityTest` (src/test/java/com/acmebank/triggers/flink/). Generic (Kryo) types were disabled, as in the job.\n\n");
        r.append("These files are the evidence of what the code before the keyed-operator refactor wrote. Every build restores them into ")
                .append("today's operators (heap and RocksDB), feeds the continuation of the scenario and checks that the offers and decisions ")
                .append("are exactly those of an uninterrupted run. **Do not regenerate them to make that test pass**: a failure means ")
                .append("savepoints of the running jobs would not restore, or would restore into different behaviour.\n\n");
        r.append("The snapshot is taken at event time ").append(local(SNAPSHOT_WATERMARK)).append(" (the watermark), go-live ")
                .append(local(GO_LIVE)).append("; the restored job is configured with a later go-live (").append(local(RESTART_GO_LIVE))
                .append(") so only the go-live kept in the snapshot lets it decide anything.\n\n");
        section(r, customer, "customer-triggers", "CustomerTriggerFunction",
                "14 customers C01-C14 with the shipped rules S1-S15 and lists, profiles en-US Asia/Shanghai. "
                        + "C01 S2 sent 11-10 (last-fired, the 30-day repeat limit); C02 and C03 a salary at 22:00 local, DEFERRED to 08:00 "
                        + "(deferred-offers, wake-ups); C03 a newer profile version (updatedAt 2026-11-21 02:00, PUSH consent withdrawn) "
                        + "waiting (pending-profiles, customer-clock); C04 account opened 11-18 (S13 welcome sent, S3 sequence, S13 nudge "
                        + "absence deadline 11-25 10:00); C05 four card payments in 7 days (S12 sliding window) and a fifth buffered for "
                        + "11-21 12:00 (event-buffer); C06 3,000 credit-card spend in November (S6 calendar window); C07 two payments "
                        + "abroad (S10 sliding window); C08 balance 40,000 (S7 armed); C09 crossed 50,000 on 11-06 (S7 disarmed, "
                        + "last-fired); C10 tier GOLD, balance peak 100,000 (S8 drop window); C11 a card payment of 2026-05-30, before "
                        + "go-live (S4 dormancy deadline 11-26 10:00, S5 idle clock); C12 born 1985-11-25 (S14 armed for 11-25 09:00); "
                        + "C13 five partner payments on five days, all sent (contact-log: the 7-day cap is full); C14 a partner payment "
                        + "11-19 (seen-event-ids). Operator state: the rules and lists (broadcast) and the go-live instant (union list).");
        section(r, fanOut, "holdings-fan-out", "HoldingsFanOutFunction",
                "FUND-1 held by H1 (1,000), H3 (600 after a partial redemption), H4 (500); H2 and H7 bought and redeemed all; "
                        + "FUND-2 held by H5; a -6% move of FUND-1 on 11-12 fanned out already; buffered: H6 buys FUND-1 and H1 redeems "
                        + "all on 11-21; eventIds of the last 7 days remembered. Keyed by product shard (8 shards per product).");
        r.append("In the tables, keys is the number of keys (customers, product shards) holding that state; the serializers are those ")
                .append("recorded in the snapshot, with POJO fields in the order Flink's PojoSerializer writes them (by name).\n\n");
        r.append("## What the refactor must keep for these to restore\n\n");
        r.append("Checked by breaking a scratch copy of the code when the files were written:\n\n");
        r.append("* **State names** (`StateDescriptors`). A renamed state restores nothing and raises no error: the old entries stay ")
                .append("orphaned under the old name and the new state starts empty (renaming `deferred-offers` lost both 08:00 releases; ")
                .append("`seen-event-ids` let retried events through; `holdings` lost the holders). Only the continuation's output shows it.\n");
        r.append("* **Class names of POJO state** (`Profile`, `Event`, `Origin`, `TriggerState`, `SlidingWindow`, `ContactLog`, ")
                .append("`DeferredOffer`, `Offer`, `CustomerClock`, `RuleSource`): the snapshot records them fully qualified; moving ")
                .append("`CustomerClock` to another package fails the restore (`ClassNotFoundException`, the whole keyed backend).\n");
        r.append("* **POJO field names and types.** Fields are matched by name, so their order in the source does not matter, and an added ")
                .append("or removed field restores (the removed value is dropped). A **renamed field is a removed one plus a new one: it restores ")
                .append("silently with the value lost** (renaming `TriggerState.anchorTime` lost the S3 sequence start: C04 got S2 instead of ")
                .append("S3). A changed field type fails at the first access to the state (`StateMigrationException`: ")
                .append("`CustomerClock.pendingProfiles` int to long).\n");
        r.append("* **Keys and timers**: the key is the customerId (`Keys.ByCustomer`) or `productId#shard` with `HoldingsInput.shardFor` ")
                .append("and 8 shards; max parallelism 128 (the job sets none, Flink's default for parallelism up to 85); timers are the ")
                .append("keyed state `_timer_state/event_user-timers` of Flink's keyed broadcast operator (a different operator or timer ")
                .append("service name would leave them behind); the operator uids `customer-triggers` and `holdings-fan-out`.\n");
        r.append("* **The go-live instant** in the union list state `go-live` (ignoring it on restore made the restart, whose own go-live is ")
                .append("later, decide nothing but the two deferred releases).\n");
        r.append("* **Broadcast state** holds the rule files as text (`RuleSource`) and the lists; the restored operator compiles them with ")
                .append("its own compiler (a restored rule that no longer compiles is only logged and stays inactive). The test does not ")
                .append("send the rules again after the restore.\n\n");
        r.append("## Regenerate\n\n");
        r.append("Only for a new scenario or a new set, never to make the restore test pass. Delete this folder (write mode refuses to ")
                .append("overwrite it), then:\n\n");
        r.append("```\nmvn -B -o -q test -Dtest=StateSnapshotCompatibilityTest -Dstate.snapshot.write=true\n```\n\n");
        r.append("It runs the scenario up to the snapshot, writes the two `.snapshot` files and this README, and prints the constants ")
                .append("(keys per state, timers, entries, the expected continuation) to paste into the test. A set for a later ")
                .append("version of the code goes into a new folder (change `SNAPSHOT_SET`) so the older sets keep being restored.\n");
        return r.toString();
    }

    private static void section(StringBuilder r, Written w, String uid, String function, String holds) {
        r.append("## `").append(w.file).append("` (uid `").append(uid).append("`, `").append(function).append("`), ")
                .append(String.format("%,d", w.bytes)).append(" bytes\n\n");
        r.append(holds).append("\n\n");
        r.append("At the snapshot: ").append(w.entries).append(" keyed state entries (state x key), ").append(w.timers)
                .append(" event-time timers.\n\n");
        r.append("| keyed state | kind | keys | serializers as written |\n|---|---|---|---|\n");
        for (String line : w.stateDescriptions) {
            r.append(line).append('\n');
        }
        r.append("\n| operator state | distribution | serializers as written |\n|---|---|---|\n");
        for (String line : w.operatorStates) {
            r.append(line).append('\n');
        }
        r.append('\n');
    }

    private static String git(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "git " + args[0] + " failed: " + out);
        return out;
    }

    private static String javaList(List<String> lines) {
        if (lines.isEmpty()) {
            return "List.of()";
        }
        return lines.stream().map(StateSnapshotCompatibilityTest::javaString)
                .collect(Collectors.joining(",\n            ", "List.of(\n            ", ")"));
    }

    private static String javaMap(Map<String, Long> map) {
        return new TreeSet<>(map.keySet()).stream().map(k -> "Map.entry(" + javaString(k) + ", " + map.get(k) + "L)")
                .collect(Collectors.joining(",\n            ", "Map.ofEntries(\n            ", ")"));
    }

    private static String javaString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

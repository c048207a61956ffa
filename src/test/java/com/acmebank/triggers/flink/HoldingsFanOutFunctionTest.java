package com.acmebank.triggers.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.testing.EventJson;
import com.acmebank.triggers.testing.ShippedRules;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The holdings index: who holds a product, in event-time order, and one copy of a market move per holder. */
class HoldingsFanOutFunctionTest {
    private static final int SHARDS = 8;
    private KeyedBroadcastOperatorTestHarness<String, HoldingsInput, RuleUpdate, Event> harness;

    @BeforeEach
    void open() throws Exception {
        EngineConfig config = new EngineConfig();
        config.fanOutShards = SHARDS;
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new HoldingsFanOutFunction(config),
                new Keys.ByProductShard(), Types.STRING, StateDescriptors.RULES, StateDescriptors.REFERENCE_LISTS, StateDescriptors.PENDING_RULE_UPDATES);
        harness.processBroadcastElement(ShippedRules.rule("S15-market-drop"), 0);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void holding(String type, String id, String customer, String time, String amount) throws Exception {
        Event e = EventJson.of(type, id, customer, time).amount(amount).with("productId", "FUND-1").event();
        harness.processElement(new HoldingsInput(HoldingsInput.shardOf("FUND-1", HoldingsInput.shardFor(customer, SHARDS)), e), e.eventTime);
    }

    private void marketMove(String id, String time, String changePct) throws Exception {
        Event e = EventJson.of("MARKET_MOVE", id, null, time).with("productId", "FUND-1").decimal("changePct", changePct).event();
        for (int s = 0; s < SHARDS; s++) {
            harness.processElement(new HoldingsInput(HoldingsInput.shardOf("FUND-1", s), e), e.eventTime);
        }
    }

    private Set<String> deliveredTo() {
        Set<String> customers = new HashSet<>();
        for (Event e : harness.extractOutputValues()) {
            assertThat(e.fannedOut).isTrue();
            customers.add(e.customerId);
        }
        return customers;
    }

    @Test
    void reachesCurrentHoldersOnlyInEventTimeOrder() throws Exception {
        holding("PRODUCT_PURCHASE", "p1", "A", "2026-11-02T10:00:00Z", "1000");
        holding("PRODUCT_PURCHASE", "p2", "B", "2026-11-02T10:00:00Z", "1000");
        holding("PRODUCT_REDEMPTION", "r2", "B", "2026-11-02T11:00:00Z", "1000");
        holding("PRODUCT_PURCHASE", "p3", "C", "2026-11-02T10:00:00Z", "1000");
        holding("PRODUCT_REDEMPTION", "r3", "C", "2026-11-02T11:00:00Z", "400");
        // bought after the move in event time, though it arrives first
        holding("PRODUCT_PURCHASE", "p4", "D", "2026-11-02T15:00:30Z", "1000");
        marketMove("m1", "2026-11-02T15:00:00Z", "-5.0");
        harness.processWatermark(Instant.parse("2026-11-03T00:00:00Z").toEpochMilli());
        assertThat(deliveredTo()).containsExactlyInAnyOrder("A", "C");
    }

    @Test
    void aMoveNoFanOutRuleWantsReachesNobody() throws Exception {
        holding("PRODUCT_PURCHASE", "p1", "A", "2026-11-02T10:00:00Z", "1000");
        marketMove("m1", "2026-11-02T15:00:00Z", "-4.9");
        harness.processWatermark(Instant.parse("2026-11-03T00:00:00Z").toEpochMilli());
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void reachesFiftyThousandHoldersSpreadOverShards() throws Exception {
        int holders = 50_000;
        for (int c = 0; c < holders; c++) {
            holding("PRODUCT_PURCHASE", "p" + c, "C" + c, "2026-11-02T10:00:00Z", "100");
        }
        marketMove("m1", "2026-11-02T15:00:00Z", "-6.2");
        long start = System.nanoTime();
        harness.processWatermark(Instant.parse("2026-11-03T00:00:00Z").toEpochMilli());
        List<Event> copies = harness.extractOutputValues();
        System.out.printf("Fan-out of one market move to %,d holders: %d ms in the test harness%n", copies.size(),
                (System.nanoTime() - start) / 1_000_000);
        assertThat(copies).hasSize(holders);
        assertThat(deliveredTo()).hasSize(holders);
        Set<Integer> shards = new HashSet<>();
        for (int c = 0; c < holders; c++) {
            shards.add(HoldingsInput.shardFor("C" + c, SHARDS));
        }
        assertThat(shards).hasSize(SHARDS);
    }
}

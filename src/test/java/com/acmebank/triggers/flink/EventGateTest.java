package com.acmebank.triggers.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.testing.EventJson;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The gate after event time is assigned: late events out, market moves and holdings to the fan-out index. */
class EventGateTest {

    private static OneInputStreamOperatorTestHarness<Event, Event> gate() throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(new EventGate(4));
    }

    @Test
    void aMarketMoveGoesToEveryShardOfItsProductEvenWhenItNamesACustomer() throws Exception {
        try (var h = gate()) {
            Event move = EventJson.of("MARKET_MOVE", "m1", "C9", "2026-11-02T07:00:00Z").with("productId", "F1").decimal("changePct", "-6").event();
            h.processElement(move, move.eventTime);
            assertThat(h.extractOutputValues()).isEmpty();
            List<String> shards = h.getSideOutput(OutputTags.HOLDINGS).stream().map(r -> r.getValue().shard).toList();
            assertThat(shards).containsExactlyInAnyOrder("F1#0", "F1#1", "F1#2", "F1#3");
        }
    }

    @Test
    void aPurchaseGoesToItsCustomerAndToTheHoldersShard() throws Exception {
        try (var h = gate()) {
            Event buy = EventJson.of("PRODUCT_PURCHASE", "b1", "C9", "2026-11-02T07:00:00Z").amount("100").with("productId", "F1").event();
            h.processElement(buy, buy.eventTime);
            assertThat(h.extractOutputValues()).extracting(e -> e.eventId).containsExactly("b1");
            assertThat(h.getSideOutput(OutputTags.HOLDINGS)).extracting(r -> r.getValue().shard)
                    .containsExactly("F1#" + HoldingsInput.shardFor("C9", 4));
        }
    }

    @Test
    void anEventAtOrBeforeTheWatermarkIsLateAndKeepsItsOriginalText() throws Exception {
        try (var h = gate()) {
            Event e = EventJson.of("APP_LOGIN", "l1", "C9", "2026-11-02T07:00:00Z").event();
            e.raw = "{\"eventId\":\"l1\", \"as\":\"received\"}";
            h.processWatermark(e.eventTime);
            h.processElement(e, e.eventTime);
            assertThat(h.extractOutputValues()).isEmpty();
            var late = h.getSideOutput(OutputTags.LATE_EVENTS).stream().map(StreamRecord::getValue).toList();
            assertThat(late).singleElement().satisfies(l -> {
                assertThat(l.raw).isEqualTo("{\"eventId\":\"l1\", \"as\":\"received\"}");
                assertThat(l.watermark).isEqualTo(e.eventTime);
            });
        }
    }
}

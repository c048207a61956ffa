package com.acmebank.triggers.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.condition.ReferenceLists;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleCompiler;
import com.acmebank.triggers.testing.EventJson;
import com.acmebank.triggers.testing.ShippedRules;
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

    @Test
    void withFixedRulesAnEventNoCustomerRuleReactsToStopsAtTheGateButStillFeedsTheHoldings() throws Exception {
        RuleBook s3Only = RuleBook.of(List.of(new RuleCompiler().compile(ShippedRules.source("S3-first-salary"))), ReferenceLists.empty());
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(EventGate.recorded(4, 60_000, s3Only))) {
            Event salary = EventJson.of("SALARY_CREDIT", "s1", "C9", "2026-11-02T07:00:00Z").amount("9000").event();
            Event payment = EventJson.of("CARD_PAYMENT", "p1", "C9", "2026-11-02T07:00:01Z").amount("20").event();
            Event buy = EventJson.of("PRODUCT_PURCHASE", "b1", "C9", "2026-11-02T07:00:02Z").amount("100").with("productId", "F1").event();
            h.processElement(salary, salary.eventTime);
            h.processElement(payment, payment.eventTime);
            h.processElement(buy, buy.eventTime);
            // the payment concerns no S3 trigger and no conversion: it stops; the purchase goes on, S3's conversion counts purchases
            assertThat(h.extractOutputValues()).extracting(e -> e.eventId).containsExactly("s1", "b1");
            assertThat(h.getSideOutput(OutputTags.HOLDINGS)).extracting(r -> r.getValue().event.eventId).containsExactly("b1");
        }
    }

    @Test
    void recordedInputIsLateAgainstTheExactWatermarkOfTheRecordsBeforeIt() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(EventGate.recorded(4, 60_000))) {
            Event first = EventJson.of("APP_LOGIN", "a", "C9", "2026-11-02T07:10:00Z").event();
            // the watermark after "first" is 07:09:00 minus 1 ms: an event exactly there is late, 1 ms later is not
            Event atWatermark = EventJson.of("APP_LOGIN", "b", "C9", "2026-11-02T07:08:59.999Z").event();
            Event justAfter = EventJson.of("APP_LOGIN", "c", "C9", "2026-11-02T07:09:00Z").event();
            for (Event e : List.of(first, atWatermark, justAfter)) {
                h.processElement(e, e.eventTime);
            }
            assertThat(h.extractOutputValues()).extracting(e -> e.eventId).containsExactly("a", "c");
            assertThat(h.getSideOutput(OutputTags.LATE_EVENTS)).extracting(r -> r.getValue().eventId).containsExactly("b");
            assertThat(h.getSideOutput(OutputTags.LATE_EVENTS)).extracting(r -> r.getValue().watermark)
                    .containsExactly(first.eventTime - 60_000 - 1);
        }
    }
}

package com.acmebank.triggers.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.Origin;
import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.output.DeadLetter;
import java.time.Instant;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ParseEventsTest {

    private static DeadLetter deadLetterOf(EngineConfig config, String json) throws Exception {
        try (OneInputStreamOperatorTestHarness<RawRecord, Event> h = ProcessFunctionTestHarnesses.forProcessFunction(new ParseEvents(config))) {
            h.processElement(new RawRecord(json, null, Origin.fileLine("events.jsonl", 7)), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            return h.getSideOutput(OutputTags.DEAD_LETTERS).stream().map(StreamRecord::getValue).findFirst().orElseThrow();
        }
    }

    @Test
    void anInvalidRecordBecomesADeadLetterWithItsTextReasonAndOrigin() throws Exception {
        DeadLetter d = deadLetterOf(new EngineConfig(), "{\"eventId\":\"e1\",\"type\":\"CARD_PAYMENT\",\"customerId\":\"C\",\"eventTime\":1,\"amount\":\"12\"}");
        assertThat(d.reason).isEqualTo("amount: expected a decimal number, got a string");
        assertThat(d.eventId).isEqualTo("e1");
        assertThat(d.origin).isEqualTo(Origin.fileLine("events.jsonl", 7));
        assertThat(d.raw).contains("\"amount\":\"12\"");
    }

    @Test
    void anEventFarBeyondTheEndOfSimulatedTimeIsRefused() throws Exception {
        EngineConfig config = new EngineConfig();
        config.simulationEnd = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
        DeadLetter d = deadLetterOf(config, "{\"eventId\":\"f\",\"type\":\"APP_LOGIN\",\"customerId\":\"C\",\"eventTime\":\"2099-01-01T00:00:00Z\"}");
        assertThat(d.reason).isEqualTo("eventTime: 2099-01-01T00:00:00Z is more than a day after the end of simulated time (--until 2026-12-01T00:00:00Z)");
    }

    @Test
    void aLiveEventFromTheFutureIsRefused() throws Exception {
        EngineConfig config = new EngineConfig();
        config.maxAheadOfClockMillis = 3_600_000;
        long tomorrow = System.currentTimeMillis() + 86_400_000L;
        DeadLetter d = deadLetterOf(config, "{\"eventId\":\"f\",\"type\":\"APP_LOGIN\",\"customerId\":\"C\",\"eventTime\":" + tomorrow + "}");
        assertThat(d.reason).startsWith("eventTime: ").contains("is more than 1h ahead of the engine's clock");
    }
}

package com.acmebank.triggers.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.flink.RawEventTimeProbe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What reaches the parsers from Kafka: the text, or the reason it cannot be used. */
class RawRecordDeserializerTest {
    private final RawRecordDeserializer deserializer = new RawRecordDeserializer();

    @Test
    void takesUtf8TextWithItsKeyAndOrigin() {
        RawRecord r = one("K1", "{\"eventId\":\"e1\",\"name\":\"李伟\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.problem).isNull();
        assertThat(r.text).contains("李伟");
        assertThat(r.key).isEqualTo("K1");
        assertThat(r.origin.toString()).isEqualTo("events/1@42");
    }

    @Test
    void bytesThatAreNotUtf8AreMarkedWithThePosition() {
        RawRecord r = one(null, new byte[] {'{', '"', 'a', (byte) 0xff, (byte) 0xfe, '}'});
        assertThat(r.problem).startsWith("not UTF-8 text").contains("at byte 3");
    }

    @Test
    void aRecordAboveTheLimitKeepsOnlyItsBeginning() {
        byte[] big = new byte[5 * 1024 * 1024];
        Arrays.fill(big, (byte) 'x');
        RawRecord r = one("K1", big);
        assertThat(r.problem).contains("5,242,880 bytes exceeds the engine's limit of 524,288 bytes");
        assertThat(r.text).hasSize(RawRecordDeserializer.KEPT_BYTES);
    }

    @Test
    void aTombstoneStaysNull() {
        RawRecord r = one("K1", null);
        assertThat(r.text).isNull();
        assertThat(r.problem).isNull();
        assertThat(r.key).isEqualTo("K1");
    }

    @Test
    void eventTimeIsReadAtTheSourceWithoutAFullParse() {
        assertThat(RawEventTimeProbe.eventTime("{\"eventId\":\"e\",\"attributes\":{\"eventTime\":1},\"eventTime\":\"2026-11-22T09:15:00+08:00\"}"))
                .isEqualTo(1_795_310_100_000L);
        assertThat(RawEventTimeProbe.eventTime("{\"eventTime\":1795310100000}")).isEqualTo(1_795_310_100_000L);
        assertThat(RawEventTimeProbe.eventTime("{\"eventTime\":\"yesterday\"}")).isEqualTo(Long.MIN_VALUE);
        assertThat(RawEventTimeProbe.eventTime("not json")).isEqualTo(Long.MIN_VALUE);
        assertThat(RawEventTimeProbe.eventTime("")).isEqualTo(Long.MIN_VALUE);
    }

    private RawRecord one(String key, byte[] value) {
        List<RawRecord> out = new ArrayList<>();
        deserializer.deserialize(new ConsumerRecord<>("events", 1, 42, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value),
                new Collector<>() {
                    @Override
                    public void collect(RawRecord record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {
                    }
                });
        assertThat(out).hasSize(1);
        return out.get(0);
    }
}

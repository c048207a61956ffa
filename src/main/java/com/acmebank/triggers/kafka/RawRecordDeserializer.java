package com.acmebank.triggers.kafka;

import com.acmebank.triggers.event.Origin;
import com.acmebank.triggers.event.RawRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Takes a Kafka record as it is: its text, its key and where it sits (topic, partition, offset). Parsing
 * happens downstream, where a bad record becomes a dead letter instead of failing the source. A value that is
 * not UTF-8, or larger than {@link #MAX_RECORD_BYTES}, is marked with its problem (and only its beginning is
 * kept), so it too becomes a dead letter; a null value (a tombstone) stays null.
 */
public class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;
    /** The largest record the engine takes: a bank event is a few hundred bytes; a larger one is a dead letter. */
    public static final int MAX_RECORD_BYTES = 512 * 1024;
    /** How much of a record too large to use is kept for its dead letter. */
    static final int KEPT_BYTES = 4096;

    private transient CharsetDecoder utf8;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        Origin origin = Origin.kafka(record.topic(), record.partition(), record.offset());
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        byte[] value = record.value();
        if (value == null) {
            out.collect(new RawRecord(null, key, origin));
            return;
        }
        if (value.length > MAX_RECORD_BYTES) {
            RawRecord r = new RawRecord(new String(value, 0, KEPT_BYTES, StandardCharsets.UTF_8), key, origin);
            r.problem = String.format("record of %,d bytes exceeds the engine's limit of %,d bytes (only the first %,d are kept here)",
                    value.length, MAX_RECORD_BYTES, KEPT_BYTES);
            out.collect(r);
            return;
        }
        RawRecord r;
        try {
            r = new RawRecord(decoder().decode(ByteBuffer.wrap(value)).toString(), key, origin);
        } catch (CharacterCodingException e) {
            r = new RawRecord(new String(value, StandardCharsets.UTF_8), key, origin);
            r.problem = "not UTF-8 text" + (e instanceof MalformedInputException m ? ": malformed byte sequence at byte "
                    + firstMalformed(value) + " (length " + m.getInputLength() + ")" : "");
        }
        out.collect(r);
    }

    private CharsetDecoder decoder() {
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        return utf8.reset();
    }

    /** The offset of the first byte that is not valid UTF-8. */
    private int firstMalformed(byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value);
        decoder().decode(in, java.nio.CharBuffer.allocate(value.length), true);
        return in.position();
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}

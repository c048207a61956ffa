package com.acmebank.triggers.flink;

import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.event.Times;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * The event time of a raw live record, read at the source so that watermarks can be made per Kafka partition:
 * a scan of the top-level fields up to {@code eventTime}, not a full parse (the record is parsed once, downstream).
 * A record without a readable eventTime, or stamped further ahead of the clock than allowed (it becomes a dead
 * letter downstream), does not move event time.
 */
public class RawEventTime implements SerializableTimestampAssigner<RawRecord> {
    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = new JsonFactory();

    private final long maxAheadOfClock;

    public RawEventTime(long maxAheadOfClockMillis) {
        this.maxAheadOfClock = maxAheadOfClockMillis;
    }

    @Override
    public long extractTimestamp(RawRecord record, long recordTimestamp) {
        if (record.problem != null) {
            // a dead letter downstream: its (cut) text must not move event time
            return Long.MIN_VALUE;
        }
        long time = eventTime(record.text);
        if (time != Long.MIN_VALUE && maxAheadOfClock > 0 && time > System.currentTimeMillis() + maxAheadOfClock) {
            return Long.MIN_VALUE;
        }
        return time;
    }

    static long eventTime(String text) {
        if (text == null || text.isEmpty()) {
            return Long.MIN_VALUE;
        }
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Long.MIN_VALUE;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("eventTime".equals(name)) {
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        return p.getLongValue();
                    }
                    return value == JsonToken.VALUE_STRING ? Times.parseInstant(p.getText()) : Long.MIN_VALUE;
                }
                p.skipChildren();
            }
        } catch (Exception malformed) {
            // a dead letter downstream, with its reason
        }
        return Long.MIN_VALUE;
    }
}

package com.acmebank.triggers.flink;

import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.kafka.ConsumerLag;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Watermarks of the rule-updates topic: on a fresh start event time waits until the records that were in the topic
 * when the job was launched have all been read (their end offsets are known then), so no event is judged before the
 * rules in force are; after that, or after a restore (whose rules are in the checkpoint), as any reference topic
 * ({@link ReferenceDataWatermarks}): the wall clock, a few seconds behind. A job restored by Flink after a failure
 * keeps the launch's end offsets but may have read past them before: when no record comes at all for half a minute
 * and its consumer's lag says it is at the end, it is. (The lag alone is not enough: the consumer may have fetched the
 * whole backlog before the first record of it is emitted.)
 */
public class RuleUpdatesWatermarks implements WatermarkGenerator<RawRecord> {
    private final Map<Integer, Long> endOffsets;
    private final ReferenceDataWatermarks<RawRecord> clock;
    private final Supplier<ConsumerLag.State> lag;
    private final RelativeClock activity;
    private final long started;
    private boolean readToEnd;
    private boolean anyRecord;

    /** {@code endOffsets}: per partition, where the topic ended at launch; empty after a restore. */
    public RuleUpdatesWatermarks(Map<Integer, Long> endOffsets, Supplier<ConsumerLag.State> lag, RelativeClock activity,
            ReferenceDataWatermarks<RawRecord> clock) {
        this.endOffsets = endOffsets;
        this.lag = lag;
        this.activity = activity;
        this.started = activity.relativeTimeMillis();
        this.clock = clock;
        this.readToEnd = endOffsets.values().stream().allMatch(end -> end <= 0);
    }

    @Override
    public void onEvent(RawRecord record, long timestamp, WatermarkOutput output) {
        clock.onEvent(record, timestamp, output);
        anyRecord = true;
        if (!readToEnd && record.origin != null) {
            Long end = endOffsets.get(record.origin.partition);
            if (end != null && record.origin.offset >= end - 1) {
                // one partition in practice (the topic must have one); more would each have to reach their end
                readToEnd = endOffsets.size() == 1;
            }
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (!readToEnd && !anyRecord && activity.relativeTimeMillis() - started > LiveWatermarks.EMPTY_GRACE_MILLIS
                && lag.get() == ConsumerLag.State.CAUGHT_UP) {
            readToEnd = true;
        }
        if (readToEnd) {
            clock.onPeriodicEmit(output);
        }
    }
}

package com.acmebank.triggers.flink;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for live input: bounded out-of-orderness, and when no record arrived for {@code idleAdvance},
 * event time is taken to move on with the wall clock from the last record, so the last events of a quiet
 * period still get their offers and timers still fire. A source instance that never saw a record is idle
 * and does not hold the job back.
 */
public class LiveWatermarks<T> implements WatermarkGenerator<T> {
    private final long bound;
    private final long idleAdvance;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastRecordWallClock = System.currentTimeMillis();
    private long emitted = Long.MIN_VALUE;

    public LiveWatermarks(long boundMillis, long idleAdvanceMillis) {
        this.bound = boundMillis;
        this.idleAdvance = idleAdvanceMillis;
    }

    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {
        if (timestamp > maxTimestamp) {
            maxTimestamp = timestamp;
        }
        lastRecordWallClock = System.currentTimeMillis();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = System.currentTimeMillis();
        long quiet = now - lastRecordWallClock;
        if (maxTimestamp == Long.MIN_VALUE) {
            if (idleAdvance > 0 && quiet > idleAdvance) {
                output.markIdle();
            }
            return;
        }
        long watermark = maxTimestamp - bound - 1;
        if (idleAdvance > 0 && quiet > idleAdvance) {
            watermark += quiet - idleAdvance;
        }
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}

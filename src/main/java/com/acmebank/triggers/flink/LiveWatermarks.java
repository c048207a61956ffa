package com.acmebank.triggers.flink;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for live events: bounded out-of-orderness; when no record arrived for {@code idleAdvance}, the
 * source is caught up and event time follows the wall clock (live events are stamped close to now), so the
 * last events of a quiet period still get their offers, a quiet partition does not hold the others back, and
 * timers still fire. A source instance that has read nothing at all follows the
 * wall clock (after a grace period for its source to connect and its backlog to arrive) instead of declaring
 * itself idle: an idle input would let a finished input (the rule files, at end of time) run event time to its
 * end.
 */
public class LiveWatermarks<T> implements WatermarkGenerator<T> {
    /** How long a source instance that has read nothing waits before following the wall clock. */
    static final long EMPTY_GRACE_MILLIS = 30_000;

    private final long bound;
    private final long idleAdvance;
    private final long started = System.currentTimeMillis();
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastRecordWallClock = started;
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
        long watermark;
        if (maxTimestamp == Long.MIN_VALUE) {
            if (idleAdvance <= 0 || now - started <= Math.max(EMPTY_GRACE_MILLIS, idleAdvance)) {
                return;
            }
            watermark = now - bound - idleAdvance;
        } else {
            watermark = maxTimestamp - bound - 1;
            if (idleAdvance > 0 && quiet > idleAdvance) {
                watermark = Math.max(watermark, now - bound - idleAdvance);
            }
        }
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}

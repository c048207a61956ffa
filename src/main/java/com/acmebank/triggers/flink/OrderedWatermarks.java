package com.acmebank.triggers.flink;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for recorded input (replay): emitted from the records themselves, never from the wall clock,
 * so the same file gives the same watermarks, the same late events and the same offers on every run. The
 * watermark trails the largest event time seen by the out-of-orderness bound.
 */
public class OrderedWatermarks<T> implements WatermarkGenerator<T> {
    private final long bound;
    private long maxTimestamp = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    public OrderedWatermarks(long boundMillis) {
        this.bound = boundMillis;
    }

    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {
        if (timestamp > maxTimestamp) {
            maxTimestamp = timestamp;
            long watermark = maxTimestamp - bound - 1;
            if (watermark > emitted) {
                emitted = watermark;
                output.emitWatermark(new Watermark(watermark));
            }
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // punctuated: every advance is emitted in onEvent
    }
}

package com.acmebank.triggers.flink;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for recorded input (replay): emitted from the records themselves, never from the wall clock,
 * so the same file gives the same watermarks, the same late events and the same offers on every run. The
 * watermark trails the largest event time seen by the out-of-orderness bound ({@link RecordedTime}).
 *
 * <p>It is emitted in steps of at least {@code step}: every watermark costs each downstream task a round of
 * its timer queue, and one per event was most of the replay's cost. Late events are judged on the exact
 * watermark by the gate ({@link EventGate#recorded}); a coarser watermark only lets buffered events wait a
 * little longer, and they are still handed out in the same order.
 */
public class OrderedWatermarks<T> implements WatermarkGenerator<T> {
    private final RecordedTime time;
    private final long step;
    private long emitted = Long.MIN_VALUE;

    public OrderedWatermarks(long boundMillis, long stepMillis) {
        this.time = new RecordedTime(boundMillis);
        this.step = stepMillis;
    }

    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {
        time.observe(timestamp);
        long watermark = time.watermark();
        if (watermark > emitted && (emitted == Long.MIN_VALUE || watermark - emitted >= step)) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // punctuated: every advance is emitted in onEvent
    }
}

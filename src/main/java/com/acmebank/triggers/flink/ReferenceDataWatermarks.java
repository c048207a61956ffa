package com.acmebank.triggers.flink;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for a live reference stream (the profiles topic): event time is held back while its backlog is
 * being read (records keep coming), so no event is judged before its customer's profile is loaded; once the
 * stream has been quiet for {@code settle}, it follows the wall clock and never holds the events back again.
 * Profile updates themselves take effect by their updatedAt, not by this watermark.
 */
public class ReferenceDataWatermarks<T> implements WatermarkGenerator<T> {
    private final long settle;
    private long lastRecordWallClock = System.currentTimeMillis();
    private boolean loaded;

    public ReferenceDataWatermarks(long settleMillis) {
        this.settle = settleMillis;
    }

    @Override
    public void onEvent(T record, long timestamp, WatermarkOutput output) {
        lastRecordWallClock = System.currentTimeMillis();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = System.currentTimeMillis();
        if (!loaded && now - lastRecordWallClock > settle) {
            loaded = true;
        }
        if (loaded) {
            output.emitWatermark(new Watermark(now - settle));
        }
    }
}

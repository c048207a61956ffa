package com.acmebank.triggers.flink;

import com.acmebank.triggers.kafka.ConsumerLag;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Watermarks for a live reference stream (the profiles topic), one generator per partition: event time is held
 * back while its backlog is being read, so no event is judged before its customer's profile is loaded. Loaded
 * means the consumers report no lag and no record came for {@code settle} on the input-activity clock (which
 * stands still while the source is backpressured); from then on it follows the wall clock, {@code behind} it, and
 * never holds the events back again. Profile updates themselves take effect by their updatedAt, not by this
 * watermark. {@code behind} is the floor of every decision's latency (the operators take the least watermark of
 * their inputs), so it is the idle advance, not the settle time, which has to outlast a consumer's pauses.
 */
public class ReferenceDataWatermarks<T> implements WatermarkGenerator<T> {
    private final long settle;
    private final long behind;
    private final Supplier<ConsumerLag.State> lag;
    private final RelativeClock activity;
    private final LongSupplier wallClock;
    private long lastRecord;
    private boolean loaded;

    public ReferenceDataWatermarks(long settleMillis, long behindMillis, Supplier<ConsumerLag.State> lag, RelativeClock activity,
            LongSupplier wallClock) {
        this.settle = settleMillis;
        this.behind = behindMillis;
        this.lag = lag;
        this.activity = activity;
        this.wallClock = wallClock;
        this.lastRecord = activity.relativeTimeMillis();
    }

    @Override
    public void onEvent(T record, long timestamp, WatermarkOutput output) {
        lastRecord = activity.relativeTimeMillis();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (!loaded && activity.relativeTimeMillis() - lastRecord > settle && lag.get() != ConsumerLag.State.LAGGING) {
            loaded = true;
        }
        if (loaded) {
            output.emitWatermark(new Watermark(wallClock.getAsLong() - behind));
        }
    }
}

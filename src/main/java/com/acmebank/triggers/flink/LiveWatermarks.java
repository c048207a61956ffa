package com.acmebank.triggers.flink;

import com.acmebank.triggers.kafka.ConsumerLag;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Watermarks for live events, one generator per Kafka partition: bounded out-of-orderness, and, once the
 * source is caught up, the wall clock. Caught up means both: the consumers report no lag (everything in the
 * topic has been fetched), and no record came for {@code idleAdvance} on the input-activity clock, which stands
 * still while the source is backpressured. So a backlog (after an outage, a restart, or a first start over
 * retained history) is judged by its own event time however long the reader pauses, and only a quiet, caught-up
 * source lets event time follow the clock, so that the last events of a quiet period still get their offers and
 * timers still fire. A partition that has had no record at all follows the clock after a grace period for the
 * consumer to connect; it is never declared idle, since an idle input would let a finished input run event time
 * to its end.
 */
public class LiveWatermarks<T> implements WatermarkGenerator<T> {
    /** How long a partition that has had no record waits before following the wall clock. */
    static final long EMPTY_GRACE_MILLIS = 30_000;

    private final long bound;
    private final long idleAdvance;
    private final Supplier<ConsumerLag.State> lag;
    private final RelativeClock activity;
    private final LongSupplier wallClock;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastRecord;
    private long emitted = Long.MIN_VALUE;

    public LiveWatermarks(long boundMillis, long idleAdvanceMillis, Supplier<ConsumerLag.State> lag, RelativeClock activity,
            LongSupplier wallClock) {
        this.bound = boundMillis;
        this.idleAdvance = idleAdvanceMillis;
        this.lag = lag;
        this.activity = activity;
        this.wallClock = wallClock;
        this.lastRecord = activity.relativeTimeMillis();
    }

    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {
        if (timestamp > maxTimestamp) {
            maxTimestamp = timestamp;
        }
        lastRecord = activity.relativeTimeMillis();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long watermark = maxTimestamp == Long.MIN_VALUE ? Long.MIN_VALUE : maxTimestamp - bound - 1;
        if (caughtUp()) {
            watermark = Math.max(watermark, wallClock.getAsLong() - bound - idleAdvance);
        }
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    private boolean caughtUp() {
        if (idleAdvance <= 0) {
            return false;
        }
        long quiet = activity.relativeTimeMillis() - lastRecord;
        long needed = maxTimestamp == Long.MIN_VALUE ? Math.max(EMPTY_GRACE_MILLIS, idleAdvance) : idleAdvance;
        // the lag is asked only once the source is quiet; UNKNOWN (no consumer metrics) falls back to quiet alone
        return quiet > needed && lag.get() != ConsumerLag.State.LAGGING;
    }
}

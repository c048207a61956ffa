package com.acmebank.triggers.flink;

import com.acmebank.triggers.config.EngineConfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.kafka.ConsumerLag;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

/**
 * Live event time: a backlog is judged by its own event time however long its reader pauses; only a source that
 * is caught up (no consumer lag) and quiet (not merely backpressured) lets event time follow the wall clock.
 */
class LiveWatermarksTest {
    private static final long BOUND = 5_000;
    private static final long IDLE = 5_000;
    private static final long NOW = 1_800_000_000_000L;

    private final ManualClock activity = new ManualClock();
    private final long[] wall = {NOW};
    private final AtomicReference<ConsumerLag.State> lag = new AtomicReference<>(ConsumerLag.State.LAGGING);
    private final Output out = new Output();
    private final LiveWatermarks<String> watermarks = new LiveWatermarks<>(BOUND, IDLE, lag::get, activity, () -> wall[0]);

    @Test
    void aPausedReaderOfABacklogKeepsEventTimeAtTheBacklog() {
        long backlog = NOW - 3 * 86_400_000L;
        watermarks.onEvent("e", backlog, out);
        quietFor(60_000);
        watermarks.onPeriodicEmit(out);
        assertThat(out.last()).as("lagging: the records' own time only").isEqualTo(backlog - BOUND - 1);
    }

    @Test
    void aCaughtUpQuietSourceFollowsTheWallClock() {
        watermarks.onEvent("e", NOW - 60_000, out);
        lag.set(ConsumerLag.State.CAUGHT_UP);
        quietFor(IDLE + 1);
        watermarks.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(NOW - BOUND - IDLE);
    }

    @Test
    void caughtUpButNotQuietYetStaysAtTheRecords() {
        watermarks.onEvent("e", NOW - 60_000, out);
        lag.set(ConsumerLag.State.CAUGHT_UP);
        quietFor(IDLE);
        watermarks.onPeriodicEmit(out);
        assertThat(out.last()).as("quiet for exactly the idle advance is not yet quiet").isEqualTo(NOW - 60_000 - BOUND - 1);
    }

    @Test
    void aPartitionWithoutRecordsWaitsForTheGraceThenFollowsTheClock() {
        lag.set(ConsumerLag.State.CAUGHT_UP);
        quietFor(LiveWatermarks.EMPTY_GRACE_MILLIS);
        watermarks.onPeriodicEmit(out);
        assertThat(out.emitted).isEmpty();
        quietFor(1);
        watermarks.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(NOW - BOUND - IDLE);
    }

    @Test
    void withoutConsumerMetricsQuietAloneDecides() {
        watermarks.onEvent("e", NOW - 60_000, out);
        lag.set(ConsumerLag.State.UNKNOWN);
        quietFor(IDLE + 1);
        watermarks.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(NOW - BOUND - IDLE);
    }

    @Test
    void watermarksNeverGoBack() {
        watermarks.onEvent("e", NOW, out);
        watermarks.onPeriodicEmit(out);
        watermarks.onEvent("older", NOW - 1_000, out);
        watermarks.onPeriodicEmit(out);
        assertThat(out.emitted).containsExactly(NOW - BOUND - 1);
    }

    @Test
    void theProfilesTopicHoldsEventTimeBackUntilLoadedAndCaughtUp() {
        ReferenceDataWatermarks<String> profiles = new ReferenceDataWatermarks<>(IDLE, IDLE, lag::get, activity, () -> wall[0]);
        profiles.onEvent("p", Long.MIN_VALUE, out);
        quietFor(IDLE + 1);
        profiles.onPeriodicEmit(out);
        assertThat(out.emitted).as("still lagging").isEmpty();
        lag.set(ConsumerLag.State.CAUGHT_UP);
        profiles.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(NOW - IDLE);
        lag.set(ConsumerLag.State.LAGGING);
        wall[0] += 1_000;
        profiles.onPeriodicEmit(out);
        assertThat(out.last()).as("once loaded, never held back again").isEqualTo(NOW + 1_000 - IDLE);
    }

    @Test
    void aShortIdleAdvanceLetsReferenceTopicsTrailTheClockByItButTheirBacklogStillNeedsASecondOfQuiet() {
        ReferenceDataWatermarks<String> profiles = new ReferenceDataWatermarks<>(1_000, 200, lag::get, activity, () -> wall[0]);
        lag.set(ConsumerLag.State.CAUGHT_UP);
        profiles.onEvent("p", Long.MIN_VALUE, out);
        quietFor(500);
        profiles.onPeriodicEmit(out);
        assertThat(out.emitted).as("quiet for less than the settle time: not loaded yet").isEmpty();
        quietFor(501);
        profiles.onPeriodicEmit(out);
        assertThat(out.last()).as("loaded: 200 ms behind the clock").isEqualTo(NOW - 200);
    }

    @Test
    void theReferenceTopicsSettleForASecondAtLeastAndTrailTheClockByTheIdleAdvance() {
        EngineConfig config = new EngineConfig();
        config.idleAdvanceMillis = 5_000;
        assertThat(Watermarking.settle(config)).isEqualTo(5_000);
        assertThat(Watermarking.behindClock(config)).isEqualTo(5_000);
        config.idleAdvanceMillis = 200;
        assertThat(Watermarking.settle(config)).isEqualTo(1_000);
        assertThat(Watermarking.behindClock(config)).isEqualTo(200);
        config.idleAdvanceMillis = 0;
        assertThat(Watermarking.behindClock(config)).isEqualTo(Watermarking.MIN_BEHIND_CLOCK_MILLIS);
    }

    private void quietFor(long millis) {
        activity.advanceTime(millis, TimeUnit.MILLISECONDS);
    }

    private static final class Output implements WatermarkOutput {
        final List<Long> emitted = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            throw new AssertionError("live sources are never marked idle");
        }

        @Override
        public void markActive() {
        }

        long last() {
            assertThat(emitted).isNotEmpty();
            return emitted.get(emitted.size() - 1);
        }
    }
}

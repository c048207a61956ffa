package com.acmebank.triggers.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.event.Origin;
import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.kafka.ConsumerLag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/** A fresh job's rule watermark waits for the records the topic held at launch; a restored one for its consumer to be at the end. */
class RuleUpdatesWatermarksTest {
    private final org.apache.flink.util.clock.ManualClock activity = new org.apache.flink.util.clock.ManualClock();
    private final AtomicLong wall = new AtomicLong(1_000_000L);
    private final AtomicReference<ConsumerLag.State> lag = new AtomicReference<>(ConsumerLag.State.UNKNOWN);
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput out = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    };

    private RuleUpdatesWatermarks generator(Map<Integer, Long> end) {
        return new RuleUpdatesWatermarks(end, lag::get, activity, new ReferenceDataWatermarks<>(1_000, 1_000, lag::get, activity, wall::get));
    }

    private static RawRecord at(long offset) {
        return new RawRecord("{}", "rule:x", Origin.kafka("rule-updates", 0, offset));
    }

    private void quietFor(long millis) {
        activity.advanceTime(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        wall.addAndGet(millis);
    }

    @Test
    void aFreshJobWaitsForTheLastRecordTheTopicHeldAtLaunchHoweverQuietItIs() {
        RuleUpdatesWatermarks g = generator(Map.of(0, 3L));
        g.onEvent(at(0), 0, out);
        quietFor(10_000);
        lag.set(ConsumerLag.State.CAUGHT_UP);
        g.onPeriodicEmit(out);
        assertThat(emitted).as("offsets 1 and 2 are still to come").isEmpty();
        g.onEvent(at(1), 0, out);
        g.onEvent(at(2), 0, out);
        quietFor(2_000);
        g.onPeriodicEmit(out);
        assertThat(emitted).containsExactly(wall.get() - 1_000);
    }

    @Test
    void anEmptyTopicHoldsNothingBack() {
        RuleUpdatesWatermarks g = generator(Map.of(0, 0L));
        quietFor(2_000);
        g.onPeriodicEmit(out);
        assertThat(emitted).hasSize(1);
    }

    @Test
    void aFetchedBacklogNotYetEmittedIsWaitedFor() {
        RuleUpdatesWatermarks g = generator(Map.of(0, 5L));
        lag.set(ConsumerLag.State.CAUGHT_UP);
        quietFor(2_000);
        g.onPeriodicEmit(out);
        assertThat(emitted).as("the consumer has everything, the job none of it yet").isEmpty();
    }

    @Test
    void aJobRestoredPastTheLaunchsEndFollowsItsConsumersLagAfterAGracePeriod() {
        RuleUpdatesWatermarks g = generator(Map.of(0, 5L));
        quietFor(31_000);
        g.onPeriodicEmit(out);
        assertThat(emitted).as("lag unknown: not fetched yet").isEmpty();
        lag.set(ConsumerLag.State.CAUGHT_UP);
        g.onPeriodicEmit(out);
        assertThat(emitted).hasSize(1);
    }
}

package com.acmebank.triggers.flink;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.kafka.ConsumerLag;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * How event time advances. Recorded input (replay) uses watermarks computed from the records only, so runs
 * repeat exactly; live Kafka input gets its watermarks at the source, per partition, and adds wall-clock progress
 * once caught up and quiet. Profiles and the rule files hold event time back until they are loaded, so no event
 * is judged before its customer's profile and the rules are known.
 */
public final class Watermarking {
    private Watermarking() {}

    /** Recorded input advances event time in steps of at least a minute (see {@link OrderedWatermarks}). */
    static final long RECORDED_STEP_MILLIS = 60_000;

    /** Recorded input (replay, demo): watermarks from the records only, after parsing. */
    public static WatermarkStrategy<Event> recordedEvents(EngineConfig config) {
        long bound = config.outOfOrdernessMillis;
        return WatermarkStrategy.<Event>forGenerator(ctx -> new OrderedWatermarks<>(bound, RECORDED_STEP_MILLIS))
                .withTimestampAssigner(new EventTime());
    }

    /**
     * A live events topic, at the source, per partition: bounded out-of-orderness, and the wall clock once the
     * source is caught up ({@link LiveWatermarks}).
     */
    public static WatermarkStrategy<RawRecord> liveEvents(EngineConfig config, ConsumerLag lag) {
        long bound = config.outOfOrdernessMillis;
        long idle = config.idleAdvanceMillis;
        return WatermarkStrategy.<RawRecord>forGenerator(
                        ctx -> new LiveWatermarks<>(bound, idle, lag::state, ctx.getInputActivityClock(), System::currentTimeMillis))
                .withTimestampAssigner(new RawEventTime(config.maxAheadOfClockMillis));
    }

    /**
     * A live profiles topic, at the source, per partition: holds event time back while its backlog is read, then
     * follows the wall clock ({@link ReferenceDataWatermarks}).
     */
    public static WatermarkStrategy<RawRecord> liveProfiles(EngineConfig config, ConsumerLag lag) {
        long settle = settle(config);
        long behind = behindClock(config);
        return WatermarkStrategy.<RawRecord>forGenerator(
                ctx -> new ReferenceDataWatermarks<>(settle, behind, lag::state, ctx.getInputActivityClock(), System::currentTimeMillis));
    }

    /**
     * The live rule-updates topic: event time waits while its backlog is read (a fresh job judges no event before
     * every rule the topic held at launch is in force: {@code endOffsets}, empty after a restore), then follows the
     * wall clock, a few seconds behind it ({@link RuleUpdatesWatermarks}). An update is never applied from an instant this watermark has passed, so
     * one published "now" applies from the moment it was published, on every operator instance alike.
     */
    public static WatermarkStrategy<RawRecord> liveRuleUpdates(EngineConfig config, ConsumerLag lag, java.util.Map<Integer, Long> endOffsets) {
        long settle = settle(config);
        long behind = behindClock(config);
        java.util.HashMap<Integer, Long> ends = new java.util.HashMap<>(endOffsets);
        return WatermarkStrategy.<RawRecord>forGenerator(ctx -> new RuleUpdatesWatermarks(ends, lag::state, ctx.getInputActivityClock(),
                new ReferenceDataWatermarks<>(settle, behind, lag::state, ctx.getInputActivityClock(), System::currentTimeMillis)));
    }

    /** How long a reference topic must be quiet (and its consumers caught up) before its backlog counts as read. */
    static long settle(EngineConfig config) {
        return Math.max(config.idleAdvanceMillis, 1_000);
    }

    /**
     * How far a read reference topic's watermark trails the wall clock: the idle advance, as for the events. It bounds
     * how soon any event can be decided; the floor keeps an update published "now" ahead of the watermark while it is
     * fetched.
     */
    static long behindClock(EngineConfig config) {
        return Math.max(config.idleAdvanceMillis, MIN_BEHIND_CLOCK_MILLIS);
    }

    static final long MIN_BEHIND_CLOCK_MILLIS = 100;

    /** A finite set of rule files: event time waits until all of them are in force. */
    public static WatermarkStrategy<RawRecord> ruleFiles() {
        return WatermarkStrategy.noWatermarks();
    }

    static final class EventTime implements SerializableTimestampAssigner<Event> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(Event e, long recordTimestamp) {
            return e.eventTime;
        }
    }
}

package com.acmebank.triggers.flink;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.rule.RuleUpdate;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * How event time advances. Recorded input (replay) uses watermarks computed from the records only, so runs
 * repeat exactly; live input adds wall-clock progress when quiet. Profiles and the rule files hold event time
 * back until they are loaded, so no event is judged before its customer's profile and the rules are known.
 */
public final class Watermarking {
    private Watermarking() {}

    public static WatermarkStrategy<Event> events(EngineConfig config, boolean live) {
        long bound = config.outOfOrdernessMillis;
        long idle = config.idleAdvanceMillis;
        WatermarkStrategy<Event> strategy = live
                ? WatermarkStrategy.forGenerator(ctx -> new LiveWatermarks<>(bound, idle))
                : WatermarkStrategy.forGenerator(ctx -> new OrderedWatermarks<>(bound));
        return strategy.withTimestampAssigner(new EventTime());
    }

    /**
     * A profile file holds event time back until it is read whole; a live profiles topic holds it back while
     * its backlog is read, then follows the wall clock.
     */
    public static WatermarkStrategy<CustomerInput> profiles(EngineConfig config, boolean live) {
        if (!live) {
            return WatermarkStrategy.noWatermarks();
        }
        long settle = Math.max(config.idleAdvanceMillis, 1_000);
        return WatermarkStrategy.<CustomerInput>forGenerator(ctx -> new ReferenceDataWatermarks<>(settle))
                .withTimestampAssigner(new ProfileTime());
    }

    /** The live rule set: event time waits until the whole set is in force, on every start and restore. */
    public static WatermarkStrategy<RuleUpdate> ruleSet() {
        return WatermarkStrategy.forGenerator(ctx -> new RuleSetWatermarks());
    }

    /** A finite set of rule files: event time waits until all of them are in force. */
    public static WatermarkStrategy<RuleUpdate> ruleFiles() {
        return WatermarkStrategy.noWatermarks();
    }

    static final class EventTime implements SerializableTimestampAssigner<Event> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(Event e, long recordTimestamp) {
            return e.eventTime;
        }
    }

    static final class ProfileTime implements SerializableTimestampAssigner<CustomerInput> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(CustomerInput in, long recordTimestamp) {
            return in.profile == null || in.profile.updatedAt == Profile.NO_TIME ? Long.MIN_VALUE : in.profile.updatedAt;
        }
    }
}

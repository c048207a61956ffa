package com.acmebank.triggers.config;

import com.acmebank.triggers.policy.PolicyConfig;
import com.acmebank.triggers.spec.Durations;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Job settings of the engine (the cluster's own settings live in flink-conf/config.yaml). Typed, with the
 * defaults documented in README.md, checked by {@link #validate()}.
 */
public class EngineConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final long DAY = 86_400_000L;

    /**
     * Default out-of-orderness of live input (run, demo): Kafka keeps each partition in order, and an upstream
     * retry arrives seconds late.
     */
    public static final String LIVE_OUT_OF_ORDERNESS = "5s";
    public static final long LIVE_OUT_OF_ORDERNESS_MILLIS = 5_000;
    /** Default out-of-orderness of a recording (replay, generate, benchmark): it merges many sources' clocks. */
    public static final String RECORDED_OUT_OF_ORDERNESS = "60s";
    public static final long RECORDED_OUT_OF_ORDERNESS_MILLIS = 60_000;

    /** Default dedup retention: an upstream retry comes within hours; a week is a wide margin. */
    public static final String DEDUP_RETENTION = "7d";

    /** How far out of order events may arrive; older ones go to the late-events output. */
    public long outOfOrdernessMillis = LIVE_OUT_OF_ORDERNESS_MILLIS;
    /** Live sources: when no event arrived for this long, event time follows the wall clock (0 = never). */
    public long idleAdvanceMillis = 0;
    /** How long an eventId is remembered to drop repeats. */
    public long dedupRetentionMillis = Durations.parse(DEDUP_RETENTION);
    /** End of simulated time (replay --until): timers after it do not fire. */
    public long simulationEnd = Long.MAX_VALUE;
    /**
     * Live input: an event stamped more than this far ahead of the engine's clock is a dead letter (0: no
     * check). One event from a wrong clock would otherwise carry event time ahead and make everything after it late.
     */
    public long maxAheadOfClockMillis = 0;
    /** Start of time for yearly schedules: occurrences before it are not caught up. */
    public long goLive = Long.MIN_VALUE;
    /** How many shards each product's holder index is spread over. */
    public int fanOutShards = 8;
    /** Entries a sliding window keeps exactly before merging the closest ones. */
    public int windowCapacity = 256;
    /** How often a customer's state is swept for what no rule can use any more. */
    public long housekeepingIntervalMillis = 2 * DAY;
    public PolicyConfig policy = new PolicyConfig();

    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (outOfOrdernessMillis < 0) {
            problems.add("outOfOrderness must be >= 0");
        }
        if (dedupRetentionMillis <= 0) {
            problems.add("dedupRetention must be > 0");
        }
        if (fanOutShards < 1) {
            problems.add("fanOutShards must be >= 1");
        }
        if (windowCapacity < 2) {
            problems.add("windowCapacity must be >= 2");
        }
        if (housekeepingIntervalMillis <= 0) {
            problems.add("housekeepingInterval must be > 0");
        }
        problems.addAll(policy.validate());
        return problems;
    }
}

package com.acmebank.triggers.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Running totals of the demo, shared by its in-process sources and sinks (the demo runs on an embedded
 * MiniCluster in this JVM) and read by the console reporter.
 */
public final class DemoStats {
    public static final AtomicLong EVENTS = new AtomicLong();
    public static final AtomicLong OFFERS = new AtomicLong();
    public static final AtomicLong DEAD_LETTERS = new AtomicLong();
    public static final AtomicLong LATE_EVENTS = new AtomicLong();
    public static final Map<String, AtomicLong> OUTCOMES = new ConcurrentHashMap<>();
    /** Event time of the latest generated event: how far simulated time has come. */
    public static final AtomicLong EVENT_TIME = new AtomicLong();

    private DemoStats() {}

    public static void outcome(String outcome, String reason) {
        OUTCOMES.computeIfAbsent(reason == null ? outcome : outcome + "/" + reason, k -> new AtomicLong()).incrementAndGet();
    }
}

package com.acmebank.triggers.flink;

/**
 * Event time of a recorded stream, exactly: the watermark trails the largest event time seen by the
 * out-of-orderness bound, and an event at or before it is late. Both the watermark generator and the late gate
 * keep one over the same records in the same order, so they agree on every event.
 */
final class RecordedTime {
    private final long bound;
    private long maxTimestamp = Long.MIN_VALUE;

    RecordedTime(long boundMillis) {
        this.bound = boundMillis;
    }

    void observe(long timestamp) {
        if (timestamp > maxTimestamp) {
            maxTimestamp = timestamp;
        }
    }

    /** The exact watermark after the records observed so far. */
    long watermark() {
        return maxTimestamp == Long.MIN_VALUE ? Long.MIN_VALUE : maxTimestamp - bound - 1;
    }
}

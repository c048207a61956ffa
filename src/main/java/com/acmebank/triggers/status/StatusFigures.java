package com.acmebank.triggers.status;

import com.acmebank.triggers.flink.TriggerTopology;
import com.acmebank.triggers.jobs.LiveJob;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;

/**
 * The figures of a running engine at one moment, read from the embedded cluster's metrics: what came in, what
 * went out, how far behind it is, and the last checkpoint. Counts are totals since the process started.
 */
public record StatusFigures(long at, long events, long offers, Map<String, Long> decisions, long deadLetters, long lateEvents,
        long duplicates, long lag, long watermark, long checkpoints, long lastCheckpointAt, long lastCheckpointMillis, long restarts) {

    static final String PARSE_EVENTS = TriggerTopology.PARSE_EVENTS;
    static final String CUSTOMER = TriggerTopology.CUSTOMER_TRIGGERS;
    /** Flink names a sink's writer operator "NAME: Writer". */
    static final String OFFERS_WRITER = TriggerTopology.OFFERS + ": Writer";
    static final String DEAD_LETTERS_WRITER = TriggerTopology.DEAD_LETTERS + ": Writer";
    static final String LATE_EVENTS_WRITER = TriggerTopology.LATE_EVENTS + ": Writer";

    public static StatusFigures read(MetricsTap tap, long now) {
        Sums sums = new Sums();
        if (tap != null) {
            for (Map.Entry<String, Long> r : tap.retired().entrySet()) {
                String[] k = r.getKey().split("\\|", -1);
                sums.count(k[0], "null".equals(k[1]) ? null : k[1], "null".equals(k[2]) ? null : k[2], r.getValue());
            }
            for (MetricsTap.Entry e : tap.entries()) {
                if (e.metric() instanceof Counter c) {
                    sums.count(e.name(), e.operator(), e.rule(), c.getCount());
                } else if (e.metric() instanceof Gauge<?> g && value(g) instanceof Number n) {
                    sums.gauge(e.name(), e.operator(), n.longValue());
                }
            }
        }
        return new StatusFigures(now, sums.events, sums.offers, sums.decisions, sums.dead, sums.late, sums.duplicates,
                sums.lag, sums.watermark == Long.MAX_VALUE ? Long.MIN_VALUE : sums.watermark, sums.checkpoints, sums.lastAt,
                sums.lastMillis, sums.restarts);
    }

    private static final class Sums {
        long events, offers, dead, late, duplicates, lag, checkpoints, lastAt, restarts;
        long lastMillis = -1;
        long watermark = Long.MAX_VALUE;
        final Map<String, Long> decisions = new TreeMap<>();

        void count(String name, String operator, String rule, long n) {
            if (rule != null) {
                decisions.merge(outcome(name), n, Long::sum);
            } else if (PARSE_EVENTS.equals(operator) && name.equals("numRecordsIn")) {
                events += n;
            } else if (CUSTOMER.equals(operator) && name.equals("duplicateEvents")) {
                duplicates += n;
            } else if (operator != null && name.equals("numRecordsIn")) {
                // what the sinks' writers took in
                if (operator.equals(OFFERS_WRITER)) {
                    offers += n;
                } else if (operator.equals(DEAD_LETTERS_WRITER)) {
                    dead += n;
                } else if (operator.equals(LATE_EVENTS_WRITER)) {
                    late += n;
                }
            }
        }

        void gauge(String name, String operator, long n) {
            if (operator != null && operator.contains(LiveJob.EVENTS_SOURCE) && name.equals("pendingRecords")) {
                lag += Math.max(0, n);
            } else if (CUSTOMER.equals(operator) && name.equals("currentInputWatermark")) {
                watermark = Math.min(watermark, n);
            } else if (operator == null) {
                switch (name) {
                    case "numberOfCompletedCheckpoints" -> checkpoints = n;
                    case "lastCheckpointCompletedTimestamp" -> lastAt = n;
                    case "lastCheckpointDuration" -> lastMillis = n;
                    case "numRestarts" -> restarts = n;
                    default -> { }
                }
            }
        }
    }

    /** Per-rule counters are named OUTCOME or OUTCOME_REASON. */
    private static String outcome(String counter) {
        int underscore = counter.indexOf('_');
        String first = underscore < 0 ? counter : counter.substring(0, underscore);
        // HELD_OUT is one outcome, not HELD with a reason
        return counter.startsWith("HELD_OUT") ? "HELD_OUT" : first;
    }

    public long decisionsTotal() {
        return decisions.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Object value(Gauge<?> g) {
        try {
            return g.getValue();
        } catch (RuntimeException e) {
            return null;
        }
    }
}

package com.acmebank.triggers.status;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter that keeps every metric of the embedded cluster at hand for the status line of
 * {@code run}: the same counters and gauges the web UI and any other reporter see, read in this JVM. Registered
 * with {@code metrics.reporter.status.factory.class}; only the embedded cluster of {@code run} uses it.
 */
public final class MetricsTap implements MetricReporter {
    /** The reporter the embedded cluster created (one per JVM). */
    private static volatile MetricsTap current;

    /**
     * One metric, with the operator it belongs to (null for job and cluster metrics) and the rule of a per-rule
     * counter (null for others).
     */
    public record Entry(String name, String operator, String rule, Metric metric) {}

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    /** Counts of counters gone with a task that failed and was restarted, so totals never go back. */
    private final Map<String, Long> retired = new ConcurrentHashMap<>();

    public static MetricsTap current() {
        return current;
    }

    @Override
    public void open(MetricConfig config) {
        current = this;
    }

    @Override
    public void close() {
        // the last figures stay readable for the summary printed on stop
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        Map<String, String> variables = group.getAllVariables();
        entries.add(new Entry(name, variables.get("<operator_name>"), variables.get("<rule>"), metric));
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        for (Entry e : entries) {
            if (e.metric() == metric) {
                if (metric instanceof Counter c) {
                    retired.merge(key(e), c.getCount(), Long::sum);
                }
                entries.remove(e);
            }
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The count of counters of this name, operator and rule that are gone (a restarted task's). */
    public long retired(Entry e) {
        return retired.getOrDefault(key(e), 0L);
    }

    /** Every retired count, by name, operator and rule. */
    public Map<String, Long> retired() {
        return retired;
    }

    public static String key(Entry e) {
        return e.name() + "|" + e.operator() + "|" + e.rule();
    }

    /** Creates the tap; named in the configuration of the embedded cluster. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new MetricsTap();
        }
    }
}

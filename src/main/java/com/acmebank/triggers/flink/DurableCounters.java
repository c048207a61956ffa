package com.acmebank.triggers.flink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;

/**
 * The operator's counters (per rule and outcome, conversions, duplicates, late events), continued across a
 * restore: their values go into operator state at every checkpoint and come back as the counters' starting
 * values, so a dashboard's totals do not drop to zero when the job recovers. On a rescale the entries are
 * spread over the new subtasks, so the sums over subtasks stay right.
 */
final class DurableCounters {
    static final ListStateDescriptor<String> DESCRIPTOR = new ListStateDescriptor<>("metric-counts", Types.STRING);

    /** A counter, by metric group path ("rule", ruleId) or none, and name. */
    private record Key(String ruleId, String name) {
        String text() {
            return (ruleId == null ? "" : ruleId) + "\t" + name;
        }

        static Key parse(String text) {
            int tab = text.indexOf('\t');
            String rule = text.substring(0, tab);
            return new Key(rule.isEmpty() ? null : rule, text.substring(tab + 1));
        }
    }

    private final Map<Key, Counter> counters = new HashMap<>();
    private final Map<Key, Long> restored = new HashMap<>();
    private ListState<String> state;
    private MetricGroup group;

    void initialize(FunctionInitializationContext context) throws Exception {
        state = context.getOperatorStateStore().getListState(DESCRIPTOR);
        if (context.isRestored()) {
            for (String entry : state.get()) {
                int last = entry.lastIndexOf('\t');
                restored.merge(Key.parse(entry.substring(0, last)), Long.parseLong(entry.substring(last + 1)), Long::sum);
            }
        }
    }

    /** Registers the restored counters at once, so they show their totals before anything new is counted. */
    void open(MetricGroup operatorGroup) {
        this.group = operatorGroup;
        for (Key k : List.copyOf(restored.keySet())) {
            counter(k);
        }
    }

    Counter operator(String name) {
        return counter(new Key(null, name));
    }

    Counter rule(String ruleId, String name) {
        return counter(new Key(ruleId, name));
    }

    private Counter counter(Key key) {
        Counter c = counters.get(key);
        if (c == null) {
            c = key.ruleId() == null ? group.counter(key.name()) : group.addGroup("rule", key.ruleId()).counter(key.name());
            Long before = restored.remove(key);
            if (before != null) {
                c.inc(before);
            }
            counters.put(key, c);
        }
        return c;
    }

    /** A counter's value (0 when it was never counted), for tests. */
    long count(String ruleId, String name) {
        Counter c = counters.get(new Key(ruleId, name));
        return c == null ? restored.getOrDefault(new Key(ruleId, name), 0L) : c.getCount();
    }

    void snapshot() throws Exception {
        List<String> entries = new ArrayList<>(counters.size());
        counters.forEach((k, c) -> entries.add(k.text() + "\t" + c.getCount()));
        state.update(entries);
    }
}

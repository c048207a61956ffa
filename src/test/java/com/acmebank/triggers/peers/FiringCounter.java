package com.acmebank.triggers.peers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** The end of a peer job: counts its firings per rule in accumulators (nothing is written, nothing is collected). */
final class FiringCounter extends ProcessFunction<String, Void> {
    private static final long serialVersionUID = 1L;
    private static final String PREFIX = "firings-";
    private final List<String> rules;
    private transient Map<String, LongCounter> counters;

    FiringCounter(List<String> rules) {
        this.rules = List.copyOf(rules);
    }

    @Override
    public void open(OpenContext openContext) {
        counters = new java.util.HashMap<>();
        for (String rule : rules) {
            LongCounter c = new LongCounter();
            getRuntimeContext().addAccumulator(PREFIX + rule, c);
            counters.put(rule, c);
        }
    }

    @Override
    public void processElement(String rule, Context ctx, Collector<Void> out) {
        counters.get(rule).add(1);
    }

    /** The firings per rule of a finished job, in the order the rules were given (0 for a rule that never fired). */
    static Map<String, Long> counts(JobExecutionResult result, List<String> rules) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String rule : rules) {
            Long n = result.getAccumulatorResult(PREFIX + rule);
            counts.put(rule, n == null ? 0 : n);
        }
        return counts;
    }
}

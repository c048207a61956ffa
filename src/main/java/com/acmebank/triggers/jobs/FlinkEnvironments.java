package com.acmebank.triggers.jobs;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The execution environment: the embedded MiniCluster when run from the command line, the cluster's when the
 * jar is submitted to one. Generic (Kryo) types are disabled so any type without a proper serializer fails
 * loudly at job submission.
 */
public final class FlinkEnvironments {
    private FlinkEnvironments() {}

    /** {@code stateBackend}: hashmap (in memory, fastest for bounded replays) or rocksdb. */
    public static StreamExecutionEnvironment create(int parallelism, String stateBackend, Configuration extra) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        if (stateBackend != null) {
            conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        }
        if (parallelism > 0) {
            conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        }
        conf.addAll(extra);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        // chained operators hand records on without a copy; no function changes a record after emitting it
        env.getConfig().enableObjectReuse();
        return env;
    }
}

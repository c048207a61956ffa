package com.acmebank.triggers.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class FlinkEnvironmentsTest {
    @Test
    void theEmbeddedEngineGivesRocksDbAGigabyteUnlessToldOtherwise() {
        StreamExecutionEnvironment env = FlinkEnvironments.create(2, "rocksdb", new Configuration());
        // Flink's local default (128 MB) left a million customers' state uncached: a 5.7x slower replay
        assertThat(env.getConfiguration().get(TaskManagerOptions.MANAGED_MEMORY_SIZE)).isEqualTo(MemorySize.parse("1g"));
        // most lookups on an event's arrival miss: bloom filters answer them without reading a block
        assertThat(env.getConfiguration().get(org.apache.flink.state.rocksdb.RocksDBConfigurableOptions.USE_BLOOM_FILTER)).isTrue();

        Configuration given = new Configuration();
        given.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("3g"));
        assertThat(FlinkEnvironments.create(2, "rocksdb", given).getConfiguration().get(TaskManagerOptions.MANAGED_MEMORY_SIZE))
                .isEqualTo(MemorySize.parse("3g"));
    }
}

package com.acmebank.triggers.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.config.EngineConfig;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;

class ReplayJobTest {
    private static ReplayJob.Request request(MemorySize managedMemory) {
        return new ReplayJob.Request(Path.of("e.jsonl"), null, null, Map.of(), new EngineConfig(), Path.of("out"), 2, "rocksdb", null,
                managedMemory);
    }

    @Test
    void aReplayGivesRocksDbTheMemoryItWasGivenAndOtherwiseLeavesTheDefault() {
        assertThat(ReplayJob.environment(request(MemorySize.parse("3g"))).get(TaskManagerOptions.MANAGED_MEMORY_SIZE))
                .isEqualTo(MemorySize.parse("3g"));
        assertThat(ReplayJob.environment(request(null)).contains(TaskManagerOptions.MANAGED_MEMORY_SIZE)).isFalse();
    }
}

package com.acmebank.triggers.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's Kafka part runs against the real broker as README says, on small sizes: every part reports,
 * every triggering event of every latency phase comes back as a decision, and the figures land in the JSON file
 * under the documented keys. (Its figures are printed, never asserted against a speed.)
 */
@ExtendWith(LocalKafka.class)
class KafkaBenchmarkIT {
    @TempDir
    Path temp;

    @Test
    void theKafkaPartMeasuresEveryPhaseAndWritesItsFigures() throws Exception {
        Path log = temp.resolve("benchmark.log");
        Path json = temp.resolve("figures.json");
        int code = EngineProcess.runToEnd(log, Duration.ofMinutes(8), "benchmark", "--kafka-only", "--bootstrap-servers", LocalKafka.BOOTSTRAP,
                "--kafka-events", "5000", "--latency-seconds", "3", "--dir", temp.toString(), "--json", json.toString());
        String output = Files.readString(log);
        assertThat(code).as(output).isZero();
        assertThat(output).contains("passthrough (consume, parse, produce; one thread):", "reading a backlog of 20,000 events already in the topic", "fed while it runs",
                "Kafka alone at", "exactly-once at 90%");

        JsonNode k = new ObjectMapper().readTree(json.toFile()).path("kafka");
        assertThat(k.path("passthroughEventsPerSecond").asLong()).isPositive();
        assertThat(k.path("atLeastOnce").path("sustainedEventsPerSecond").asLong()).isPositive();
        assertThat(k.path("atLeastOnce").path("fractionOfPassthrough").asDouble()).isPositive();
        assertThat(k.path("atLeastOnce").path("backlogEvents").asLong()).isEqualTo(20_000);
        assertThat(k.path("atLeastOnce").path("backlogEventsPerSecond").asLong()).isPositive();
        assertThat(k.path("atLeastOnce").path("backlogIncludesStart").isBoolean()).as("a slow machine may read it all before the first commit").isTrue();
        assertThat(k.path("atLeastOnce").path("sustainedFractionOfPassthrough").asDouble()).isPositive();
        for (String delivery : new String[] {"atLeastOnce", "exactlyOnce"}) {
            for (String load : new String[] {"50%", "90%"}) {
                JsonNode phase = k.path(delivery).path(load);
                assertThat(phase.path("triggers").asLong()).as(delivery + " " + load).isPositive();
                assertThat(phase.path("decisionsRead").asLong()).as(delivery + " " + load + ": every trigger decided and read")
                        .isEqualTo(phase.path("triggers").asLong());
                assertThat(phase.path("decision").path("p50Ms").isNumber()).as(delivery + " " + load).isTrue();
                assertThat(phase.path("decision").path("p999Ms").asLong()).isGreaterThanOrEqualTo(phase.path("decision").path("p50Ms").asLong());
                assertThat(phase.path("offer").path("p99Ms").isNumber()).as(delivery + " " + load).isTrue();
            }
        }
        for (String load : new String[] {"50%", "90%"}) {
            assertThat(k.path("kafkaOnly").path(load).path("read").asLong()).isPositive();
            assertThat(k.path("kafkaOnly").path(load).path("p99Ms").isNumber()).isTrue();
        }
        assertThat(k.path("outOfOrderness").asText()).isEqualTo("1s");
        assertThat(k.path("checkpointInterval").asText()).isEqualTo("1s");
    }

    @Test
    void theStatePartWeighsTheStateAndRecoversFromACheckpointThenCleansUp() throws Exception {
        Path log = temp.resolve("state.log");
        Path json = temp.resolve("state.json");
        int code = EngineProcess.runToEnd(log, Duration.ofMinutes(8), "benchmark", "--only", "state", "--state-customers", "400",
                "--bootstrap-servers", LocalKafka.BOOTSTRAP, "--dir", temp.toString(), "--json", json.toString());
        String output = Files.readString(log);
        assertThat(code).as(output).isZero();
        assertThat(output).contains("State at 400 customers", "caught up", "checkpoint: full", "RocksDB on disk", "heap used",
                "recovery: killed, restarted on").doesNotContain("End to end through Kafka", "Replay of generated traffic");

        JsonNode state = new ObjectMapper().readTree(json.toFile()).path("state");
        assertThat(state.path("customers").asInt()).isEqualTo(400);
        assertThat(state.path("stateBackend").asText()).isEqualTo("rocksdb");
        assertThat(state.path("profiles").asLong()).as("the generated profiles and the probe's").isBetween(380L, 401L);
        assertThat(state.path("events").asLong()).isPositive();
        assertThat(state.path("catchUpRecordsPerSecond").asLong()).isPositive();
        assertThat(state.path("checkpoint").path("fullSizeBytes").asLong()).isPositive();
        assertThat(state.path("checkpoint").path("durationMs").isNumber()).isTrue();
        assertThat(state.path("checkpointBytesPerCustomer").asLong()).isEqualTo(state.path("checkpoint").path("fullSizeBytes").asLong() / 400);
        assertThat(state.path("rocksDbBytesOnDisk").asLong()).isPositive();
        assertThat(state.path("heapUsedMb").asLong()).isPositive();
        JsonNode recovery = state.path("recovery");
        assertThat(recovery.path("restoredFrom").asText()).contains("/chk-");
        assertThat(recovery.path("secondsToRunning").asDouble()).isPositive();
        assertThat(recovery.path("secondsToFirstDecision").asDouble()).isGreaterThanOrEqualTo(recovery.path("secondsToRunning").asDouble());

        // the part leaves no topic, checkpoint or temporary file behind
        assertThat(LocalKafka.topics()).noneMatch(t -> t.contains("-state-"));
        try (var left = Files.list(temp.resolve("state"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("tmp-") || n.startsWith("checkpoints-"));
        }
    }
}

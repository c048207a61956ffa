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
        assertThat(output).contains("passthrough (consume, parse, produce; one thread):", "engine at-least-once: sustained",
                "Kafka alone at", "exactly-once at 90%");

        JsonNode k = new ObjectMapper().readTree(json.toFile()).path("kafka");
        assertThat(k.path("passthroughEventsPerSecond").asLong()).isPositive();
        assertThat(k.path("atLeastOnce").path("sustainedEventsPerSecond").asLong()).isPositive();
        assertThat(k.path("atLeastOnce").path("fractionOfPassthrough").asDouble()).isPositive();
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
}

package com.acmebank.triggers.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away and comes back while {@code run} (exactly-once) runs: the embedded job restarts itself
 * from its last checkpoint for as long as it takes, and every offer of the batches before and after the outage
 * arrives exactly once. Stops and starts the shared local broker (bin/local-kafka), and always starts it again.
 */
@ExtendWith(LocalKafka.class)
class BrokerRestartIT {
    private static final int PER_BATCH = 10;

    @TempDir
    Path temp;

    @Test
    void offersSurviveABrokerRestart() throws Exception {
        LocalKafka.Topics topics = LocalKafka.createTopics();
        LiveRun job = LiveRun.create(temp, "broker-restart", topics, "--delivery", "exactly-once");
        LocalKafka.produce(topics.profiles(), Traffic.profiles(2 * PER_BATCH, Traffic.noonZone()));
        try (EngineProcess engine = job.start().awaitRunning()) {
            try (LocalKafka.Reader offers = new LocalKafka.Reader(topics.offers())) {
                LocalKafka.produce(topics.events(), Traffic.salaries(0, PER_BATCH));
                offers.readUntil(PER_BATCH, Duration.ofSeconds(120));
                assertThat(Traffic.offerIds(offers.values)).as("batch 1; engine log %s", job.log).hasSize(PER_BATCH);
            }
            try {
                LocalKafka.stopBroker();
            } finally {
                LocalKafka.startBroker();
            }
            assertThat(engine.alive()).as("the engine outlives the outage; engine log %s", job.log).isTrue();
            LocalKafka.produce(topics.events(), Traffic.salaries(1, PER_BATCH));
            Set<String> expected = Traffic.expectedOfferIds(2, PER_BATCH);
            try (LocalKafka.Reader offers = new LocalKafka.Reader(topics.offers())) {
                Deadline.await(Duration.ofMinutes(4), "all " + expected.size() + " offers after the broker came back; engine log " + job.log,
                        () -> Traffic.offerIds(offers.poll()).keySet().containsAll(expected));
                Map<String, Integer> seen = Traffic.offerIds(offers.drain(Duration.ofSeconds(4)));
                assertThat(seen.keySet()).isEqualTo(expected);
                assertThat(seen).as("each offer exactly once").allSatisfy((id, n) -> assertThat(n).isOne());
            }
            assertThat(engine.alive()).as("the engine is still running; engine log %s", job.log).isTrue();
        } finally {
            LocalKafka.startBroker();
        }
    }
}

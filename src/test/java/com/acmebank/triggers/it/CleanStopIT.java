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
 * A clean stop, as an operator (or a service manager) does it: SIGTERM. The job stops with a savepoint, says
 * where it is and what it did, and exits 0; the same command started again continues from that savepoint: the
 * next batch gets its offers, and no offer of the first batch is written again.
 */
@ExtendWith(LocalKafka.class)
class CleanStopIT {
    private static final int PER_BATCH = 10;

    @TempDir
    Path temp;

    @Test
    void aStoppedJobContinuesFromItsSavepoint() throws Exception {
        LocalKafka.Topics topics = LocalKafka.createTopics();
        LiveRun job = LiveRun.create(temp, "clean-stop", topics);
        LocalKafka.produce(topics.profiles(), Traffic.profiles(2 * PER_BATCH, Traffic.noonZone()));
        try (LocalKafka.Reader offers = new LocalKafka.Reader(topics.offers())) {
            try (EngineProcess first = job.start().awaitRunning()) {
                LocalKafka.produce(topics.events(), Traffic.salaries(0, PER_BATCH));
                offers.readUntil(PER_BATCH, Duration.ofSeconds(120));
                assertThat(Traffic.offerIds(offers.values).keySet()).as("first batch; engine log %s", job.log)
                        .isEqualTo(Traffic.expectedOfferIds(1, PER_BATCH));

                int exit = first.stop();
                String out = first.output();
                assertThat(exit).as("exit code after SIGTERM; engine log %s", job.log).isZero();
                assertThat(out).contains("Stopping (SIGTERM)").containsPattern("Savepoint \\S+: the next start continues from it\\.");
                assertThat(first.linesStartingWith("Stopped after")).as("the summary line").singleElement().asString()
                        .contains("10 events in, 10 offers");
                assertThat(job.savepoints()).as("a savepoint under %s/savepoints", job.checkpointDir).isNotEmpty();
            }
            try (EngineProcess second = job.start()) {
                String out = second.awaitOutput("Resuming from", Duration.ofSeconds(60));
                assertThat(out).as("engine log %s", job.log).contains("Resuming from savepoint");
                LocalKafka.produce(topics.events(), Traffic.salaries(1, PER_BATCH));
                Set<String> expected = Traffic.expectedOfferIds(2, PER_BATCH);
                Deadline.await(Duration.ofSeconds(120), "the offers of the second batch; engine log " + job.log,
                        () -> Traffic.offerIds(offers.poll()).keySet().containsAll(expected));
                Map<String, Integer> seen = Traffic.offerIds(offers.drain(Duration.ofSeconds(4)));
                assertThat(seen.keySet()).isEqualTo(expected);
                assertThat(seen).as("each offer exactly once: none of the first batch again").allSatisfy((id, n) -> assertThat(n).isOne());
                assertThat(second.stop()).as("second stop").isZero();
            }
        }
    }
}

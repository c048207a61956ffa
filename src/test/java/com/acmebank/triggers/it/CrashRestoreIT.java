package com.acmebank.triggers.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.jobs.Checkpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crash and restore: the engine runs in its own JVM, is killed with SIGKILL while a batch is being processed,
 * and restarted from its latest checkpoint. Exactly-once: every expected offer exactly once (by offerId).
 * At-least-once: every expected offer at least once, and no other offer.
 */
@ExtendWith(LocalKafka.class)
class CrashRestoreIT {
    private static final int PER_BATCH = 10;

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exactly-once", "at-least-once"})
    void offersSurviveACrash(String delivery) throws Exception {
        LocalKafka.Topics topics = LocalKafka.createTopics();
        Path policy = Traffic.policyWithoutHoldout(temp);
        String checkpoints = temp.resolve("checkpoints").toUri().toString();
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", LocalKafka.BOOTSTRAP, "--group-id", topics.events(),
                "--transactional-id-prefix", topics.events(), "--delivery", delivery, "--checkpoint-interval", "2s",
                "--checkpoint-dir", checkpoints, "--idle-advance", "1s", "--policy", policy.toString()));
        args.addAll(List.of(topics.flags()));
        Path log = LocalKafka.REPO.resolve("target/it-logs/crash-restore-" + delivery + ".log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);

        LocalKafka.produce(topics.profiles(), Traffic.profiles(3 * PER_BATCH, Traffic.noonZone()));
        try (LocalKafka.Reader offers = new LocalKafka.Reader(topics.offers())) {
            try (EngineProcess first = EngineProcess.start(log, args.toArray(String[]::new))) {
                LocalKafka.produce(topics.events(), Traffic.salaries(0, PER_BATCH));
                offers.readUntil(PER_BATCH, Duration.ofSeconds(150));
                assertThat(Traffic.offerIds(offers.values)).as("first batch; engine log %s", log).hasSize(PER_BATCH);
                Deadline.await(Duration.ofSeconds(60), "a completed checkpoint", () -> latest(checkpoints));
                LocalKafka.produce(topics.events(), Traffic.salaries(1, PER_BATCH));
                if (delivery.equals("at-least-once")) {
                    // crash after part of the batch already reached the gateway: those offers will come again
                    Deadline.await(Duration.ofSeconds(60), "a first offer of the second batch",
                            () -> Traffic.offerIds(offers.readUntil(PER_BATCH + 1, Duration.ofMillis(500))).size() > PER_BATCH);
                }
                first.kill();
            }
            List<String> restart = new ArrayList<>(args);
            restart.addAll(List.of("--restore", "latest"));
            try (EngineProcess second = EngineProcess.start(log, restart.toArray(String[]::new))) {
                LocalKafka.produce(topics.events(), Traffic.salaries(2, PER_BATCH));
                Set<String> expected = Traffic.expectedOfferIds(3, PER_BATCH);
                Deadline.await(Duration.ofSeconds(240), "all " + expected.size() + " offers after the restore; engine log " + log,
                        () -> Traffic.offerIds(offers.readUntil(Integer.MAX_VALUE, Duration.ofSeconds(1))).keySet().containsAll(expected));
                Map<String, Integer> seen = Traffic.offerIds(offers.drain(Duration.ofSeconds(4)));
                assertThat(seen.keySet()).as("no offer that should not exist").isEqualTo(expected);
                if (delivery.equals("exactly-once")) {
                    assertThat(seen.values()).as("each offer exactly once").allMatch(n -> n == 1);
                }
            }
        }
    }

    private static boolean latest(String checkpoints) {
        try {
            return Checkpoints.latest(checkpoints).isPresent();
        } catch (java.io.IOException e) {
            return false;
        }
    }
}

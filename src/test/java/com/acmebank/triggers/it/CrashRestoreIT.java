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

    /** Edited rule files take effect when the job is restored: changed rules changed, removed rules gone. */
    @org.junit.jupiter.api.Test
    void editedRuleFilesTakeEffectOnRestore() throws Exception {
        LocalKafka.Topics topics = LocalKafka.createTopics();
        Path before = Files.createDirectories(temp.resolve("rules-before"));
        Path after = Files.createDirectories(temp.resolve("rules-after"));
        String s1 = com.acmebank.triggers.io.Resources.text("rules/scenarios/S1-partner-spend.yaml");
        String s2 = com.acmebank.triggers.io.Resources.text("rules/scenarios/S2-salary-sip.yaml");
        Files.writeString(before.resolve("S1.yaml"), s1);
        Files.writeString(before.resolve("S2.yaml"), s2);
        Files.writeString(after.resolve("S1.yaml"), s1.replace("gte: 200.00", "gte: 100.00").replace("version: 1", "version: 2"));
        String checkpoints = temp.resolve("checkpoints").toUri().toString();
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", LocalKafka.BOOTSTRAP, "--group-id", topics.events(),
                "--transactional-id-prefix", topics.events(), "--checkpoint-interval", "2s", "--checkpoint-dir", checkpoints,
                "--idle-advance", "1s", "--policy", Traffic.policyWithoutHoldout(temp).toString()));
        args.addAll(List.of(topics.flags()));
        Path log = LocalKafka.REPO.resolve("target/it-logs/edited-rules.log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        LocalKafka.produce(topics.profiles(), Traffic.profiles(4, Traffic.noonZone()));
        try (LocalKafka.Reader decisions = new LocalKafka.Reader(topics.decisions())) {
            List<String> first = new ArrayList<>(args);
            first.addAll(List.of("--rules", before.toString()));
            try (EngineProcess engine = EngineProcess.start(log, first.toArray(String[]::new))) {
                long t = System.currentTimeMillis();
                LocalKafka.produce(topics.events(), List.of(payment("pay0", "K0", t, "150.00"), salary("sal1", "K1", t + 10)));
                decisions.readUntil(1, Duration.ofSeconds(150));
                assertThat(KafkaPipelineIT.describe(decisions.values, "customerId", "ruleId", "outcome"))
                        .as("S1 at 200 ignores 150; S2 fires").containsExactly("K1 S2-salary-sip SENT");
                Deadline.await(Duration.ofSeconds(60), "a completed checkpoint", () -> latest(checkpoints));
                engine.kill();
            }
            List<String> second = new ArrayList<>(args);
            second.addAll(List.of("--rules", after.toString(), "--restore", "latest"));
            try (EngineProcess engine = EngineProcess.start(log, second.toArray(String[]::new))) {
                long t = System.currentTimeMillis();
                LocalKafka.produce(topics.events(), List.of(salary("sal3", "K3", t), payment("pay2", "K2", t + 10, "150.00")));
                decisions.readUntil(2, Duration.ofSeconds(150));
                assertThat(KafkaPipelineIT.describe(decisions.drain(Duration.ofSeconds(3)), "customerId", "ruleId", "outcome"))
                        .as("S1 now at 100 fires on 150; S2, removed from the folder, is gone")
                        .containsExactly("K1 S2-salary-sip SENT", "K2 S1-partner-spend SENT");
            }
        }
    }

    private static String payment(String id, String customer, long time, String amount) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"CARD_PAYMENT\",\"customerId\":\"" + customer + "\",\"eventTime\":" + time
                + ",\"amount\":" + amount + ",\"merchantId\":\"M-PARTNER-001\"}";
    }

    private static String salary(String id, String customer, long time) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"SALARY_CREDIT\",\"customerId\":\"" + customer + "\",\"eventTime\":" + time
                + ",\"amount\":5000.00}";
    }

    private static boolean latest(String checkpoints) {
        try {
            return Checkpoints.latest(checkpoints).isPresent();
        } catch (java.io.IOException e) {
            return false;
        }
    }
}

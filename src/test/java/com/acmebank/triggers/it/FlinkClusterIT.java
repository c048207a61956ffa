package com.acmebank.triggers.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine jar on a real Flink cluster (bin/local-flink: a JobManager and a TaskManager process): the
 * TaskManager is killed mid-stream and started again; Flink restores the job from its last checkpoint and
 * every expected offer arrives exactly once.
 */
@ExtendWith(LocalKafka.class)
class FlinkClusterIT {
    private static final int PER_BATCH = 10;
    private static boolean startedCluster;

    @TempDir
    Path temp;

    @BeforeAll
    static void cluster() throws Exception {
        if (script("status").exit() != 0) {
            assertThat(script("start").exit()).as("bin/local-flink start").isZero();
            startedCluster = true;
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (startedCluster) {
            script("stop");
        }
    }

    @Test
    void aKilledTaskManagerLosesAndRepeatsNoOffer() throws Exception {
        LocalKafka.Topics topics = LocalKafka.createTopics();
        Path policy = Traffic.policyWithoutHoldout(temp);
        LocalKafka.produce(topics.profiles(), Traffic.profiles(3 * PER_BATCH, Traffic.noonZone()));
        List<String> submit = new ArrayList<>(List.of("submit", "--", "run", "--bootstrap-servers", LocalKafka.BOOTSTRAP,
                "--group-id", topics.events(), "--transactional-id-prefix", topics.events(), "--delivery", "exactly-once",
                "--checkpoint-interval", "2s", "--idle-advance", "1s", "--policy", policy.toString()));
        submit.addAll(List.of(topics.flags()));
        // the client publishes the shipped rules to the job's rule-updates topic before it submits
        submit.addAll(List.of("--rules", LocalKafka.REPO.resolve("rules/scenarios").toString(),
                "--reference", LocalKafka.REPO.resolve("rules/reference").toString()));
        Result submitted = script(submit.toArray(String[]::new));
        assertThat(submitted.exit()).as("submit: %s", submitted.output()).isZero();
        String job = submitted.lastLine();
        try (LocalKafka.Reader offers = new LocalKafka.Reader(topics.offers())) {
            LocalKafka.produce(topics.events(), Traffic.salaries(0, PER_BATCH));
            assertThat(Traffic.offerIds(offers.readUntil(PER_BATCH, Duration.ofSeconds(180)))).hasSize(PER_BATCH);
            LocalKafka.produce(topics.events(), Traffic.salaries(1, PER_BATCH));
            assertThat(script("kill-taskmanager").exit()).isZero();
            assertThat(script("start-taskmanager").exit()).isZero();
            LocalKafka.produce(topics.events(), Traffic.salaries(2, PER_BATCH));
            Set<String> expected = Traffic.expectedOfferIds(3, PER_BATCH);
            Deadline.await(Duration.ofSeconds(240), "all " + expected.size() + " offers after the TaskManager came back",
                    () -> Traffic.offerIds(offers.readUntil(Integer.MAX_VALUE, Duration.ofSeconds(1))).keySet().containsAll(expected));
            Map<String, Integer> seen = Traffic.offerIds(offers.drain(Duration.ofSeconds(4)));
            assertThat(seen.keySet()).isEqualTo(expected);
            assertThat(seen.values()).as("each offer exactly once").allMatch(n -> n == 1);
        } finally {
            script("cancel", job);
        }
    }

    private record Result(int exit, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\\R");
            return lines[lines.length - 1].strip();
        }
    }

    private static Result script(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bin/local-flink"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(LocalKafka.REPO.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/local-flink " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), out);
    }
}

package com.acmebank.triggers.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crash and restore: the engine runs in its own JVM, is killed with SIGKILL while a batch is being processed,
 * and started again with the very same command line: it resumes from its latest checkpoint by itself.
 * Exactly-once: every expected offer and decision exactly once (by offerId and decisionId). At-least-once:
 * every expected offer at least once, and no other offer. Either way the repeat limits survive the crash: a
 * customer who got the salary offer before it gets SUPPRESSED/COOLDOWN for a second salary after it.
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
        LiveRun job = LiveRun.create(temp, "crash-restore-" + delivery, topics, "--delivery", delivery);
        Path log = job.log;

        LocalKafka.produce(topics.profiles(), Traffic.profiles(3 * PER_BATCH, Traffic.noonZone()));
        try (LocalKafka.Reader offers = new LocalKafka.Reader(topics.offers());
                LocalKafka.Reader decisions = new LocalKafka.Reader(topics.decisions())) {
            try (EngineProcess first = job.start()) {
                // a first start: events stamped before its go-live instant (now) would only build state
                first.awaitRunning();
                LocalKafka.produce(topics.events(), Traffic.salaries(0, PER_BATCH));
                offers.readUntil(PER_BATCH, Duration.ofSeconds(150));
                assertThat(Traffic.offerIds(offers.values)).as("first batch; engine log %s", log).hasSize(PER_BATCH);
                assertThat(first.output()).as("a first start, engine log %s", log).contains("No checkpoint under");
                // a checkpoint that holds the first batch, so the restored state knows who got the salary offer
                job.awaitCheckpointAfter(System.currentTimeMillis(), Duration.ofSeconds(60));
                LocalKafka.produce(topics.events(), Traffic.salaries(1, PER_BATCH));
                if (delivery.equals("at-least-once")) {
                    // crash after part of the batch already reached the gateway: those offers will come again
                    Deadline.await(Duration.ofSeconds(60), "a first offer of the second batch",
                            () -> Traffic.offerIds(offers.readUntil(PER_BATCH + 1, Duration.ofMillis(500))).size() > PER_BATCH);
                }
                first.kill();
            }
            // the very same command: it resumes from the newest checkpoint by itself
            try (EngineProcess second = job.start()) {
                second.awaitOutput("Resuming from checkpoint", Duration.ofSeconds(60));
                List<String> events = new ArrayList<>(Traffic.salaries(2, PER_BATCH));
                long now = System.currentTimeMillis();
                for (int c = 0; c < PER_BATCH; c++) {
                    // a second salary for the customers who got the offer before the crash: within S2's 30 days
                    events.add(Traffic.salary("again-" + c, "K" + c, now + c * 10L, 5000));
                }
                LocalKafka.produce(topics.events(), events);

                Set<String> expected = Traffic.expectedOfferIds(3, PER_BATCH);
                Set<String> expectedDecisions = new TreeSet<>();
                for (int c = 0; c < 3 * PER_BATCH; c++) {
                    expectedDecisions.add("K" + c + " S2-salary-sip SENT - [\"sal-" + c + "\"]");
                }
                for (int c = 0; c < PER_BATCH; c++) {
                    expectedDecisions.add("K" + c + " S2-salary-sip SUPPRESSED COOLDOWN [\"again-" + c + "\"]");
                }
                Deadline.await(Duration.ofSeconds(240), "all " + expected.size() + " offers and " + expectedDecisions.size()
                        + " decisions after the restart; engine log " + log, () -> {
                            Map<String, Integer> seen = Traffic.offerIds(offers.poll());
                            return seen.keySet().containsAll(expected)
                                    && new TreeSet<>(Traffic.decisionSummaries(decisions.poll())).containsAll(expectedDecisions);
                        });
                Map<String, Integer> seen = Traffic.offerIds(offers.drain(Duration.ofSeconds(4)));
                decisions.drain(Duration.ofSeconds(1));
                assertThat(seen.keySet()).as("no offer that should not exist (none for a second salary)").isEqualTo(expected);
                assertThat(new TreeSet<>(Traffic.decisionSummaries(decisions.values))).as("the decisions").isEqualTo(expectedDecisions);
                if (delivery.equals("exactly-once")) {
                    assertThat(seen.values()).as("each offer exactly once").allMatch(n -> n == 1);
                    assertThat(Traffic.count(decisions.values, "decisionId").values()).as("each decision exactly once").allMatch(n -> n == 1);
                    assertThat(decisions.values).hasSize(expectedDecisions.size());
                }
            }
        }
    }

    /**
     * Edited rule files take effect when the job is restarted (with the same command, the rule folder aside):
     * changed rules changed, removed rules gone.
     */
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
        LiveRun job = LiveRun.create(temp, "edited-rules", topics);
        LocalKafka.produce(topics.profiles(), Traffic.profiles(4, Traffic.noonZone()));
        try (LocalKafka.Reader decisions = new LocalKafka.Reader(topics.decisions())) {
            try (EngineProcess engine = job.start("--rules", before.toString()).awaitRunning()) {
                long t = System.currentTimeMillis();
                LocalKafka.produce(topics.events(), List.of(payment("pay0", "K0", t, "150.00"), salary("sal1", "K1", t + 10)));
                decisions.readUntil(1, Duration.ofSeconds(150));
                assertThat(KafkaPipelineIT.describe(decisions.values, "customerId", "ruleId", "outcome"))
                        .as("S1 at 200 ignores 150; S2 fires").containsExactly("K1 S2-salary-sip SENT");
                job.awaitCheckpointAfter(System.currentTimeMillis(), Duration.ofSeconds(60));
                engine.kill();
            }
            try (EngineProcess engine = job.start("--rules", after.toString())) {
                engine.awaitOutput("Resuming from checkpoint", Duration.ofSeconds(60));
                long t = System.currentTimeMillis();
                // K0 and K2 are on different partitions of the events topic: a partition without any event would hold
                // event time back for 30 s after the start
                LocalKafka.produce(topics.events(), List.of(salary("sal0", "K0", t), payment("pay2", "K2", t + 10, "150.00")));
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
}

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

    private static String payment(String id, String customer, long time, String amount) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"CARD_PAYMENT\",\"customerId\":\"" + customer + "\",\"eventTime\":" + time
                + ",\"amount\":" + amount + ",\"merchantId\":\"M-PARTNER-001\"}";
    }

    private static String salary(String id, String customer, long time) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"SALARY_CREDIT\",\"customerId\":\"" + customer + "\",\"eventTime\":" + time
                + ",\"amount\":5000.00}";
    }
}

package com.acmebank.triggers.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backlog is judged by its own event time, never as late: (a) events produced while the job was down, read
 * when it comes back; (b) a first start over retained history, which builds state from all of it and decides
 * from the go-live instant on, exactly as a replay of the same history from the same instant does.
 */
@ExtendWith(LocalKafka.class)
class BacklogIT {
    private static final int PER_BATCH = 10;

    @TempDir
    Path temp;

    @Test
    void eventsProducedWhileTheJobWasDownAreJudgedNotLate() throws Exception {
        LocalKafka.Topics topics = LocalKafka.createTopics();
        LiveRun job = LiveRun.create(temp, "backlog-downtime", topics);
        LocalKafka.produce(topics.profiles(), Traffic.profiles(2 * PER_BATCH, Traffic.noonZone()));
        try (LocalKafka.Reader offers = new LocalKafka.Reader(topics.offers());
                LocalKafka.Reader late = new LocalKafka.Reader(topics.lateEvents())) {
            try (EngineProcess first = job.start().awaitRunning()) {
                LocalKafka.produce(topics.events(), Traffic.salaries(0, PER_BATCH));
                offers.readUntil(PER_BATCH, Duration.ofSeconds(120));
                assertThat(Traffic.offerIds(offers.values)).as("batch A; engine log %s", job.log).hasSize(PER_BATCH);
                job.awaitCheckpointAfter(System.currentTimeMillis(), Duration.ofSeconds(60));
                first.kill();
            }
            // batch B happens while the job is down, stamped when it happens
            long stamped = System.currentTimeMillis();
            LocalKafka.produce(topics.events(), Traffic.salaries(1, PER_BATCH));
            // by the time the job is back, B is far older than the out-of-orderness bound plus the idle advance (6 s)
            Deadline.await(Duration.ofSeconds(30), "batch B to be 15 s old", () -> System.currentTimeMillis() > stamped + 15_000);
            try (EngineProcess second = job.start()) {
                second.awaitOutput("Resuming from checkpoint", Duration.ofSeconds(60));
                Set<String> expected = Traffic.expectedOfferIds(2, PER_BATCH);
                Deadline.await(Duration.ofSeconds(120), "the offers of batch B; engine log " + job.log,
                        () -> Traffic.offerIds(offers.poll()).keySet().containsAll(expected));
                Map<String, Integer> seen = Traffic.offerIds(offers.drain(Duration.ofSeconds(3)));
                assertThat(seen.keySet()).isEqualTo(expected);
                assertThat(seen).as("each offer exactly once").allSatisfy((id, n) -> assertThat(n).isOne());
                assertThat(late.drain(Duration.ofSeconds(1))).as("late events; engine log %s", job.log).isEmpty();
            }
        }
    }

    /**
     * Six days of generated history, all of it in the past, in the topics before the first start; go-live four days
     * ago. The live job's decisions up to the last event equal a replay's of the same files from the same go-live
     * instant, none comes before go-live, and nothing is late.
     */
    @Test
    void aFirstStartOverRetainedHistoryDecidesAsAReplayFromGoLive() throws Exception {
        LocalKafka.Topics topics = LocalKafka.createTopics();
        LiveRun job = LiveRun.create(temp, "backlog-history", topics);
        Path events = temp.resolve("events.jsonl");
        Path profiles = temp.resolve("profiles.jsonl");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(EngineProcess.runToEnd(job.log, Duration.ofMinutes(2), "generate", "--customers", "200", "--days", "6",
                "--start", today.minusDays(8).toString(), "--events", events.toString(), "--profiles", profiles.toString()))
                .as("generate; log %s", job.log).isZero();
        List<String> eventLines = Files.readAllLines(events, StandardCharsets.UTF_8);
        long lastEvent = eventLines.stream().mapToLong(BacklogIT::eventTime).max().orElseThrow();
        assertThat(lastEvent).as("the history is entirely in the past").isLessThan(System.currentTimeMillis() - Duration.ofDays(1).toMillis());
        long goLive = today.minusDays(4).atStartOfDay().atOffset(ZoneOffset.ofHours(8)).toInstant().toEpochMilli();
        String goLiveText = Instant.ofEpochMilli(goLive).toString();
        long until = lastEvent + 1_000;
        Path replayOut = temp.resolve("replay");
        Path policy = temp.resolve("policy.yaml");

        // the topics hold the history before the job first starts: profiles first, then the events
        LocalKafka.produce(topics.profiles(), Files.readAllLines(profiles, StandardCharsets.UTF_8));
        LocalKafka.produce(topics.events(), eventLines);

        try (LocalKafka.Reader decisions = new LocalKafka.Reader(topics.decisions());
                LocalKafka.Reader offers = new LocalKafka.Reader(topics.offers());
                LocalKafka.Reader late = new LocalKafka.Reader(topics.lateEvents());
                EngineProcess live = job.start("--go-live", goLiveText);
                // the replay runs meanwhile, in its own JVM, with the same rules, policy and bound
                EngineProcess replay = EngineProcess.launch(LocalKafka.REPO.resolve("target/it-logs/backlog-history-replay.log"),
                        List.of("replay", "--events", events.toString(), "--profiles", profiles.toString(), "--from", goLiveText,
                                "--until", Instant.ofEpochMilli(until).toString(), "--out", replayOut.toString(),
                                "--policy", policy.toString(), "--out-of-orderness", "5s", "--quiet"))) {
            assertThat(live.awaitRunning().output()).contains("No checkpoint under").contains("go-live " + goLiveText);
            assertThat(replay.awaitExit(Duration.ofMinutes(3))).as("replay exit code; log %s", replay.log()).isZero();
            List<String> replayed = Files.readAllLines(replayOut.resolve("decisions.jsonl"), StandardCharsets.UTF_8);
            List<String> expected = sorted(decisionsUpTo(replayed, lastEvent));
            assertThat(expected).as("the replay decides something after go-live").hasSizeGreaterThan(10);

            try {
                Deadline.await(Duration.ofSeconds(180), expected.size() + " decisions up to the last event's time; engine log " + job.log,
                        () -> containsAll(decisionsUpTo(decisions.poll(), lastEvent), expected));
            } catch (AssertionError timedOut) {
                // the comparison below shows what differs
            }
            List<String> actual = sorted(decisionsUpTo(decisions.drain(Duration.ofSeconds(3)), lastEvent));
            assertThat(actual).as("live decisions up to %s equal the replay's (customerId ruleId outcome reason decidedAt triggerEventIds)",
                    Instant.ofEpochMilli(lastEvent)).isEqualTo(expected);
            assertThat(earliestDecision(decisions.values)).as("no live decision before go-live %s", goLiveText).isGreaterThanOrEqualTo(goLive);
            assertThat(earliestDecision(replayed)).as("no replay decision before go-live %s", goLiveText).isGreaterThanOrEqualTo(goLive);

            List<String> replayOffers = Files.readAllLines(replayOut.resolve("offers.jsonl"), StandardCharsets.UTF_8);
            assertThat(sorted(offerIdsSentUpTo(offers.drain(Duration.ofSeconds(1)), lastEvent)))
                    .as("live offers sent up to the last event's time equal the replay's")
                    .isEqualTo(sorted(offerIdsSentUpTo(replayOffers, lastEvent)));
            assertThat(late.drain(Duration.ofSeconds(1))).as("live late events; engine log %s", job.log).isEmpty();
            assertThat(live.alive()).isTrue();
        }
    }

    private static long eventTime(String line) {
        JsonNode t = Traffic.json(line).path("eventTime");
        return t.isNumber() ? t.asLong() : OffsetDateTime.parse(t.asText()).toInstant().toEpochMilli();
    }

    private static long instant(JsonNode n, String field) {
        return OffsetDateTime.parse(n.path(field).asText()).toInstant().toEpochMilli();
    }

    /** "decidedAt customerId ruleId outcome reason triggerEventIds" of the decisions taken up to {@code last}. */
    static List<String> decisionsUpTo(List<String> decisions, long last) {
        List<String> out = new ArrayList<>();
        for (String d : decisions) {
            JsonNode n = Traffic.json(d);
            if (instant(n, "decidedAt") <= last) {
                out.add(n.path("decidedAt").asText() + " " + n.path("customerId").asText() + " " + n.path("ruleId").asText() + " "
                        + n.path("outcome").asText() + " " + n.path("reason").asText("-") + " " + n.path("triggerEventIds"));
            }
        }
        return out;
    }

    private static List<String> offerIdsSentUpTo(List<String> offers, long last) {
        List<String> out = new ArrayList<>();
        for (String o : offers) {
            JsonNode n = Traffic.json(o);
            if (instant(n, "sendAt") <= last) {
                out.add(n.path("sendAt").asText() + " " + n.path("customerId").asText() + " " + n.path("ruleId").asText() + " "
                        + n.path("offerId").asText());
            }
        }
        return out;
    }

    private static long earliestDecision(List<String> decisions) {
        return decisions.stream().mapToLong(d -> instant(Traffic.json(d), "decidedAt")).min().orElse(Long.MAX_VALUE);
    }

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        Collections.sort(copy);
        return copy;
    }

    /** Multiset containment. */
    private static boolean containsAll(List<String> actual, List<String> expected) {
        Map<String, Integer> counts = new TreeMap<>();
        actual.forEach(a -> counts.merge(a, 1, Integer::sum));
        for (String e : expected) {
            if (counts.merge(e, -1, Integer::sum) < 0) {
                return false;
            }
        }
        return true;
    }
}

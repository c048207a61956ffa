package com.acmebank.triggers.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules changed while the engine runs, against the real broker, through the documented commands: a rule published
 * mid-stream starts making offers, paused they stop, resumed they start again, a rejected update leaves the running
 * version in force, a restart keeps every accepted rule, and a forecast reads the recorded topics.
 */
class RuleLifecycleIT {
    @TempDir
    Path temp;

    private static final Duration DECIDED = Duration.ofSeconds(150);

    private LocalKafka.Topics topics;
    private Path cliLog;

    /** Runs a rule command (rules ..., lists ...) on this test's topics to its end; returns its exit code and output. */
    private record Cli(int exit, String output) {}

    private Cli cli(String... commandAndArgs) throws Exception {
        List<String> all = new ArrayList<>(List.of(commandAndArgs));
        all.addAll(List.of(topics.ruleFlags()));
        EngineProcess p = EngineProcess.launch(cliLog, all);
        int exit = p.awaitExit(Duration.ofSeconds(120));
        return new Cli(exit, p.output());
    }

    @Test
    void rulesArePublishedPausedResumedAndRejectedWhileTheEngineRuns() throws Exception {
        topics = LocalKafka.createTopics();
        cliLog = LocalKafka.REPO.resolve("target/it-logs/rule-lifecycle-cli.log");
        Files.deleteIfExists(cliLog);
        LiveRun job = LiveRun.withoutRules(temp, "rule-lifecycle", topics);
        LocalKafka.produce(topics.profiles(), Traffic.profiles(8, Traffic.noonZone()));
        Path s2 = LocalKafka.REPO.resolve("rules/scenarios/S2-salary-sip.yaml");
        try (LocalKafka.Reader decisions = new LocalKafka.Reader(topics.decisions());
                LocalKafka.Reader status = new LocalKafka.Reader(topics.ruleStatus())) {
            try (EngineProcess engine = job.start().awaitRunning()) {
                assertThat(engine.output()).contains("No rules on " + topics.ruleUpdates() + " yet");
                // published mid-stream: its offers begin
                Cli published = cli("rules", "publish", s2.toString());
                assertThat(published.exit()).as(published.output()).isZero();
                assertThat(published.output()).contains("S2-salary-sip: ACCEPTED version 1");
                LocalKafka.produce(topics.events(), List.of(Traffic.salary("s0", "K0", System.currentTimeMillis(), 5000)));
                assertThat(summaries(decisions.readUntil(1, DECIDED))).containsExactly("K0 S2-salary-sip 1 SENT");

                // paused: no offer for K1; resumed: K2 gets one (and K2's decision, later in event time, shows K1 was judged)
                Cli paused = cli("rules", "pause", "S2-salary-sip");
                assertThat(paused.exit()).as(paused.output()).isZero();
                LocalKafka.produce(topics.events(), List.of(Traffic.salary("s1", "K1", System.currentTimeMillis(), 5000)));
                Cli resumed = cli("rules", "resume", "S2-salary-sip");
                assertThat(resumed.exit()).as(resumed.output()).isZero();
                LocalKafka.produce(topics.events(), List.of(Traffic.salary("s2", "K2", System.currentTimeMillis(), 5000)));
                assertThat(summaries(decisions.readUntil(2, DECIDED))).containsExactly("K0 S2-salary-sip 1 SENT", "K2 S2-salary-sip 1 SENT");

                // a file that does not validate is refused before anything is published (exit 2) ...
                Path broken = temp.resolve("S2-salary-sip.yaml");
                Files.writeString(broken, Files.readString(s2).replace("version: 1", "version: 2").replace("gte: 3000", "gte: lots"));
                Cli refused = cli("rules", "publish", broken.toString());
                assertThat(refused.exit()).isEqualTo(2);
                assertThat(refused.output()).contains("trigger.event.where[0].gte: expected a number, got \"lots\"");
                // ... and one written to the topic by another tool is rejected by the engine, which keeps version 1
                LocalKafka.produceBytes(topics.ruleUpdates(), List.of(new org.apache.kafka.clients.producer.ProducerRecord<>(topics.ruleUpdates(),
                        "rule:S2-salary-sip".getBytes(), ("{\"type\":\"RULE\",\"id\":\"S2-salary-sip\",\"version\":2,\"fileName\":\"S2-salary-sip.yaml\","
                                + "\"text\":" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Files.readString(broken)) + "}").getBytes())),
                        java.util.Map.of());
                Deadline.await(Duration.ofSeconds(60), "the engine's answer to version 2", () -> status.poll().stream()
                        .anyMatch(s -> s.contains("\"version\":2") && s.contains("REJECTED")));
                // pause and resume act on the version in force, not on the rejected record after it
                Cli pausedAgain = cli("rules", "pause", "S2-salary-sip");
                assertThat(pausedAgain.output()).contains("S2-salary-sip: ACCEPTED version 1, PAUSED");
                assertThat(cli("rules", "resume", "S2-salary-sip").exit()).isZero();
                LocalKafka.produce(topics.events(), List.of(Traffic.salary("s3", "K3", System.currentTimeMillis(), 5000)));
                assertThat(summaries(decisions.readUntil(3, DECIDED))).contains("K3 S2-salary-sip 1 SENT");

                Cli listed = cli("rules", "list");
                assertThat(listed.exit()).isZero();
                assertThat(listed.output()).containsPattern("S2-salary-sip +RULE +1 +ACTIVE");
                Cli history = cli("rules", "history", "S2-salary-sip");
                assertThat(history.exit()).isZero();
                assertThat(history.output()).contains("REJECTED").contains("PAUSED");
                job.awaitCheckpointAfter(System.currentTimeMillis(), Duration.ofSeconds(60));
                engine.kill();
            }
            // a restart keeps every accepted rule (version 1, active), and goes on judging
            try (EngineProcess engine = job.start()) {
                engine.awaitOutput("Resuming from checkpoint", Duration.ofSeconds(60));
                long t = System.currentTimeMillis();
                LocalKafka.produce(topics.events(), List.of(Traffic.salary("s4", "K4", t, 5000), Traffic.salary("s5", "K5", t + 10, 5000)));
                assertThat(summaries(decisions.readUntil(5, DECIDED))).contains("K4 S2-salary-sip 1 SENT", "K5 S2-salary-sip 1 SENT");
            }
        }
        // what a threshold of 6,000 would have sent over the recorded topics: nothing of the 5,000 salaries
        Path change = temp.resolve("change/S2-salary-sip.yaml");
        Files.createDirectories(change.getParent());
        Files.writeString(change, Files.readString(s2).replace("version: 1", "version: 3").replace("gte: 3000", "gte: 6000"));
        List<String> forecast = new ArrayList<>(List.of("rules", "forecast", change.toString(), "--days", "1", "--events-topic", topics.events(),
                "--profiles-topic", topics.profiles()));
        Cli answer = cli(forecast.toArray(String[]::new));
        assertThat(answer.exit()).as(answer.output()).isZero();
        assertThat(answer.output()).contains("1 rules and 0 lists in force").containsPattern("S2-salary-sip +[0-9]+->0 ");
    }

    private static List<String> summaries(List<String> decisions) throws Exception {
        return KafkaPipelineIT.describe(decisions, "customerId", "ruleId", "ruleVersion", "outcome");
    }
}

package com.acmebank.triggers.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records no parser would expect, through the real broker into the running job: bytes that are not UTF-8, an
 * empty value, a tombstone, a 5 MB record, a 100 KB line of junk on the events topic; a tombstone and an invalid
 * profile on the profiles topic. Each becomes a dead letter with its documented reason (a small one for the
 * 5 MB record), a valid event without a key still gets its offer, the customer whose profile was deleted has no
 * consent any more, and the job lives on: a good event after all of them gets its offer.
 */
@ExtendWith(LocalKafka.class)
class BadRecordsIT {
    private static final int FIVE_MB = 5 * 1024 * 1024;
    private static final int JUNK = 100_000;

    @TempDir
    Path temp;

    @Test
    void badRecordsBecomeDeadLettersAndTheJobLivesOn() throws Exception {
        LocalKafka.Topics topics = LocalKafka.createTopics(Map.of("max.message.bytes", "8388608"));
        LiveRun job = LiveRun.create(temp, "bad-records", topics);
        LocalKafka.produce(topics.profiles(), Traffic.profiles(5, Traffic.noonZone()));
        Map<String, Object> large = Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8_388_608);
        try (LocalKafka.Reader offers = new LocalKafka.Reader(topics.offers());
                LocalKafka.Reader decisions = new LocalKafka.Reader(topics.decisions());
                LocalKafka.Reader deadLetters = new LocalKafka.Reader(topics.deadLetters());
                EngineProcess engine = job.start().awaitRunning()) {
            long now = System.currentTimeMillis();
            // a salary that would fire S2, padded to 5 MB: over the engine's limit, so a dead letter and no offer
            String salary = Traffic.salary("huge-3", "K3", now, 5000);
            StringBuilder huge = new StringBuilder(FIVE_MB);
            huge.append(salary, 0, salary.length() - 1).append(",\"attributes\":{\"pad\":\"");
            huge.append("x".repeat(FIVE_MB - huge.length() - 3)).append("\"}}");
            assertThat(huge).hasSize(FIVE_MB);
            List<ProducerRecord<byte[], byte[]>> events = new ArrayList<>();
            // a good event on the partition that gets the bad ones (K0's): a partition that has had no event with a
            // readable time holds event time back for 30 s after the start
            events.add(record(topics.events(), "K0", Traffic.salary("good-0", "K0", now, 5000).getBytes(StandardCharsets.UTF_8)));
            events.add(record(topics.events(), "K0", new byte[] {0x7b, (byte) 0xff, (byte) 0xfe, 0x7d}));
            events.add(record(topics.events(), "K0", new byte[0]));
            events.add(record(topics.events(), "K0", null));
            events.add(record(topics.events(), "K3", huge.toString().getBytes(StandardCharsets.UTF_8)));
            events.add(record(topics.events(), "K0", "#".repeat(JUNK).getBytes(StandardCharsets.UTF_8)));
            events.add(record(topics.events(), null, Traffic.salary("nokey-1", "K1", now + 10, 5000).getBytes(StandardCharsets.UTF_8)));
            LocalKafka.produceBytes(topics.events(), events, large);
            // K2's profile is deleted, then an invalid one for K2 follows on the same partition (same key): once its dead
            // letter is out, the deletion has been applied
            LocalKafka.produceBytes(topics.profiles(), List.of(record(topics.profiles(), "K2", null),
                    record(topics.profiles(), "K2", "{\"customerId\":\"K2\",\"tier\":\"PLATINUM\"}".getBytes(StandardCharsets.UTF_8))), Map.of());

            Deadline.await(Duration.ofSeconds(120), "6 dead letters and the offers of K0 and of the null-key event; engine log " + job.log,
                    () -> deadLetters.poll().size() >= 6 && offers.poll().size() >= 2);
            List<JsonNode> dead = deadLetters.drain(Duration.ofSeconds(2)).stream().map(Traffic::json).toList();
            assertThat(dead).as("dead letters: %s", deadLetters.values).hasSize(6);
            assertThat(dead).as("each says where it came from").allSatisfy(d -> assertThat(d.path("source").has("offset")).isTrue());
            assertThat(reasons(dead, "EVENT")).as("event dead letters").satisfiesExactlyInAnyOrder(
                    r -> assertThat(r).startsWith("not UTF-8 text"),
                    r -> assertThat(r).isEqualTo("empty record"),
                    r -> assertThat(r).isEqualTo("empty record"),
                    r -> assertThat(r).startsWith("record of 5,242,880 bytes exceeds the engine's limit of 524,288 bytes"),
                    r -> assertThat(r).startsWith("not valid JSON"));
            assertThat(reasons(dead, "PROFILE")).singleElement().asString().startsWith("tier: expected one of");

            String hugeLetter = deadLetters.values.stream().filter(d -> d.contains("exceeds the engine's limit")).findFirst().orElseThrow();
            assertThat(hugeLetter.length()).as("the 5 MB record's dead letter is small").isLessThan(100_000);
            assertThat(Traffic.json(hugeLetter).path("raw").asText()).as("its beginning is kept").startsWith("{\"eventId\":\"huge-3\"")
                    .hasSizeLessThanOrEqualTo(4096);
            JsonNode junk = dead.stream().filter(d -> d.path("reason").asText().startsWith("not valid JSON")).findFirst().orElseThrow();
            assertThat(junk.path("raw").asText()).as("a long raw text is cut").hasSize(65_536);
            assertThat(junk.path("rawLength").asInt()).as("and says how long it was").isEqualTo(JUNK);

            // after all of them: a salary for the customer whose profile was deleted, and a good one
            long later = System.currentTimeMillis();
            LocalKafka.produce(topics.events(), List.of(Traffic.salary("after-delete-2", "K2", later, 5000),
                    Traffic.salary("good-4", "K4", later + 10, 5000)));
            Set<String> expectedDecisions = Set.of(
                    "K0 S2-salary-sip SENT - [\"good-0\"]",
                    "K1 S2-salary-sip SENT - [\"nokey-1\"]",
                    "K2 S2-salary-sip SUPPRESSED NO_CONSENT [\"after-delete-2\"]",
                    "K4 S2-salary-sip SENT - [\"good-4\"]");
            Deadline.await(Duration.ofSeconds(120), "the decisions " + expectedDecisions + "; engine log " + job.log,
                    () -> Traffic.decisionSummaries(decisions.poll()).containsAll(expectedDecisions));
            assertThat(Traffic.decisionSummaries(decisions.drain(Duration.ofSeconds(3)))).containsExactlyInAnyOrderElementsOf(expectedDecisions);
            assertThat(Traffic.offerIds(offers.drain(Duration.ofSeconds(1))).keySet()).as("offers: none for the 5 MB record or K2")
                    .containsExactlyInAnyOrder(Traffic.salaryOfferId("K0", "good-0"), Traffic.salaryOfferId("K1", "nokey-1"),
                            Traffic.salaryOfferId("K4", "good-4"));
            assertThat(engine.alive()).as("the engine is still running").isTrue();
            assertThat(engine.output()).as("the job never failed; engine log %s", job.log).doesNotContain("restarts ");
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static List<String> reasons(List<JsonNode> deadLetters, String kind) {
        return deadLetters.stream().filter(d -> d.path("kind").asText().equals(kind)).map(d -> d.path("reason").asText()).toList();
    }
}

package com.acmebank.triggers.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.jobs.LiveJob;
import com.acmebank.triggers.kafka.KafkaSettings;
import com.acmebank.triggers.rule.ReferenceListFiles;
import com.acmebank.triggers.rule.RuleFiles;
import com.acmebank.triggers.testing.TestPolicies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kafka wiring against the real broker: contract events, malformed ones included, produced to Kafka; the
 * job on a MiniCluster, exactly-once; offers read back with read_committed, as a gateway would.
 */
@ExtendWith(LocalKafka.class)
class KafkaPipelineIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void contractEventsInExactOffersAndDeadLettersOut() throws Exception {
        LocalKafka.Topics topics = LocalKafka.createTopics();
        String zone = Traffic.noonZone();
        long t = System.currentTimeMillis() - 60_000;
        LocalKafka.produce(topics.profiles(), List.of(
                "{\"customerId\":\"KA\",\"name\":\"Li Wei\",\"timezone\":\"" + zone + "\",\"consent\":{\"PUSH\":true,\"SMS\":true}}",
                "{\"customerId\":\"KB\",\"name\":\"Wang Fang\",\"timezone\":\"" + zone + "\",\"consent\":{\"PUSH\":true}}",
                "{\"customerId\":\"KC\",\"name\":\"Zhang Min\",\"timezone\":\"" + zone + "\",\"consent\":{\"PUSH\":true,\"SMS\":true}}",
                "{\"customerId\":\"KD\",\"name\":\"Liu Yang\",\"timezone\":\"" + zone + "\",\"consent\":{\"PUSH\":false}}",
                "{\"customerId\":\"KX\",\"tier\":\"PLATINUM\"}"));
        LocalKafka.produce(topics.events(), List.of(
                "{\"eventId\":\"ka1\",\"type\":\"SALARY_CREDIT\",\"customerId\":\"KA\",\"eventTime\":\"" + Traffic.at(t) + "\",\"amount\":5000.00}",
                "{\"eventId\":\"kb1\",\"type\":\"CARD_PAYMENT\",\"customerId\":\"KB\",\"eventTime\":\"" + Traffic.at(t + 1000) + "\",\"amount\":250.00,\"merchantId\":\"M-PARTNER-001\"}",
                "{\"eventId\":\"kc1\",\"type\":\"ACCOUNT_OPENED\",\"customerId\":\"KC\",\"eventTime\":" + (t + 2000) + "}",
                "{\"eventId\":\"kd1\",\"type\":\"SALARY_CREDIT\",\"customerId\":\"KD\",\"eventTime\":\"" + Traffic.at(t + 3000) + "\",\"amount\":6000.00}",
                "this is not json",
                "{\"type\":\"SALARY_CREDIT\",\"customerId\":\"KA\",\"eventTime\":\"" + Traffic.at(t + 4000) + "\",\"amount\":5000.00}",
                "{\"eventId\":\"ke1\",\"type\":\"SALARY_CREDIT\",\"customerId\":\"KE\",\"eventTime\":\"" + Traffic.at(t + 5000) + "\",\"amount\":\"5000\"}"));

        KafkaSettings kafka = new KafkaSettings();
        kafka.bootstrapServers = LocalKafka.BOOTSTRAP;
        kafka.eventsTopic = topics.events();
        kafka.profilesTopic = topics.profiles();
        kafka.offersTopic = topics.offers();
        kafka.decisionsTopic = topics.decisions();
        kafka.deadLettersTopic = topics.deadLetters();
        kafka.lateEventsTopic = topics.lateEvents();
        kafka.conversionsTopic = topics.conversions();
        kafka.ruleUpdatesTopic = topics.ruleUpdates();
        kafka.ruleStatusTopic = topics.ruleStatus();
        LocalKafka.publishShippedRules(topics);
        kafka.groupId = topics.events();
        kafka.transactionalIdPrefix = topics.events();
        EngineConfig config = new EngineConfig();
        config.policy = TestPolicies.withoutHoldout();
        config.idleAdvanceMillis = 1_000;
        // the events are stamped a minute ago: go-live before them, else they would only build state
        config.goLive = t - 1_000;

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        env.configure(conf);
        env.setParallelism(2);
        LiveJob.build(env, kafka, config);
        JobClient job = env.executeAsync("kafka pipeline it");
        try (LocalKafka.Reader offers = new LocalKafka.Reader(topics.offers());
                LocalKafka.Reader decisions = new LocalKafka.Reader(topics.decisions());
                LocalKafka.Reader deadLetters = new LocalKafka.Reader(topics.deadLetters())) {
            assertThat(decisions.readUntil(4, Duration.ofSeconds(120))).hasSize(4);
            List<String> offered = describe(offers.readUntil(3, Duration.ofSeconds(30)), "customerId", "ruleId", "channel");
            assertThat(offered).containsExactlyInAnyOrder("KA S2-salary-sip PUSH", "KB S1-partner-spend PUSH", "KC S13-new-customer-welcome PUSH");
            assertThat(describe(decisions.values, "customerId", "ruleId", "outcome", "reason")).containsExactlyInAnyOrder(
                    "KA S2-salary-sip SENT ", "KB S1-partner-spend SENT ", "KC S13-new-customer-welcome SENT ",
                    "KD S2-salary-sip SUPPRESSED NO_CONSENT");
            assertThat(describe(deadLetters.readUntil(4, Duration.ofSeconds(30)), "kind", "reason")).containsExactlyInAnyOrder(
                    "PROFILE tier: expected one of MASS, SILVER, GOLD, DIAMOND, got 'PLATINUM'",
                    "EVENT not valid JSON: Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (line 1, column 5)",
                    "EVENT eventId: missing required field",
                    "EVENT amount: expected a decimal number, got a string");
            assertThat(deadLetters.values).allSatisfy(d -> assertThat(JSON.readTree(d).path("source").has("offset")).isTrue());
            assertThat(offers.drain(Duration.ofSeconds(3))).hasSize(3);
        } finally {
            job.cancel().get();
        }
    }

    static List<String> describe(List<String> records, String... fields) throws Exception {
        List<String> out = new ArrayList<>();
        for (String r : records) {
            JsonNode n = JSON.readTree(r);
            List<String> parts = new ArrayList<>();
            for (String f : fields) {
                parts.add(n.path(f).asText(""));
            }
            out.add(String.join(" ", parts));
        }
        return out;
    }
}

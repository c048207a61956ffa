package com.acmebank.triggers.jobs;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.flink.Watermarking;
import com.acmebank.triggers.flink.TriggerTopology;
import com.acmebank.triggers.kafka.ConsumerLag;
import com.acmebank.triggers.kafka.KafkaSettings;
import com.acmebank.triggers.kafka.KeyedJsonSerializer;
import com.acmebank.triggers.kafka.RawRecordDeserializer;
import com.acmebank.triggers.output.DeadLetter;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.LateEvent;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.output.RecordJson;
import com.acmebank.triggers.ruleset.RuleUpdateJson;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The live job: events and profiles from Kafka, offers, decisions, dead letters and late events to Kafka,
 * keyed by customerId, exactly-once (transactional sinks, committed on checkpoints) or at-least-once.
 */
public final class LiveJob {
    /** The name of the events source, by which its lag metric is found. */
    public static final String EVENTS_SOURCE = "Events topic";

    private LiveJob() {}

    public static void build(StreamExecutionEnvironment env, KafkaSettings kafka, EngineConfig config) {
        // A fresh job reads both topics from their start, so everything they retain builds its state (what precedes
        // the go-live instant is not decided on); a restored job continues from the offsets in its checkpoint. The
        // offsets committed to the consumer groups are only for monitoring.
        KafkaSource<RawRecord> events = source(kafka, kafka.eventsTopic, OffsetsInitializer.earliest());
        KafkaSource<RawRecord> profiles = source(kafka, kafka.profilesTopic, OffsetsInitializer.earliest());
        // event time is made at the sources, per partition, and follows the wall clock only once they are caught up
        SingleOutputStreamOperator<RawRecord> eventStream = env.fromSource(events,
                        Watermarking.liveEvents(config, new ConsumerLag(clientIdPrefix(kafka, kafka.eventsTopic), kafka.eventsTopic)),
                        EVENTS_SOURCE, TypeInformation.of(RawRecord.class))
                .uid("events-topic");
        SingleOutputStreamOperator<RawRecord> profileStream = env.fromSource(profiles,
                        Watermarking.liveProfiles(config, new ConsumerLag(clientIdPrefix(kafka, kafka.profilesTopic), kafka.profilesTopic)),
                        "Profiles topic", TypeInformation.of(RawRecord.class))
                .uid("profiles-topic");
        if (kafka.eventReaders > 0) {
            eventStream.setParallelism(kafka.eventReaders);
        }
        if (kafka.profileReaders > 0) {
            profileStream.setParallelism(kafka.profileReaders);
        }
        // The rules and lists in force are the rule-updates topic: a fresh job reads it whole before event time moves;
        // a restored one has them in its checkpoint and reads on from its offset.
        KafkaSource<RawRecord> ruleUpdates = source(kafka, kafka.ruleUpdatesTopic, OffsetsInitializer.earliest());
        DataStream<RawRecord> ruleStream = env.fromSource(ruleUpdates,
                        Watermarking.liveRuleUpdates(config, new ConsumerLag(clientIdPrefix(kafka, kafka.ruleUpdatesTopic), kafka.ruleUpdatesTopic),
                                kafka.ruleUpdatesEndOffsets),
                        "Rule updates topic", TypeInformation.of(RawRecord.class))
                .uid("rule-updates-topic").setParallelism(1);
        TriggerTopology.Sinks sinks = new TriggerTopology.Sinks(
                sink(kafka, kafka.offersTopic, "offers", offerKey(), RecordJson::offer),
                sink(kafka, kafka.decisionsTopic, "decisions", decisionKey(), RecordJson::decision),
                sink(kafka, kafka.deadLettersTopic, "dead-letters", deadLetterKey(), RecordJson::deadLetter),
                sink(kafka, kafka.lateEventsTopic, "late-events", lateKey(), RecordJson::lateEvent),
                sink(kafka, kafka.conversionsTopic, "conversions", c -> c.customerId, RecordJson::conversion),
                statusSink(kafka),
                env.getParallelism());
        TriggerTopology.wire(new TriggerTopology.Inputs(eventStream, profileStream, ruleStream, true, null), sinks, config);
    }

    private static KafkaSource<RawRecord> source(KafkaSettings kafka, String topic, OffsetsInitializer start) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers)
                .setTopics(topic)
                .setGroupId(kafka.groupId + "-" + topic)
                .setStartingOffsets(start)
                .setDeserializer(new RawRecordDeserializer())
                // only what upstream producers committed, if they write transactionally
                .setProperty("isolation.level", "read_committed")
                .setProperty("client.id.prefix", clientIdPrefix(kafka, topic))
                // find partitions (and a topic created after the job started) within seconds, not Kafka's 5 minutes
                .setProperty("partition.discovery.interval.ms", "10000")
                .build();
    }

    /** The prefix of the source's consumer client ids, by which {@link ConsumerLag} finds their lag. */
    static String clientIdPrefix(KafkaSettings kafka, String topic) {
        return kafka.groupId + "-" + topic;
    }

    private static <T> KafkaSink<T> sink(KafkaSettings kafka, String topic, String name, SerializableFunction<T, String> key,
            SerializableFunction<T, String> json) {
        var builder = KafkaSink.<T>builder()
                .setBootstrapServers(kafka.bootstrapServers)
                .setRecordSerializer(new KeyedJsonSerializer<>(topic, key, json))
                .setProperty("transaction.timeout.ms", String.valueOf(kafka.transactionTimeoutMillis));
        if (kafka.delivery == KafkaSettings.Delivery.EXACTLY_ONCE) {
            builder.setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                    .setTransactionalIdPrefix(kafka.transactionalIdPrefix + "-" + name);
        } else {
            builder.setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
        }
        return builder.build();
    }

    /**
     * Answers to rule updates are written at once, whatever the delivery guarantee: whoever published waits for them, and
     * one written twice after a restore says the same again.
     */
    private static KafkaSink<com.acmebank.triggers.output.RuleStatus> statusSink(KafkaSettings kafka) {
        return KafkaSink.<com.acmebank.triggers.output.RuleStatus>builder()
                .setBootstrapServers(kafka.bootstrapServers)
                .setRecordSerializer(new KeyedJsonSerializer<>(kafka.ruleStatusTopic, s -> RuleUpdateJson.key(s.type, s.id), RecordJson::ruleStatus))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    private static SerializableFunction<Offer, String> offerKey() {
        return o -> o.customerId;
    }

    private static SerializableFunction<Decision, String> decisionKey() {
        return d -> d.customerId;
    }

    private static SerializableFunction<DeadLetter, String> deadLetterKey() {
        return d -> d.eventId;
    }

    private static SerializableFunction<LateEvent, String> lateKey() {
        return l -> l.customerId;
    }
}

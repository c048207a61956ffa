package com.acmebank.triggers.kafka;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the live job reads and writes and how it keeps its promises. Defaults work against the local broker
 * of bin/local-kafka; RunCommand fills them from flags, environment variables and a config file.
 */
public class KafkaSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Delivery { EXACTLY_ONCE, AT_LEAST_ONCE }

    public String bootstrapServers = "127.0.0.1:9092";
    public String eventsTopic = "events";
    public String profilesTopic = "profiles";
    public String offersTopic = "offers";
    public String decisionsTopic = "decisions";
    public String deadLettersTopic = "dead-letters";
    public String lateEventsTopic = "late-events";
    public String conversionsTopic = "conversions";
    /** Compacted, one partition: rule and list updates, keyed rule:ID and list:NAME. */
    public String ruleUpdatesTopic = "rule-updates";
    /** The engine's answer to every rule and list update. */
    public String ruleStatusTopic = "rule-status";
    /** A fresh start: where rule-updates ended at launch, per partition (event time waits until read); empty after a restore. */
    public java.util.HashMap<Integer, Long> ruleUpdatesEndOffsets = new java.util.HashMap<>();
    public String groupId = "trigger-engine";
    public Delivery delivery = Delivery.EXACTLY_ONCE;
    /** Must be unique per job writing to the same cluster: Kafka fences producers by transactional id. */
    public String transactionalIdPrefix = "trigger-engine";
    /**
     * Kafka's transaction timeout for the exactly-once sink. Flink's default (1 h) exceeds the broker's
     * transaction.max.timeout.ms (15 min) and the producer would be refused; 10 min leaves room for slow
     * checkpoints and a restart.
     */
    public long transactionTimeoutMillis = 600_000;
    /**
     * Readers of the events and profiles topics (0: the job's parallelism). At most the topic's partitions: a reader
     * without a partition would make no watermark and hold event time back.
     */
    public int eventReaders;
    public int profileReaders;

    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            problems.add("bootstrap-servers: missing");
        }
        for (String[] t : new String[][] {{"events-topic", eventsTopic}, {"profiles-topic", profilesTopic}, {"offers-topic", offersTopic},
                {"decisions-topic", decisionsTopic}, {"dead-letters-topic", deadLettersTopic}, {"late-events-topic", lateEventsTopic},
                {"conversions-topic", conversionsTopic}, {"rule-updates-topic", ruleUpdatesTopic}, {"rule-status-topic", ruleStatusTopic},
                {"group-id", groupId}, {"transactional-id-prefix", transactionalIdPrefix}}) {
            if (t[1] == null || t[1].isBlank()) {
                problems.add(t[0] + ": must not be empty");
            }
        }
        if (transactionTimeoutMillis > 900_000) {
            problems.add("transaction timeout " + transactionTimeoutMillis + " ms exceeds the broker default transaction.max.timeout.ms of 15 minutes");
        }
        return problems;
    }
}

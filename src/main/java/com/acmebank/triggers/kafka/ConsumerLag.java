package com.acmebank.triggers.kafka;

import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Whether the Kafka consumers of one source, in this JVM, have read everything there is to read. It reads the
 * consumers' own per-partition {@code records-lag} (the distance to the log end, or to the last stable offset
 * under read_committed, so transaction markers and aborted records count as read), which the Kafka client
 * publishes over JMX. Every reader of the source in this JVM must be caught up: that is conservative (a reader
 * waits for its siblings), and costs nothing, because the engine's event time is the minimum over all readers.
 */
public final class ConsumerLag implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What the consumers' metrics say. */
    public enum State { CAUGHT_UP, LAGGING, UNKNOWN }

    private final String clientIdPrefix;
    private final String topic;

    /** {@code clientIdPrefix}: the source's {@code client.id.prefix}; Flink names each reader's consumer PREFIX-SUBTASK. */
    public ConsumerLag(String clientIdPrefix, String topic) {
        this.clientIdPrefix = clientIdPrefix;
        this.topic = topic;
    }

    public State state() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> partitions;
        try {
            // the client puts the topic into metric tags with '.' replaced by '_'
            partitions = server.queryNames(new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,client-id="
                    + clientIdPrefix + "-*,topic=" + topic.replace('.', '_') + ",partition=*"), null);
        } catch (Exception e) {
            return State.UNKNOWN;
        }
        if (partitions.isEmpty()) {
            return State.UNKNOWN;
        }
        for (ObjectName partition : partitions) {
            double lag;
            try {
                lag = ((Number) server.getAttribute(partition, "records-lag")).doubleValue();
            } catch (Exception e) {
                return State.UNKNOWN;
            }
            // NaN: not fetched yet
            if (!(lag <= 0)) {
                return State.LAGGING;
            }
        }
        return State.CAUGHT_UP;
    }

    @Override
    public String toString() {
        return topic + " (" + clientIdPrefix + ")";
    }
}

package com.acmebank.triggers.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a record as one JSON value keyed by its customerId (absent keys are left to the partitioner). */
public class KeyedJsonSerializer<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private final SerializableFunction<T, String> key;
    private final SerializableFunction<T, String> json;

    public KeyedJsonSerializer(String topic, SerializableFunction<T, String> key, SerializableFunction<T, String> json) {
        this.topic = topic;
        this.key = key;
        this.json = json;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        String k = key.apply(element);
        // Kafka's own timestamp is the time of writing: an event-time stamp on a replayed or late record would make
        // the broker's time-based retention delete it at once.
        return new ProducerRecord<>(topic, null, null, k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                json.apply(element).getBytes(StandardCharsets.UTF_8));
    }
}

package com.acmebank.triggers.event;

import java.util.Objects;

/** Where a record came from: a file and line, or a Kafka topic, partition and offset. */
public class Origin {
    public String file;
    public long line = -1;
    public String topic;
    public int partition = -1;
    public long offset = -1;

    public Origin() {}

    public static Origin fileLine(String file, long line) {
        Origin o = new Origin();
        o.file = file;
        o.line = line;
        return o;
    }

    public static Origin kafka(String topic, int partition, long offset) {
        Origin o = new Origin();
        o.topic = topic;
        o.partition = partition;
        o.offset = offset;
        return o;
    }

    public static Origin described(String what) {
        Origin o = new Origin();
        o.file = what;
        return o;
    }

    @Override
    public String toString() {
        return topic != null ? topic + "/" + partition + "@" + offset : line >= 0 ? file + ":" + line : String.valueOf(file);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Origin o && line == o.line && partition == o.partition && offset == o.offset
                && Objects.equals(file, o.file) && Objects.equals(topic, o.topic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, line, topic, partition, offset);
    }
}

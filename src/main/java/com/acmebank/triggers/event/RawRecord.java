package com.acmebank.triggers.event;

/** One record as received from a source, before parsing: the text, its Kafka key if any, and its origin. */
public class RawRecord {
    public String text;
    public String key;
    public Origin origin;

    public RawRecord() {}

    public RawRecord(String text, String key, Origin origin) {
        this.text = text;
        this.key = key;
        this.origin = origin;
    }
}

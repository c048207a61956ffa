package com.acmebank.triggers.event;

/** One record as received from a source, before parsing: the text, its Kafka key if any, and its origin. */
public class RawRecord {
    public String text;
    public String key;
    public Origin origin;
    /** Why the record cannot be used before it is even parsed (too large, not UTF-8), else null. */
    public String problem;

    public RawRecord() {}

    public RawRecord(String text, String key, Origin origin) {
        this.text = text;
        this.key = key;
        this.origin = origin;
    }
}

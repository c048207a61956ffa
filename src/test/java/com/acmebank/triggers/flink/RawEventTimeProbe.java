package com.acmebank.triggers.flink;

/** Test access to the source-side eventTime scan. */
public final class RawEventTimeProbe {
    private RawEventTimeProbe() {}

    public static long eventTime(String text) {
        return RawEventTime.eventTime(text);
    }
}

package com.acmebank.triggers.flink;

/**
 * A customer's own timer bookkeeping in one small value, read once per timer: when the profile becomes
 * active, when the next sweep is due, and whether newer profile versions are waiting. A POJO.
 */
public class CustomerClock {
    public static final long NONE = Long.MIN_VALUE;

    public long profileActivation = NONE;
    public long housekeepingAt = NONE;
    public int pendingProfiles;

    public CustomerClock() {}
}

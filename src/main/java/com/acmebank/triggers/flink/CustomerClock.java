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
    /** 0 (unknown) in savepoints written before it existed: the schedules are then looked at once more. */
    public long schedulesArmed;
    /** false in savepoints written before it existed: the earliest rule wake-up is then found once. */
    public boolean wakeUpsKnown;
    public long firstWakeUp = NONE;
    /** false in savepoints written before it existed: found on the customer's next conversion-type event. */
    public boolean attributionKnown;
    public long attributableUntil = NONE;

    public CustomerClock() {}
}

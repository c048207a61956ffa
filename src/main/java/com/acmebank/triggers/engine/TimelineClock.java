package com.acmebank.triggers.engine;

/** A customer's own instants, in one small value read once per wake-up. */
public final class TimelineClock {
    public static final long NONE = Long.MIN_VALUE;

    /** When the profile in effect (re)arms profile schedules, or NONE. */
    public long profileActivation = NONE;
    /** When the next sweep is due, or NONE. */
    public long housekeepingAt = NONE;
    /** How many newer profile versions wait for their updatedAt. */
    public int pendingProfiles;

    boolean idle() {
        return profileActivation == NONE && housekeepingAt == NONE && pendingProfiles == 0;
    }
}

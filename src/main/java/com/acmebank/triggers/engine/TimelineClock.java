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
    /**
     * {@link com.acmebank.triggers.rule.RuleBook#profileArmedMark} of the rules under which every profile-armed
     * trigger of the customer has its state; 0 when unknown (a state was removed since, or state from before the mark).
     */
    public long schedulesArmed;
    /** Whether {@link #firstWakeUp} is known; false in state from before it was kept (it is then found once). */
    public boolean wakeUpsKnown;
    /** The earliest instant rules asked to be woken at, or NONE: a wake-up before it needs no look at the asks. */
    public long firstWakeUp = NONE;
    /** Whether {@link #attributableUntil} is known; false in state from before it was kept (found on the next look). */
    public boolean attributionKnown;
    /** No remembered offer converts after this (the latest end of their windows), or NONE when none is remembered. */
    public long attributableUntil = NONE;

    /** Nothing to keep: the learnt shortcuts below are found again at little cost, except the schedules' mark. */
    boolean idle() {
        return profileActivation == NONE && housekeepingAt == NONE && pendingProfiles == 0 && schedulesArmed == 0;
    }
}

package com.acmebank.triggers.engine;

/**
 * An offer sent (or a holdout decision) that a later event may convert, remembered until its attribution
 * window ends. A POJO.
 */
public class Attributable {
    public String decisionId;
    public String ruleId;
    public int ruleVersion;
    public String variant;
    /** SENT or HELD_OUT. */
    public String outcome;
    /** The offer's sendAt, or the holdout decision's decidedAt: a converting event comes after it. */
    public long from;
    /** The end of the attribution window (inclusive). */
    public long until;

    public Attributable() {}
}

package com.acmebank.triggers.output;

/**
 * A later event of the customer linked to the offer (or the holdout decision) it is attributed to
 * (docs/contracts.md, "Conversions"). A Flink POJO.
 */
public class Conversion {
    public String conversionId;
    public String offerId;
    public String decisionId;
    public String customerId;
    public String ruleId;
    public int ruleVersion;
    public String variant;
    /** SENT or HELD_OUT: the outcome of the decision converted on. */
    public String outcome;
    public String eventId;
    public long eventTime;
    /** From the offer's sendAt (a holdout decision's decidedAt) to the converting event. */
    public long delayMillis;

    public Conversion() {}
}

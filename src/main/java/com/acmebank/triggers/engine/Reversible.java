package com.acmebank.triggers.engine;

/**
 * What one event did that a PAYMENT_REVERSAL of it would undo: the totals it was counted in (by rule state
 * key, with the units it added there) and the offers sent on it. Kept only while a reversal can still matter
 * (see {@link Reversals}). A Flink POJO: public fields and arrays, no Kryo.
 */
public class Reversible {
    public static final long NO_AMOUNT = Long.MIN_VALUE;

    public long eventTime;
    /** The event's amount in units, or NO_AMOUNT. */
    public long amount = NO_AMOUNT;
    /** Units reversed so far. */
    public long reversed;
    /** The rule states that counted the event, and the units it still adds in each. */
    public String[] stateKeys = new String[0];
    public long[] counted = new long[0];
    public SentOffer[] sent = new SentOffer[0];
    /** After this event time nothing of it is kept. */
    public long keepUntil;

    public Reversible() {}

    long remaining() {
        return amount == NO_AMOUNT ? 0 : amount - reversed;
    }

    /** An offer that went out on this event: enough to write the audit record of its reversal. */
    public static class SentOffer {
        public String offerId;
        public String ruleId;
        public int ruleVersion;
        public String channel;
        public String variant;
        public String[] triggerEventIds;
        public long triggerTime;

        public SentOffer() {}
    }
}

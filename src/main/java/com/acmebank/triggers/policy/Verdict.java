package com.acmebank.triggers.policy;

/** What the contact policy decided for one offer: the outcome, its reason, when it may be sent, and why. */
public record Verdict(String outcome, String reason, long sendAt, String note) {
    public static final String SENT = "SENT";
    public static final String DEFERRED = "DEFERRED";
    public static final String HELD_OUT = "HELD_OUT";
    public static final String SUPPRESSED = "SUPPRESSED";
    /** Not a delivery decision: the payment an offer already sent was made on has been reversed since. */
    public static final String REVERSED = "REVERSED";

    public static final String NO_CONSENT = "NO_CONSENT";
    public static final String FREQUENCY_CAP = "FREQUENCY_CAP";
    public static final String COOLDOWN = "COOLDOWN";
    public static final String ARBITRATION = "ARBITRATION";
    public static final String EXPIRED = "EXPIRED";
    public static final String QUIET_HOURS = "QUIET_HOURS";
    /** A deferred offer whose rule was paused, or deleted, before its release. */
    public static final String RULE_PAUSED = "RULE_PAUSED";
    public static final String RULE_DELETED = "RULE_DELETED";

    public static Verdict suppressed(String reason, String note) {
        return new Verdict(SUPPRESSED, reason, Long.MIN_VALUE, note);
    }

    public boolean delivers() {
        return SENT.equals(outcome);
    }
}

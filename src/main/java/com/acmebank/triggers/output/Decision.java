package com.acmebank.triggers.output;

import java.util.List;

/** The audit record of what became of one rule firing for one channel (docs/contracts.md, "Decisions"). */
public class Decision {
    public String decisionId;
    public String offerId;
    public String customerId;
    public String ruleId;
    public int ruleVersion;
    public String channel;
    public String variant;
    public String outcome;
    public String reason;
    public List<String> triggerEventIds;
    public long triggerTime;
    public long decidedAt;
    /** What the engine knew, as a JSON object, or null. */
    public String detailsJson;

    public Decision() {}
}

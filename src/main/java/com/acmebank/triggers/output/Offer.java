package com.acmebank.triggers.output;

import java.util.List;

/** An offer for the push/SMS gateways (docs/contracts.md, "Offers"). Times are epoch milliseconds. */
public class Offer {
    public String offerId;
    public String customerId;
    public String ruleId;
    public int ruleVersion;
    public String channel;
    public String variant;
    public String message;
    /** The structured payload, already rendered as a JSON object. */
    public String payloadJson;
    public List<String> triggerEventIds;
    public long triggerTime;
    public long sendAt;
    public long expiresAt;

    public Offer() {}
}

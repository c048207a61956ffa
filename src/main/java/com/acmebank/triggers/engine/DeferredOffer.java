package com.acmebank.triggers.engine;

import com.acmebank.triggers.output.Offer;

/** An offer held through quiet hours, released (or suppressed) at its sendAt. A POJO. */
public class DeferredOffer {
    public Offer offer;
    public int priority;
    /** What the engine knew when the rule fired, carried to the release decision. */
    public String detailsJson;

    public DeferredOffer() {}

    public DeferredOffer(Offer offer, int priority, String detailsJson) {
        this.offer = offer;
        this.priority = priority;
        this.detailsJson = detailsJson;
    }
}

package com.acmebank.triggers.engine;

import com.acmebank.triggers.output.DeadLetter;
import com.acmebank.triggers.output.Conversion;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.Offer;

/** Where a customer's offers and decisions go. */
public interface TimelineOutput {
    void offer(Offer offer);

    void decision(Decision decision);

    /** A later event converted an offer (or a holdout decision). */
    void conversion(Conversion conversion);

    /** A record the timeline cannot use (a reversal of a payment it does not know), with its reason. */
    void deadLetter(DeadLetter deadLetter);
}

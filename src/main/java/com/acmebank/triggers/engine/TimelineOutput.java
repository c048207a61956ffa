package com.acmebank.triggers.engine;

import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.Offer;

/** Where a customer's offers and decisions go. */
public interface TimelineOutput {
    void offer(Offer offer);

    void decision(Decision decision);
}

package com.acmebank.triggers.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer's money as the traffic unfolds: the balance the snapshots report, the products held (what S15 fans
 * out to) and events already scheduled for later days. Rebuilt for every pass over the traffic.
 */
final class Account {
    long balance;
    /** Product id to amount held, in cents; insertion order keeps draws deterministic. */
    Map<String, Long> holdings;
    /** Next unconsumed entry of the persona's plans. */
    int planCursor;
    /** Events scheduled while generating (a mortgage's second tranche), in no particular order. */
    List<GeneratedEvent> followUps;

    Account(CustomerPersona persona) {
        this.balance = persona.initialBalance;
    }

    long held(String productId) {
        return holdings == null ? 0 : holdings.getOrDefault(productId, 0L);
    }

    void hold(String productId, long cents) {
        if (holdings == null) {
            holdings = new LinkedHashMap<>(4);
        }
        long now = held(productId) + cents;
        if (now > 0) {
            holdings.put(productId, now);
        } else {
            holdings.remove(productId);
        }
    }

    void schedule(GeneratedEvent e) {
        if (followUps == null) {
            followUps = new ArrayList<>(2);
        }
        followUps.add(e);
    }
}

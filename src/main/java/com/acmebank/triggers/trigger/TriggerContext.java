package com.acmebank.triggers.trigger;

import com.acmebank.triggers.condition.Facts;
import java.time.ZoneId;

/** What a trigger needs besides its state: the facts (event, profile, lists) and the customer's zone. */
public final class TriggerContext {
    private Facts facts;
    private ZoneId zone;
    private final int windowCapacity;

    public TriggerContext(int windowCapacity) {
        this.windowCapacity = windowCapacity;
    }

    public TriggerContext set(Facts facts, ZoneId zone) {
        this.facts = facts;
        this.zone = zone;
        return this;
    }

    public Facts facts() {
        return facts;
    }

    public ZoneId zone() {
        return zone;
    }

    /** How many entries a sliding window keeps exactly before merging the closest ones. */
    public int windowCapacity() {
        return windowCapacity;
    }
}

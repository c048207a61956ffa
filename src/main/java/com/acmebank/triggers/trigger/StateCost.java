package com.acmebank.triggers.trigger;

/**
 * What one trigger keeps per customer at most, and for how long after the last event that touched it
 * ({@link #FOREVER}: as long as the customer exists, which is one number). Printed by {@code validate}.
 */
public record StateCost(String bound, long horizonMillis) {
    public static final long FOREVER = Long.MAX_VALUE;
    public static final StateCost NONE = new StateCost("nothing", 0);
}

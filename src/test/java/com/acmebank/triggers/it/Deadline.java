package com.acmebank.triggers.it;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition, checking it every so often, and fails with a message when the deadline passes. */
final class Deadline {
    private Deadline() {}

    static void await(Duration limit, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out after " + limit.toSeconds() + " s waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }
}

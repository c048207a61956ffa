package com.acmebank.triggers.generator;

/**
 * Money as long cents: amounts are drawn as doubles but stored and printed as exact cents, so the output never
 * shows float artefacts like 0.30000000000000004.
 */
final class Cents {
    private Cents() {}

    static long of(double yuan) {
        return Math.round(yuan * 100.0);
    }

    static long yuan(long wholeYuan) {
        return wholeYuan * 100;
    }

    /** Rounded down to a multiple of {@code unitYuan} (people transfer round sums), at least one unit. */
    static long roundDown(long cents, long unitYuan) {
        long unit = unitYuan * 100;
        return Math.max(unit, cents / unit * unit);
    }

    static long clamp(long cents, long minCents, long maxCents) {
        return Math.max(minCents, Math.min(maxCents, cents));
    }

    /** Appends 1234.50 for 123450, -0.05 for -5. */
    static void append(StringBuilder sb, long cents) {
        if (cents < 0) {
            sb.append('-');
            cents = -cents;
        }
        sb.append(cents / 100).append('.');
        int fraction = (int) (cents % 100);
        if (fraction < 10) {
            sb.append('0');
        }
        sb.append(fraction);
    }
}

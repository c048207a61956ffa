package com.acmebank.triggers.generator;

import java.util.SplittableRandom;

/**
 * Deterministic random streams and the distributions the traffic model draws from. Every (seed, purpose,
 * customer, day) has its own stream, so one customer's traffic never depends on what another customer drew and
 * the output is reproducible whatever is generated around it.
 */
final class Rng {
    /** Stream purposes: one constant per independent family of draws. */
    static final long PERSONA = 1;
    static final long CUSTOMER_DAY = 2;
    static final long TRIPS = 3;
    static final long MARKET_DAY = 4;
    static final long MARKET_PLANTS = 5;
    static final long DISORDER = 6;
    static final long EMISSION = 7;
    static final long PLANS = 8;

    private Rng() {}

    static SplittableRandom of(long seed, long... parts) {
        long h = mix(seed + 0x9E3779B97F4A7C15L);
        for (long part : parts) {
            h = mix(h ^ mix(part + 0x632BE59BD9B4E019L));
        }
        return new SplittableRandom(h);
    }

    /** SplitMix64 finaliser: a strong 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static boolean chance(SplittableRandom r, double p) {
        return r.nextDouble() < p;
    }

    /** Standard normal (Box-Muller, one value per call so the number of draws is fixed). */
    static double normal(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static double lognormal(SplittableRandom r, double median, double sigma) {
        return median * Math.exp(sigma * normal(r));
    }

    /** Poisson by inversion; fine for the small means of daily event counts. */
    static int poisson(SplittableRandom r, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double p = Math.exp(-mean);
        double cumulative = p;
        double u = r.nextDouble();
        int k = 0;
        while (u > cumulative && k < 1000) {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }

    static int between(SplittableRandom r, int lowInclusive, int highInclusive) {
        return lowInclusive + r.nextInt(highInclusive - lowInclusive + 1);
    }

    static double uniform(SplittableRandom r, double low, double high) {
        return low + (high - low) * r.nextDouble();
    }

    /** Index drawn with the given (not necessarily normalised) weights. */
    static int weighted(SplittableRandom r, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = r.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** A fixed discrete distribution, drawn by binary search over its cumulative weights. */
    static final class Table {
        private final double[] cumulative;

        Table(double[] weights) {
            cumulative = new double[weights.length];
            double total = 0;
            for (int i = 0; i < weights.length; i++) {
                total += weights[i];
                cumulative[i] = total;
            }
        }

        int draw(SplittableRandom r) {
            double u = r.nextDouble() * cumulative[cumulative.length - 1];
            int i = java.util.Arrays.binarySearch(cumulative, u);
            i = i >= 0 ? i + 1 : -i - 1;
            return Math.min(i, cumulative.length - 1);
        }
    }

    static <T> T pick(SplittableRandom r, T[] items) {
        return items[r.nextInt(items.length)];
    }
}

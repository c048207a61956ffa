package com.acmebank.triggers.report;

/**
 * Confidence intervals for conversion rates and their difference, at 95%: Wilson score intervals for each rate,
 * Newcombe's hybrid score interval (his method 10) for the difference of two independent rates (the absolute
 * uplift), and the Katz log interval for their ratio (the relative uplift is the ratio minus one). These behave
 * well with small counts and rates near 0, unlike the normal (Wald) approximation.
 */
public final class Proportions {
    /** The 97.5% quantile of the standard normal distribution. */
    static final double Z = 1.959963984540054;

    private Proportions() {}

    public record Interval(double low, double high) {}

    /** Wilson score interval of {@code x} successes in {@code n} trials. */
    public static Interval wilson(long x, long n) {
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        double p = (double) x / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** Newcombe's hybrid score interval for p1 - p2 (treated minus control). */
    public static Interval difference(long x1, long n1, long x2, long n2) {
        if (n1 == 0 || n2 == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        Interval w1 = wilson(x1, n1);
        Interval w2 = wilson(x2, n2);
        double d = p1 - p2;
        double low = d - Math.sqrt(Math.pow(p1 - w1.low(), 2) + Math.pow(w2.high() - p2, 2));
        double high = d + Math.sqrt(Math.pow(w1.high() - p1, 2) + Math.pow(p2 - w2.low(), 2));
        return new Interval(low, high);
    }

    /** Katz log interval for p1 / p2; undefined (NaN) when either group has no conversion. */
    public static Interval ratio(long x1, long n1, long x2, long n2) {
        if (x1 == 0 || x2 == 0 || n1 == 0 || n2 == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        double rr = ((double) x1 / n1) / ((double) x2 / n2);
        double se = Math.sqrt(1.0 / x1 - 1.0 / n1 + 1.0 / x2 - 1.0 / n2);
        return new Interval(rr * Math.exp(-Z * se), rr * Math.exp(Z * se));
    }
}

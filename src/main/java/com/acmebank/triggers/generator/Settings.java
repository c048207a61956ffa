package com.acmebank.triggers.generator;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the traffic generator produces: population, simulated period and seed, plus how much deliberately broken
 * input to mix in. Everything the generator writes is a function of these values alone.
 *
 * @param customers      population size; customer ids run C0000001 upwards
 * @param start          first simulated day (each customer's local date)
 * @param days           number of simulated days; zero or less means endless (day after day)
 * @param seed           random seed
 * @param malformedRate  per event, the chance of an extra malformed line next to it (0..1)
 * @param duplicateRate  per event, the chance that it is re-emitted unchanged a little later, as an upstream retry (0..1)
 * @param disorderMillis how much earlier than its neighbours an event may appear in the output (0: strictly ordered)
 * @param skew           how unequal customers' card activity is: the sigma of a lognormal factor of mean 1 on each
 *                       customer's payment rate ({@link #MILD_SKEW} by default; {@link #HEAVY_SKEW}: most customers quiet,
 *                       a few very active)
 */
public record Settings(int customers, LocalDate start, int days, long seed, double malformedRate, double duplicateRate,
                       long disorderMillis, double skew) implements java.io.Serializable {

    /** Customer ids have seven digits. */
    public static final int MAX_CUSTOMERS = 9_999_999;

    /** The default spread: the busiest 1% of customers pay about 3x as often as the median one. */
    public static final double MILD_SKEW = 0.5;

    /** Most customers quiet (the median pays a third as often as the mean), the busiest 1% about 33x the median. */
    public static final double HEAVY_SKEW = 1.5;

    /** The largest spread accepted: beyond it the cap on one customer's activity takes more than 5 % off the mean. */
    public static final double MAX_SKEW = 2;

    /** Settings with the default, mild skew. */
    public Settings(int customers, LocalDate start, int days, long seed, double malformedRate, double duplicateRate,
                    long disorderMillis) {
        this(customers, start, days, seed, malformedRate, duplicateRate, disorderMillis, MILD_SKEW);
    }

    public Settings {
        Objects.requireNonNull(start, "start");
        if (customers < 1 || customers > MAX_CUSTOMERS) {
            throw new IllegalArgumentException("customers must be between 1 and " + MAX_CUSTOMERS + ", got " + customers);
        }
        if (!(malformedRate >= 0 && malformedRate <= 1)) {
            throw new IllegalArgumentException("malformedRate must be between 0 and 1, got " + malformedRate);
        }
        if (!(duplicateRate >= 0 && duplicateRate <= 1)) {
            throw new IllegalArgumentException("duplicateRate must be between 0 and 1, got " + duplicateRate);
        }
        if (disorderMillis < 0) {
            throw new IllegalArgumentException("disorderMillis must not be negative, got " + disorderMillis);
        }
        if (!(skew >= 0 && skew <= MAX_SKEW)) {
            throw new IllegalArgumentException("skew must be between 0 and " + (int) MAX_SKEW + ", got " + skew);
        }
    }

    /** Clean, ordered traffic: no malformed lines, no duplicates, no disorder. */
    public static Settings of(int customers, LocalDate start, int days, long seed) {
        return new Settings(customers, start, days, seed, 0, 0, 0);
    }

    public boolean endless() {
        return days <= 0;
    }

    /** The days over which one-off stories (account openings, churn, dormant returns) are spread: 30 when endless. */
    int planningDays() {
        return endless() ? 30 : days;
    }
}

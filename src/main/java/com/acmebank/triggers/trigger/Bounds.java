package com.acmebank.triggers.trigger;

import com.acmebank.triggers.event.Money;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The thresholds of an aggregate ({count: {gte: 3}, sum: {gte: 20000}}): all must hold. Sums, averages and
 * extremes are compared in exact money units (an average exactly: sum against limit times count, never a
 * rounded quotient), counts and distinct counts as whole numbers.
 */
public final class Bounds {
    public enum Measure { COUNT, SUM, MAX, MIN, AVG, DISTINCT_COUNT, RATIO }

    /** What an aggregate measured at one moment; {@code marked}: how many of the counted events matched ratioOf. */
    public record Totals(long count, long sum, long max, long min, long distinct, long marked) {
        public Totals(long count, long sum, long max, long min, long distinct) {
            this(count, sum, max, min, distinct, 0);
        }
    }

    public record Bound(Measure measure, String op, long limit) {
        boolean test(Totals t) {
            if (t.count() == 0 && (measure == Measure.MAX || measure == Measure.MIN || measure == Measure.AVG || measure == Measure.RATIO)) {
                return false;
            }
            int c = switch (measure) {
                case COUNT -> Long.compare(t.count(), limit);
                case SUM -> Long.compare(t.sum(), limit);
                case MAX -> Long.compare(t.max(), limit);
                case MIN -> Long.compare(t.min(), limit);
                case DISTINCT_COUNT -> Long.compare(t.distinct(), limit);
                case AVG -> BigInteger.valueOf(t.sum()).compareTo(BigInteger.valueOf(limit).multiply(BigInteger.valueOf(t.count())));
                // a share from 0 to 1 in money units (0.8 is 8000): marked / count against it, exactly
                case RATIO -> BigInteger.valueOf(t.marked()).multiply(BigInteger.valueOf(Money.toUnits(java.math.BigDecimal.ONE)))
                        .compareTo(BigInteger.valueOf(limit).multiply(BigInteger.valueOf(t.count())));
            };
            return switch (op) {
                case "gt" -> c > 0;
                case "gte" -> c >= 0;
                case "lt" -> c < 0;
                case "lte" -> c <= 0;
                default -> c == 0;
            };
        }
    }

    private final List<Bound> bounds;
    /** Which measures the bounds use, by ordinal: asked on every event, so worked out once. */
    private final boolean[] used = new boolean[Measure.values().length];

    public Bounds(List<Bound> bounds) {
        this.bounds = List.copyOf(bounds);
        for (Bound b : bounds) {
            used[b.measure().ordinal()] = true;
        }
    }

    public boolean test(long count, long sum, long max, long min) {
        return test(new Totals(count, sum, max, min, 0));
    }

    public boolean test(Totals totals) {
        for (Bound b : bounds) {
            if (!b.test(totals)) {
                return false;
            }
        }
        return true;
    }

    public boolean tracksExtremes() {
        return uses(Measure.MAX) || uses(Measure.MIN);
    }

    public boolean uses(Measure measure) {
        return used[measure.ordinal()];
    }

    /** The measured values, as the audit record and templates show them. */
    public static void describe(Map<String, Object> into, long count, long sum, long max, long min, boolean extremes) {
        into.put("count", count);
        into.put("sum", Money.fromUnits(sum));
        if (extremes && count > 0) {
            into.put("max", Money.fromUnits(max));
            into.put("min", Money.fromUnits(min));
        }
    }

    /** Also the average and the distinct count, when the bounds use them. */
    public void describe(Map<String, Object> into, Totals t) {
        describe(into, t.count(), t.sum(), t.max(), t.min(), tracksExtremes());
        if (uses(Measure.AVG) && t.count() > 0) {
            into.put("avg", Money.fromUnits(t.sum() / t.count()));
        }
        if (uses(Measure.DISTINCT_COUNT)) {
            into.put("distinctCount", t.distinct());
        }
        if (uses(Measure.RATIO) && t.count() > 0) {
            into.put("ratio", java.math.BigDecimal.valueOf(t.marked()).divide(java.math.BigDecimal.valueOf(t.count()), 4,
                    java.math.RoundingMode.HALF_EVEN));
        }
    }

    public List<Bound> all() {
        return new ArrayList<>(bounds);
    }
}

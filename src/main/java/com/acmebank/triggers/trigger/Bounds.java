package com.acmebank.triggers.trigger;

import com.acmebank.triggers.event.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The thresholds of an aggregate ({count: {gte: 3}, sum: {gte: 20000}}): all must hold. Sums and extremes
 * are compared in exact money units, counts as whole numbers.
 */
public final class Bounds {
    public enum Measure { COUNT, SUM, MAX, MIN }

    public record Bound(Measure measure, String op, long limit) {
        boolean test(long count, long sum, long max, long min) {
            long value = switch (measure) {
                case COUNT -> count;
                case SUM -> sum;
                case MAX -> max;
                case MIN -> min;
            };
            if (count == 0 && (measure == Measure.MAX || measure == Measure.MIN)) {
                return false;
            }
            return switch (op) {
                case "gt" -> value > limit;
                case "gte" -> value >= limit;
                case "lt" -> value < limit;
                case "lte" -> value <= limit;
                default -> value == limit;
            };
        }
    }

    private final List<Bound> bounds;

    public Bounds(List<Bound> bounds) {
        this.bounds = List.copyOf(bounds);
    }

    public boolean test(long count, long sum, long max, long min) {
        for (Bound b : bounds) {
            if (!b.test(count, sum, max, min)) {
                return false;
            }
        }
        return true;
    }

    public boolean tracksExtremes() {
        return bounds.stream().anyMatch(b -> b.measure() == Measure.MAX || b.measure() == Measure.MIN);
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

    public List<Bound> all() {
        return new ArrayList<>(bounds);
    }
}

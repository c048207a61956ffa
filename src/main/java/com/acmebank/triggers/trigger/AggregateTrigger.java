package com.acmebank.triggers.trigger;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.window.CalendarPeriod;
import com.acmebank.triggers.window.SlidingWindow;
import com.acmebank.triggers.condition.Field;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Count, sum, max and min of matching events over a sliding window (the last N days, inclusive) or the
 * current calendar period in the customer's zone. Fires on the event that makes the bounds hold when they
 * did not hold just before it ("reaches 5,000 this month"); or, {@code whileHolding}, on every matching event
 * after which they hold ("5 payments within 7 days"), leaving the repeat limit to space the contacts.
 */
public final class AggregateTrigger extends MatchingTrigger implements Counting {
    private final ValueReader value;
    private final long slidingMillis;
    private final CalendarPeriod period;
    private final Bounds bounds;
    private final Field distinct;
    private final com.acmebank.triggers.condition.Condition ratioOf;
    private final boolean whileHolding;

    /**
     * {@code distinct}: the field whose different values are counted (distinctCount), or null; {@code ratioOf}: the events
     * the ratio measure counts, among all the aggregate counts, or null; {@code whileHolding}: fires on every matching
     * event after which the bounds hold, not only when they start to.
     */
    public AggregateTrigger(EventMatcher matcher, ValueReader value, long slidingMillis, CalendarPeriod period, Bounds bounds,
            Field distinct, com.acmebank.triggers.condition.Condition ratioOf, boolean whileHolding) {
        super(matcher);
        this.whileHolding = whileHolding;
        this.ratioOf = ratioOf;
        this.value = value;
        this.slidingMillis = slidingMillis;
        this.period = period;
        this.bounds = bounds;
        this.distinct = distinct;
    }

    @Override
    public Firing onEvent(Event event, TriggerState state, TriggerContext context) {
        Long units = value.units(context.facts());
        long v = units == null ? 0 : units;
        state.touch(event.eventTime);
        boolean extremes = bounds.tracksExtremes();
        boolean marked = ratioOf != null && ratioOf.test(context.facts());
        if (period != null) {
            long key = period.key(event.eventTime, context.zone());
            if (key != state.periodKey) {
                state.periodKey = key;
                state.periodCount = 0;
                state.periodValue = 0;
                state.periodMax = Long.MIN_VALUE;
                state.periodMin = Long.MAX_VALUE;
                state.distinct = null;
                state.periodMarked = 0;
            }
            boolean before = !whileHolding && bounds.test(new Bounds.Totals(state.periodCount, state.periodValue, state.periodMax,
                    state.periodMin, distinctCount(state), state.periodMarked));
            state.periodCount++;
            state.periodMarked += marked ? 1 : 0;
            state.periodValue += v;
            state.periodMax = Math.max(state.periodMax, v);
            state.periodMin = Math.min(state.periodMin, v);
            addDistinct(state, event.eventTime, context);
            Bounds.Totals after = new Bounds.Totals(state.periodCount, state.periodValue, state.periodMax, state.periodMin,
                    distinctCount(state), state.periodMarked);
            if (before || !bounds.test(after)) {
                return null;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("period", period.name().toLowerCase() + " " + period.label(event.eventTime, context.zone()));
            bounds.describe(details, after);
            return Firing.onEvent(event, details);
        }
        SlidingWindow w = state.window == null ? (state.window = new SlidingWindow()) : state.window;
        w.evictBefore(event.eventTime - slidingMillis);
        evictDistinct(state, event.eventTime - slidingMillis);
        boolean before = !whileHolding && bounds.test(totals(w, state, extremes));
        w.add(event.eventTime, v, marked, context.windowCapacity());
        addDistinct(state, event.eventTime, context);
        Bounds.Totals after = totals(w, state, extremes);
        if (before || !bounds.test(after)) {
            return null;
        }
        // what the engine knew, built only for a firing
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("window", com.acmebank.triggers.spec.Durations.format(slidingMillis));
        bounds.describe(details, after);
        return Firing.onEvent(event, details);
    }

    /** Whether the bounds hold over the window or period as it is at {@code now} (no state: nothing counted). */
    public boolean holds(TriggerState state, long now, TriggerContext context) {
        return bounds.test(current(state, now, context));
    }

    /** The measured values as they are at {@code now}, for the audit record. */
    public void describe(Map<String, Object> into, TriggerState state, long now, TriggerContext context) {
        if (period != null) {
            into.put("period", period.name().toLowerCase() + " " + period.label(now, context.zone()));
        } else {
            into.put("window", com.acmebank.triggers.spec.Durations.format(slidingMillis));
        }
        bounds.describe(into, current(state, now, context));
    }

    private Bounds.Totals current(TriggerState state, long now, TriggerContext context) {
        if (period != null) {
            if (state == null || state.periodKey != period.key(now, context.zone())) {
                return new Bounds.Totals(0, 0, 0, 0, 0);
            }
            return new Bounds.Totals(state.periodCount, state.periodValue, state.periodMax, state.periodMin, distinctCount(state),
                    state.periodMarked);
        }
        if (state == null || state.window == null) {
            return new Bounds.Totals(0, 0, 0, 0, 0);
        }
        state.window.evictBefore(now - slidingMillis);
        evictDistinct(state, now - slidingMillis);
        return totals(state.window, state, bounds.tracksExtremes());
    }

    private static Bounds.Totals totals(SlidingWindow w, TriggerState state, boolean extremes) {
        return new Bounds.Totals(w.totalCount, w.totalValue, extremes ? w.max() : 0, extremes ? w.min() : 0, distinctCount(state),
                w.totalMarked);
    }

    private static long distinctCount(TriggerState state) {
        return state.distinct == null ? 0 : state.distinct.size();
    }

    /**
     * Remembers the event's value of the distinct field with its time; at most the window capacity of values
     * (beyond, the one seen longest ago is forgotten, erring toward not firing).
     */
    private void addDistinct(TriggerState state, long time, TriggerContext context) {
        if (distinct == null) {
            return;
        }
        Object v = distinct.read(context.facts());
        if (v == null) {
            return;
        }
        if (state.distinct == null) {
            state.distinct = new HashMap<>();
        }
        state.distinct.put(v.toString(), time);
        if (state.distinct.size() > context.windowCapacity()) {
            String oldest = null;
            long oldestTime = Long.MAX_VALUE;
            for (Map.Entry<String, Long> e : state.distinct.entrySet()) {
                if (e.getValue() < oldestTime || (e.getValue() == oldestTime && e.getKey().compareTo(oldest) < 0)) {
                    oldest = e.getKey();
                    oldestTime = e.getValue();
                }
            }
            state.distinct.remove(oldest);
        }
    }

    private static void evictDistinct(TriggerState state, long cutoff) {
        if (state.distinct != null) {
            state.distinct.values().removeIf(t -> t < cutoff);
            if (state.distinct.isEmpty()) {
                state.distinct = null;
            }
        }
    }

    @Override
    public long unitsOf(TriggerContext context) {
        Long units = value.units(context.facts());
        return units == null ? 0 : units;
    }

    /** An upper bound, without calendar arithmetic per event: a month counts as 31 days, a year as 366. */
    @Override
    public long countsUntil(long eventTime, java.time.ZoneId zone) {
        if (period == null) {
            return eventTime + slidingMillis;
        }
        return eventTime + switch (period) {
            case DAY -> 86_400_000L;
            case WEEK -> 7 * 86_400_000L;
            case MONTH -> 31 * 86_400_000L;
            case YEAR -> 366 * 86_400_000L;
        };
    }

    @Override
    public boolean takeOut(TriggerState state, long eventTime, long units, boolean whole, java.time.ZoneId zone) {
        if (period != null) {
            if (state.periodKey != period.key(eventTime, zone)) {
                return false;
            }
            // max and min of the period are not recomputed (the period keeps no single events)
            state.periodValue -= units;
            if (whole) {
                state.periodCount--;
            }
            return true;
        }
        return state.window != null && state.window.takeOut(eventTime, units, whole);
    }

    @Override
    public boolean retain(TriggerState state, long now, TriggerContext context) {
        if (period != null) {
            return state.periodKey == period.key(now, context.zone());
        }
        if (state.window == null) {
            return false;
        }
        state.window.evictBefore(now - slidingMillis);
        evictDistinct(state, now - slidingMillis);
        return !state.window.isEmpty();
    }

    @Override
    public StateCost stateCost(int windowCapacity) {
        String distinctPart = distinct == null ? "" : " and up to " + windowCapacity + " distinct " + distinct.name() + " values";
        if (period != null) {
            long horizon = switch (period) {
                case DAY -> 86_400_000L;
                case WEEK -> 7 * 86_400_000L;
                case MONTH -> 31 * 86_400_000L;
                case YEAR -> 366 * 86_400_000L;
            };
            return new StateCost("five numbers for the current " + period.name().toLowerCase() + distinctPart, horizon);
        }
        return new StateCost("a window of up to " + windowCapacity + " entries" + distinctPart, slidingMillis);
    }

    @Override
    public boolean firesOnEvent() {
        return true;
    }

    @Override
    public Set<String> detailKeys() {
        Set<String> keys = new java.util.HashSet<>(Set.of("count", "sum", period != null ? "period" : "window"));
        if (bounds.tracksExtremes()) {
            keys.addAll(Set.of("max", "min"));
        }
        if (bounds.uses(Bounds.Measure.AVG)) {
            keys.add("avg");
        }
        if (bounds.uses(Bounds.Measure.DISTINCT_COUNT)) {
            keys.add("distinctCount");
        }
        if (bounds.uses(Bounds.Measure.RATIO)) {
            keys.add("ratio");
        }
        return Set.copyOf(keys);
    }
}

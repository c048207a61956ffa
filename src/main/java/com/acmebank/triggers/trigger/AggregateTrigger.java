package com.acmebank.triggers.trigger;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.window.CalendarPeriod;
import com.acmebank.triggers.window.SlidingWindow;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Count, sum, max and min of matching events over a sliding window (the last N days, inclusive) or the
 * current calendar period in the customer's zone. Fires on the event that makes the bounds hold when they
 * did not hold just before it, so a customer who stays above a threshold is not contacted again and again.
 */
public final class AggregateTrigger implements Trigger, Counting {
    private final EventMatcher matcher;
    private final ValueReader value;
    private final long slidingMillis;
    private final CalendarPeriod period;
    private final Bounds bounds;

    public AggregateTrigger(EventMatcher matcher, ValueReader value, long slidingMillis, CalendarPeriod period, Bounds bounds) {
        this.matcher = matcher;
        this.value = value;
        this.slidingMillis = slidingMillis;
        this.period = period;
        this.bounds = bounds;
    }

    @Override
    public Set<String> eventTypes() {
        return matcher.types();
    }

    @Override
    public boolean concerns(Event event, TriggerContext context) {
        return matcher.matches(event, context.facts());
    }

    @Override
    public Firing onEvent(Event event, TriggerState state, TriggerContext context) {
        Long units = value.units(context.facts());
        long v = units == null ? 0 : units;
        state.touch(event.eventTime);
        boolean extremes = bounds.tracksExtremes();
        if (period != null) {
            long key = period.key(event.eventTime, context.zone());
            if (key != state.periodKey) {
                state.periodKey = key;
                state.periodCount = 0;
                state.periodValue = 0;
                state.periodMax = Long.MIN_VALUE;
                state.periodMin = Long.MAX_VALUE;
            }
            boolean before = bounds.test(state.periodCount, state.periodValue, state.periodMax, state.periodMin);
            state.periodCount++;
            state.periodValue += v;
            state.periodMax = Math.max(state.periodMax, v);
            state.periodMin = Math.min(state.periodMin, v);
            if (before || !bounds.test(state.periodCount, state.periodValue, state.periodMax, state.periodMin)) {
                return null;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("period", period.name().toLowerCase() + " " + period.label(event.eventTime, context.zone()));
            Bounds.describe(details, state.periodCount, state.periodValue, state.periodMax, state.periodMin, extremes);
            return Firing.onEvent(event, details);
        }
        SlidingWindow w = state.window == null ? (state.window = new SlidingWindow()) : state.window;
        w.evictBefore(event.eventTime - slidingMillis);
        boolean before = bounds.test(w.totalCount, w.totalValue, extremes ? w.max() : 0, extremes ? w.min() : 0);
        w.add(event.eventTime, v, context.windowCapacity());
        if (before || !bounds.test(w.totalCount, w.totalValue, extremes ? w.max() : 0, extremes ? w.min() : 0)) {
            return null;
        }
        // what the engine knew, built only for a firing
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("window", com.acmebank.triggers.spec.Durations.format(slidingMillis));
        Bounds.describe(details, w.totalCount, w.totalValue, extremes ? w.max() : 0, extremes ? w.min() : 0, extremes);
        return Firing.onEvent(event, details);
    }

    @Override
    public long unitsOf(TriggerContext context) {
        Long units = value.units(context.facts());
        return units == null ? 0 : units;
    }

    @Override
    public long countsUntil(long eventTime, java.time.ZoneId zone) {
        return period != null ? period.nextStart(eventTime, zone) : eventTime + slidingMillis;
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
        return !state.window.isEmpty();
    }

    @Override
    public boolean firesOnEvent() {
        return true;
    }

    @Override
    public Set<String> guaranteedFields() {
        return matcher.guaranteedFields();
    }

    @Override
    public Set<String> detailKeys() {
        return bounds.tracksExtremes() ? Set.of("count", "sum", "max", "min", period != null ? "period" : "window") : Set.of("count", "sum", period != null ? "period" : "window");
    }
}

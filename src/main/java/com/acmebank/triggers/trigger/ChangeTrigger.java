package com.acmebank.triggers.trigger;

import com.acmebank.triggers.event.Money;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.window.SlidingWindow;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A value compared with the customer's own reference: the previous value of the same field on a matching
 * event ("this salary at least 30% below the previous one"), or the average of the matching events in the
 * window before it ("a payment 5 times the customer's 90-day average"). Fires on every event for which the
 * change holds, in percent of the reference or as a difference, compared exactly. No reference yet (the first
 * event, an empty window) or a reference of zero for a percentage: no firing.
 */
public final class ChangeTrigger extends MatchingTrigger {
    /** How long the previous value is remembered without a new one. */
    static final long MEMORY = 400L * 86_400_000L;

    private final ValueReader value;
    /** 0: against the previous value; otherwise the window of the average. */
    private final long averageWindow;
    private final boolean percent;
    private final String op;
    /** Percent (exact decimal) or a difference in money units. */
    private final BigDecimal limit;

    public ChangeTrigger(EventMatcher matcher, ValueReader value, long averageWindow, boolean percent, String op, BigDecimal limit) {
        super(matcher);
        this.value = value;
        this.averageWindow = averageWindow;
        this.percent = percent;
        this.op = op;
        this.limit = limit;
    }

    @Override
    public Firing onEvent(Event event, TriggerState state, TriggerContext context) {
        Long units = value.units(context.facts());
        if (units == null) {
            return null;
        }
        long v = units;
        state.touch(event.eventTime);
        // the reference as a fraction sum / count: the previous value is sum v, count 1
        long refSum;
        long refCount;
        if (averageWindow > 0) {
            SlidingWindow w = state.window == null ? (state.window = new SlidingWindow()) : state.window;
            w.evictBefore(event.eventTime - averageWindow);
            refSum = w.totalValue;
            refCount = w.totalCount;
            w.add(event.eventTime, v, context.windowCapacity());
        } else {
            boolean known = state.mode == TriggerState.ARMED;
            refSum = state.periodValue;
            refCount = known ? 1 : 0;
            state.periodValue = v;
            state.mode = TriggerState.ARMED;
        }
        if (refCount == 0 || (percent && refSum == 0)) {
            return null;
        }
        // change = v - refSum / refCount; compared as (v * refCount - refSum) against limit * refSum (percent: / 100)
        BigInteger diffScaled = BigInteger.valueOf(v).multiply(BigInteger.valueOf(refCount)).subtract(BigInteger.valueOf(refSum));
        BigDecimal lhs;
        BigDecimal rhs;
        if (percent) {
            lhs = new BigDecimal(diffScaled).multiply(BigDecimal.valueOf(100));
            rhs = limit.multiply(BigDecimal.valueOf(refSum));
            if (refSum < 0) {
                lhs = lhs.negate();
                rhs = rhs.negate();
            }
        } else {
            lhs = new BigDecimal(diffScaled);
            rhs = limit.multiply(BigDecimal.valueOf(refCount));
        }
        int c = lhs.compareTo(rhs);
        boolean holds = switch (op) {
            case "gt" -> c > 0;
            case "gte" -> c >= 0;
            case "lt" -> c < 0;
            case "lte" -> c <= 0;
            default -> c == 0;
        };
        if (!holds) {
            return null;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(value.name(), Money.fromUnits(v));
        BigDecimal reference = BigDecimal.valueOf(refSum).divide(BigDecimal.valueOf(refCount), 0, RoundingMode.HALF_EVEN);
        details.put(averageWindow > 0 ? "average" : "previous", Money.fromUnits(reference.longValue()));
        if (refSum != 0) {
            details.put("changePercent", new BigDecimal(diffScaled).multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(Math.abs(refSum)), 2, RoundingMode.HALF_EVEN));
        }
        return Firing.onEvent(event, details);
    }

    @Override
    public boolean retain(TriggerState state, long now, TriggerContext context) {
        if (averageWindow > 0) {
            if (state.window == null) {
                return false;
            }
            state.window.evictBefore(now - averageWindow);
            return !state.window.isEmpty();
        }
        return state.lastSeen != TriggerState.NONE && now - state.lastSeen <= MEMORY;
    }

    @Override
    public StateCost stateCost(int windowCapacity) {
        return averageWindow > 0 ? new StateCost("a window of up to " + windowCapacity + " entries", averageWindow)
                : new StateCost("the previous value", MEMORY);
    }

    @Override
    public boolean firesOnEvent() {
        return true;
    }

    @Override
    public Set<String> detailKeys() {
        return Set.of(value.name(), averageWindow > 0 ? "average" : "previous", "changePercent");
    }
}

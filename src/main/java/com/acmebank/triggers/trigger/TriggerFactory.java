package com.acmebank.triggers.trigger;

import com.acmebank.triggers.condition.Condition;
import com.acmebank.triggers.condition.Field;
import com.acmebank.triggers.window.CalendarPeriod;
import java.math.BigDecimal;
import java.util.Set;

/** Builds triggers from compiled parts; the rule compiler's only way in. */
public final class TriggerFactory {
    private TriggerFactory() {}

    /**
     * {@code distinct}: the field whose different values distinctCount counts, or null; {@code ratioOf}: the events the
     * ratio counts, or null; {@code whileHolding}: fires on every matching event after which the bounds hold, not only
     * when they start to.
     */
    public static Trigger aggregate(EventMatcher of, Field field, long slidingMillis, CalendarPeriod period, Bounds bounds, Field distinct,
            Condition ratioOf, boolean whileHolding) {
        return new AggregateTrigger(of, new ValueReader(field), slidingMillis, period, bounds, distinct, ratioOf, whileHolding);
    }

    public static Trigger crossing(EventMatcher of, Field field, long aboveUnits, long rearmBelowUnits) {
        return new CrossingTrigger(of, new ValueReader(field), aboveUnits, rearmBelowUnits);
    }

    /** {@code averageWindow} 0: against the previous value; {@code limit} in percent, or in money units for a difference. */
    public static Trigger change(EventMatcher of, Field field, long averageWindow, boolean percent, String op, BigDecimal limit) {
        return new ChangeTrigger(of, new ValueReader(field), averageWindow, percent, op, limit);
    }

    public static Trigger drop(EventMatcher of, Field field, long windowMillis, BigDecimal percentOfPeak, boolean whileHolding) {
        return new DropTrigger(of, new ValueReader(field), windowMillis, percentOfPeak, whileHolding);
    }

    /** The matcher for copies a fan-out delivered to a holder: same events, but only delivered copies. */
    public static EventMatcher deliveredCopies(EventMatcher matcher, Set<String> guaranteed) {
        Condition where = matcher.where();
        return new EventMatcher(matcher.types(), facts -> facts.event().fannedOut && where.test(facts), guaranteed);
    }
}

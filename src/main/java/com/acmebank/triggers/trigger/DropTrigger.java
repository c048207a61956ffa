package com.acmebank.triggers.trigger;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.Money;
import com.acmebank.triggers.window.SlidingWindow;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A value at or below a percentage of its highest value in the preceding window (a balance falling to half
 * its 30-day peak). Fires when the condition starts to hold, not again while it keeps holding; or,
 * {@code whileHolding}, on every value for which it holds, leaving the repeat limit to space the contacts.
 */
public final class DropTrigger extends MatchingTrigger {
    private final ValueReader value;
    private final long windowMillis;
    private final BigDecimal percentOfPeak;
    private final boolean whileHolding;

    public DropTrigger(EventMatcher matcher, ValueReader value, long windowMillis, BigDecimal percentOfPeak, boolean whileHolding) {
        super(matcher);
        this.whileHolding = whileHolding;
        this.value = value;
        this.windowMillis = windowMillis;
        this.percentOfPeak = percentOfPeak;
    }

    @Override
    public Firing onEvent(Event event, TriggerState state, TriggerContext context) {
        Long v = value.units(context.facts());
        if (v == null) {
            return null;
        }
        state.touch(event.eventTime);
        SlidingWindow w = state.window == null ? (state.window = new SlidingWindow()) : state.window;
        w.evictBefore(event.eventTime - windowMillis);
        boolean holds = false;
        long peak = 0;
        if (!w.isEmpty()) {
            peak = w.max();
            // v <= peak * pct / 100, in exact decimals
            holds = peak > 0 && BigDecimal.valueOf(v).multiply(BigDecimal.valueOf(100))
                    .compareTo(BigDecimal.valueOf(peak).multiply(percentOfPeak)) <= 0;
        }
        boolean wasHolding = state.mode == TriggerState.HELD;
        state.mode = holds ? TriggerState.HELD : TriggerState.UNKNOWN;
        w.add(event.eventTime, v, context.windowCapacity());
        if (holds && (!wasHolding || whileHolding)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put(value.name(), Money.fromUnits(v));
            details.put("peak", Money.fromUnits(peak));
            details.put("percentOfPeak", percentOfPeak);
            return Firing.onEvent(event, details);
        }
        return null;
    }

    @Override
    public boolean retain(TriggerState state, long now, TriggerContext context) {
        if (state.window == null) {
            return false;
        }
        state.window.evictBefore(now - windowMillis);
        return !state.window.isEmpty();
    }

    @Override
    public StateCost stateCost(int windowCapacity) {
        return new StateCost("a window of up to " + windowCapacity + " entries and the peak's side", windowMillis);
    }

    @Override
    public boolean firesOnEvent() {
        return true;
    }

    @Override
    public Set<String> detailKeys() {
        return Set.of(value.name(), "peak", "percentOfPeak");
    }
}

package com.acmebank.triggers.rule;

import com.acmebank.triggers.condition.Condition;
import com.acmebank.triggers.trigger.Trigger;
import java.util.List;
import java.util.Set;

/**
 * A rule ready to evaluate: validated and compiled once when it is loaded, then shared by every event.
 * A rule fires when any of its alternatives fires; each alternative keeps its own per-customer state.
 */
public record CompiledRule(
        String id,
        int version,
        String name,
        int priority,
        boolean enabled,
        List<Alternative> alternatives,
        Condition audience,
        RepeatLimit repeat,
        List<Output> outputs,
        FanOut fanOut,
        Set<String> referencedLists,
        String file,
        Campaign campaign,
        boolean readsHoldings,
        Conversion conversion) {

    /**
     * What counts as this rule's conversion: a later event of the customer matching {@code of}, within
     * {@code windowMillis} after the offer's sendAt (or the holdout decision). Null: the rule has none.
     */
    public record Conversion(com.acmebank.triggers.trigger.EventMatcher of, long windowMillis) {
        public static final long DEFAULT_WINDOW = 7L * 86_400_000L;
    }

    /**
     * When the rule may reach customers, in event time: from {@code from} (inclusive) until {@code until}
     * (exclusive). Outside it the rule's state still builds from events, but a firing is dropped without a decision.
     */
    public record Campaign(long from, long until) {
        public static final Campaign ALWAYS = new Campaign(Long.MIN_VALUE, Long.MAX_VALUE);

        public boolean activeAt(long time) {
            return time >= from && time < until;
        }
    }

    /** One way the rule can fire, with the key of its per-customer state. */
    public record Alternative(int index, Trigger trigger, String stateKey, String fingerprint, List<Alternative> parts) {
        public Alternative(int index, Trigger trigger, String stateKey, String fingerprint) {
            this(index, trigger, stateKey, fingerprint, List.of());
        }

        /** The same trigger with state of another life of its rule (added again after a delete): none of the old carries over. */
        Alternative reborn(int incarnation) {
            return new Alternative(index, trigger, stateKey, fingerprint + "@" + incarnation, parts.stream().map(p -> p.reborn(incarnation)).toList());
        }
    }

    /**
     * Delivery to customers an event does not name: the event goes to every customer currently holding the
     * product named by {@code field} (positive PRODUCT_PURCHASE minus PRODUCT_REDEMPTION).
     */
    public record FanOut(Set<String> types, String field, Condition eventFilter) {}
}

package com.acmebank.triggers.engine;

import com.acmebank.triggers.condition.Facts;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.output.Conversion;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.policy.Verdict;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.RuleBook;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Closing the loop: an offer sent, or a holdout decision, of a rule with a {@code conversion} is remembered for
 * its attribution window; a later event of the customer that matches the rule's conversion, after the offer's
 * sendAt (the holdout decision's decidedAt) and at most the window after it, converts it. When several remembered
 * offers could take one event, the last touch wins (the latest sendAt, then the offerId); each offer converts at
 * most once, and each event converts at most one offer. Holdout decisions convert the same way, so uplift can
 * be measured. Internal tasks (RM_TASK) are not touches. State: one entry per remembered offer, for its window.
 */
final class Attribution {
    private static final String INTERNAL = "RM_TASK";
    private final Supplier<RuleBook> rules;
    private final Facts facts;

    Attribution(Supplier<RuleBook> rules, Facts facts) {
        this.rules = rules;
        this.facts = facts;
    }

    /** A decision was made; SENT and HELD_OUT of a rule with a conversion are remembered from {@code from}. */
    void decided(Decision d, long from, Visit v) {
        if (!Verdict.SENT.equals(d.outcome) && !Verdict.HELD_OUT.equals(d.outcome) || INTERNAL.equals(d.channel)) {
            return;
        }
        CompiledRule rule = rules.get().rule(d.ruleId);
        if (rule == null || rule.conversion() == null) {
            return;
        }
        Attributable a = new Attributable();
        a.decisionId = d.decisionId;
        a.ruleId = d.ruleId;
        a.ruleVersion = d.ruleVersion;
        a.variant = d.variant;
        a.outcome = d.outcome;
        a.from = from;
        a.until = from + rule.conversion().windowMillis();
        v.state.attributable().put(d.offerId, a);
        TimelineClock c = v.clock;
        if (c.attributionKnown && (c.attributableUntil == TimelineClock.NONE || a.until > c.attributableUntil)) {
            c.attributableUntil = a.until;
            v.clockChanged = true;
        }
    }

    /** An event of the customer, before any rule sees it: the offer it converts, if any, by last touch. */
    void onEvent(Event e, Visit v) {
        RuleBook book = rules.get();
        if (!book.convertsOn(e.type)) {
            return;
        }
        TimelineClock clock = v.clock;
        if (clock.attributionKnown && (clock.attributableUntil == TimelineClock.NONE || e.eventTime > clock.attributableUntil)) {
            return; // every remembered window has ended
        }
        String best = null;
        Attributable bestA = null;
        long until = TimelineClock.NONE;
        for (Map.Entry<String, Attributable> entry : v.state.attributable().entries()) {
            Attributable a = entry.getValue();
            until = Math.max(until, a.until);
            if (e.eventTime <= a.from || e.eventTime > a.until) {
                continue;
            }
            CompiledRule rule = book.rule(a.ruleId);
            if (rule == null || rule.conversion() == null || !rule.conversion().of().matches(e, facts)) {
                continue;
            }
            if (bestA == null || a.from > bestA.from || (a.from == bestA.from && entry.getKey().compareTo(best) < 0)) {
                best = entry.getKey();
                bestA = a;
            }
        }
        if (!clock.attributionKnown || clock.attributableUntil != until) {
            // learnt on a full look (the one converted below may have been the latest: then it stays an upper bound)
            clock.attributionKnown = true;
            clock.attributableUntil = until;
            v.clockChanged = true;
        }
        if (bestA == null) {
            return;
        }
        v.state.attributable().remove(best);
        Conversion c = new Conversion();
        c.offerId = best;
        c.decisionId = bestA.decisionId;
        c.customerId = v.customerId;
        c.ruleId = bestA.ruleId;
        c.ruleVersion = bestA.ruleVersion;
        c.variant = bestA.variant;
        c.outcome = bestA.outcome;
        c.eventId = e.eventId;
        c.eventTime = e.eventTime;
        c.delayMillis = e.eventTime - bestA.from;
        c.conversionId = Ids.conversionId(best, e.eventId);
        v.out.conversion(c);
    }

    /** Forgets offers whose window has passed; true while some are remembered. */
    boolean forget(long time, Visit v) {
        boolean remaining = v.state.attributable().retainOnly(a -> a.until >= time);
        if (!remaining && (!v.clock.attributionKnown || v.clock.attributableUntil != TimelineClock.NONE)) {
            v.clock.attributionKnown = true;
            v.clock.attributableUntil = TimelineClock.NONE;
            v.clockChanged = true;
        }
        return remaining;
    }
}

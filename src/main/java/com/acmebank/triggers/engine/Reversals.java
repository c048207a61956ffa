package com.acmebank.triggers.engine;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.Money;
import com.acmebank.triggers.output.DeadLetter;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.output.RecordJson;
import com.acmebank.triggers.policy.Verdict;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.spec.Durations;
import com.acmebank.triggers.template.Payload;
import com.acmebank.triggers.trigger.Counting;
import com.acmebank.triggers.trigger.TriggerState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * PAYMENT_REVERSAL: a refund, chargeback or cancelled authorisation takes the original payment out of every
 * total it was counted in (its amount, or the part reversed), cancels an offer made on it that is still
 * deferred (SUPPRESSED, REVERSED), and leaves an offer already sent where it is, with a REVERSED record in the
 * audit trail. To do so the engine remembers, for each event with an amount that a rule counted or made an
 * offer on, what it added where ({@link Reversible}): for the dedup retention, or as long as a window or period
 * that counted it lasts, whichever is longer. A reversal of anything else is a dead letter with its reason.
 */
final class Reversals {
    private final long goLive;
    private final long retention;
    private final Supplier<RuleBook> rules;
    /** The event being evaluated and what it has done so far at this instant (stored once, at the end). */
    private Event current;
    private Reversible pending;
    private final List<String> countedKeys = new ArrayList<>(4);
    private long[] countedUnits = new long[4];

    Reversals(long goLive, long retention, Supplier<RuleBook> rules) {
        this.goLive = goLive;
        this.retention = retention;
        this.rules = rules;
    }

    /** Only an event with an amount can be reversed; a reversal itself cannot. */
    static boolean reversible(Event e) {
        return e.amount != null && !Event.PAYMENT_REVERSAL.equals(e.type);
    }

    void begin(Event e) {
        current = reversible(e) ? e : null;
        pending = null;
        countedKeys.clear();
    }

    /** The event at hand was counted into the totals of a rule state. */
    void counted(String stateKey, long units, long countsUntil) {
        if (current == null) {
            return;
        }
        Reversible r = pending();
        if (countedKeys.size() == countedUnits.length) {
            countedUnits = Arrays.copyOf(countedUnits, countedUnits.length * 2);
        }
        countedUnits[countedKeys.size()] = units;
        countedKeys.add(stateKey);
        r.keepUntil = Math.max(r.keepUntil, countsUntil);
    }

    /** An offer was sent ({@code sent}) or deferred on the event at hand. */
    void offered(Event firingEvent, Offer offer, boolean sent) {
        if (current == null || firingEvent != current) {
            return;
        }
        Reversible r = pending();
        if (sent) {
            r.sent = append(r.sent, offer);
        }
    }

    /** A deferred offer went out at its release. */
    void released(Offer offer, Visit v) {
        List<String> ids = offer.triggerEventIds;
        String id = ids == null || ids.isEmpty() ? null : ids.get(ids.size() - 1);
        Reversible r = id == null ? null : v.state.reversibles().get(id);
        if (r != null) {
            r.sent = append(r.sent, offer);
            v.state.reversibles().put(id, r);
        }
    }

    void end(Visit v) {
        if (pending != null) {
            // the arrays are made once per event, not grown per rule that counted it
            pending.stateKeys = countedKeys.toArray(new String[0]);
            pending.counted = Arrays.copyOf(countedUnits, countedKeys.size());
            v.state.reversibles().put(current.eventId, pending);
        }
        countedKeys.clear();
        current = null;
        pending = null;
    }

    /** A PAYMENT_REVERSAL at its instant, before any rule sees it. */
    void reverse(Event reversal, Visit v) {
        String id = reversal.originalEventId;
        Reversible r = v.state.reversibles().get(id);
        if (r == null && !v.state.seenEventIds().contains(id)) {
            deadLetter(reversal, "originalEventId: no payment '" + id + "' is known for this customer: unknown, or older than the engine"
                    + " remembers (" + Durations.format(retention) + ", or as long as a window or period that counted it)", v);
            return;
        }
        if (r != null && r.remaining() <= 0) {
            deadLetter(reversal, "originalEventId: payment '" + id + "' was already reversed in full", v);
            return;
        }
        // known without a record: it was counted nowhere and nothing was sent on it; only a deferred offer may wait
        boolean whole = true;
        long units = 0;
        if (r != null) {
            long remaining = r.remaining();
            units = reversal.amount == null ? remaining : Math.min(Money.toUnits(reversal.amount), remaining);
            whole = units >= remaining;
            takeOut(r, units, remaining, whole, v);
            r.reversed += units;
            v.state.reversibles().put(id, r);
        }
        if (reversal.eventTime < goLive) {
            return;
        }
        if (whole) {
            cancelDeferred(id, reversal, v);
        }
        if (r != null) {
            for (Reversible.SentOffer s : r.sent) {
                v.out.decision(reversedRecord(s, reversal, units, whole, v.customerId));
            }
        }
    }

    private void takeOut(Reversible r, long units, long remaining, boolean whole, Visit v) {
        RuleBook book = rules.get();
        for (int i = 0; i < r.stateKeys.length; i++) {
            // a partial reversal takes out its share of what the payment added (all of it for a sum of amounts)
            long take = whole ? r.counted[i] : BigInteger.valueOf(r.counted[i]).multiply(BigInteger.valueOf(units))
                    .divide(BigInteger.valueOf(remaining)).longValue();
            RuleBook.Binding b = book.binding(r.stateKeys[i]);
            if (b == null) {
                // a paused rule's sums are kept, so what the payment added comes out of them too
                b = book.pausedBinding(r.stateKeys[i]);
            }
            TriggerState state = v.state.triggers().get(r.stateKeys[i]);
            if (b != null && state != null && b.alternative().fingerprint().equals(state.fingerprint)
                    && b.alternative().trigger() instanceof Counting c && c.takeOut(state, r.eventTime, take, whole, v.zone)) {
                v.state.triggers().put(r.stateKeys[i], state);
            }
            r.counted[i] -= take;
        }
    }

    private static void cancelDeferred(String originalId, Event reversal, Visit v) {
        List<DeferredOffer> cancelled = null;
        for (Map.Entry<String, DeferredOffer> e : v.state.deferred().entries()) {
            List<String> ids = e.getValue().offer.triggerEventIds;
            if (ids != null && ids.contains(originalId)) {
                if (cancelled == null) {
                    cancelled = new ArrayList<>(1);
                }
                cancelled.add(e.getValue());
            }
        }
        if (cancelled == null) {
            return;
        }
        for (DeferredOffer d : cancelled) {
            v.state.deferred().remove(d.offer.offerId);
            v.agenda.cancel(d.offer.sendAt);
            v.out.decision(DecisionRecords.ofRelease(d.offer, Verdict.SUPPRESSED, Verdict.REVERSED, reversal.eventTime,
                    DecisionRecords.withNote(d.detailsJson, "the payment it was made on was reversed by " + reversal.eventId)));
        }
    }

    private static Decision reversedRecord(Reversible.SentOffer s, Event reversal, long units, boolean whole, String customerId) {
        Decision d = new Decision();
        d.offerId = s.offerId;
        d.customerId = customerId;
        d.ruleId = s.ruleId;
        d.ruleVersion = s.ruleVersion;
        d.channel = s.channel;
        d.variant = s.variant;
        d.outcome = Verdict.REVERSED;
        d.triggerEventIds = s.triggerEventIds == null ? List.of() : List.of(s.triggerEventIds);
        d.triggerTime = s.triggerTime;
        d.decidedAt = reversal.eventTime;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reversalEventId", reversal.eventId);
        details.put("reversed", Money.fromUnits(units));
        details.put("whole", whole);
        details.put("note", "sent before the payment was reversed; not recalled");
        d.detailsJson = Payload.toJson(details);
        d.decisionId = Ids.decisionId(s.offerId, Verdict.REVERSED + "|" + reversal.eventId, reversal.eventTime);
        return d;
    }

    private static void deadLetter(Event e, String reason, Visit v) {
        DeadLetter d = new DeadLetter(DeadLetter.EVENT, e.raw != null ? e.raw : RecordJson.event(e), reason, e.eventId, e.origin);
        d.eventTime = e.eventTime;
        v.out.deadLetter(d);
    }

    /** Forgets what no reversal can matter to any more; true while something is kept. */
    boolean forget(long time, Visit v) {
        return v.state.reversibles().retainOnly(r -> r.keepUntil >= time);
    }

    private Reversible pending() {
        if (pending == null) {
            pending = new Reversible();
            pending.eventTime = current.eventTime;
            pending.amount = Money.toUnits(current.amount);
            pending.keepUntil = current.eventTime + retention;
        }
        return pending;
    }

    private static Reversible.SentOffer[] append(Reversible.SentOffer[] sent, Offer offer) {
        Reversible.SentOffer s = new Reversible.SentOffer();
        s.offerId = offer.offerId;
        s.ruleId = offer.ruleId;
        s.ruleVersion = offer.ruleVersion;
        s.channel = offer.channel;
        s.variant = offer.variant;
        s.triggerEventIds = offer.triggerEventIds == null ? new String[0] : offer.triggerEventIds.toArray(new String[0]);
        s.triggerTime = offer.triggerTime;
        Reversible.SentOffer[] more = Arrays.copyOf(sent, sent.length + 1);
        more[sent.length] = s;
        return more;
    }
}

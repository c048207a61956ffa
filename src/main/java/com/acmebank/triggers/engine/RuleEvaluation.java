package com.acmebank.triggers.engine;

import com.acmebank.triggers.condition.Facts;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.policy.ContactLog;
import com.acmebank.triggers.policy.ContactPolicy;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleBook.Binding;
import com.acmebank.triggers.trigger.AllOfTrigger;
import com.acmebank.triggers.trigger.Counting;
import com.acmebank.triggers.trigger.EventTrigger;
import com.acmebank.triggers.trigger.Firing;
import com.acmebank.triggers.trigger.Trigger;
import com.acmebank.triggers.trigger.TriggerContext;
import com.acmebank.triggers.trigger.TriggerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the rules' triggers on one customer's state: on an event (only the triggers the event concerns, before
 * their state is read), on due deadlines, on a profile taking effect; and forgets what no rule can use any more.
 * What fires goes to {@link Arbitration}.
 */
final class RuleEvaluation {
    private final ContactPolicy policy;
    private final long goLive;
    private final Facts facts;
    private final TriggerContext context;
    private final Supplier<RuleBook> rules;
    private final Arbitration arbitration;
    private final Reversals reversals;
    private final Attribution attribution;

    RuleEvaluation(ContactPolicy policy, int windowCapacity, long goLive, Facts facts, Supplier<RuleBook> rules, Arbitration arbitration,
            Reversals reversals, Attribution attribution) {
        this.reversals = reversals;
        this.attribution = attribution;
        this.policy = policy;
        this.goLive = goLive;
        this.facts = facts;
        this.context = new TriggerContext(windowCapacity);
        this.rules = rules;
        this.arbitration = arbitration;
    }

    /** An event for this customer, in event-time order. */
    void onEvent(Event event, Visit v) {
        RuleBook book = rules.get();
        facts.set(event, v.profile, book.lists()).at(event.eventTime, v.zone);
        context.set(facts, v.zone);
        if (v.profile != null && !book.profileArmed().isEmpty()) {
            armMissingSchedules(event.eventTime, v);
        }
        // a conversion is judged before the event's own rules: an offer made on this very event cannot convert on it
        attribution.onEvent(event, v);
        reversals.begin(event);
        if (Event.PAYMENT_REVERSAL.equals(event.type)) {
            reversals.reverse(event, v);
        }
        if (book.readsHoldings()) {
            Holdings.apply(event, v.state.holdings());
            Holdings.into(facts, v.state.holdings());
        }
        List<Candidate> candidates = null;
        for (Binding b : book.bindings(event.type)) {
            Trigger trigger = b.alternative().trigger();
            if (!trigger.concerns(event, context)) {
                continue;
            }
            Firing firing;
            if (trigger instanceof AllOfTrigger all) {
                firing = allOf(all, b, event, v);
            } else if (trigger instanceof EventTrigger et && et.stateless()) {
                firing = trigger.onEvent(event, null, context);
            } else {
                TriggerState state = load(v, b);
                long before = state.wakeUpAt();
                firing = trigger.onEvent(event, state, context);
                if (state.touched) {
                    save(v, b, state, before);
                    if (trigger instanceof Counting c) {
                        reversals.counted(b.alternative().stateKey(), c.unitsOf(context), c.countsUntil(event.eventTime, v.zone));
                    }
                }
            }
            if (firing != null) {
                if (candidates == null) {
                    candidates = new ArrayList<>(2);
                }
                candidates.add(new Candidate(b.rule(), firing));
            }
        }
        if (candidates != null) {
            arbitration.decide(candidates, event.eventTime, v);
        }
        reversals.end(v);
    }

    /** An allOf: each member's state under its own key, stored when the event changed it. */
    private Firing allOf(AllOfTrigger all, Binding b, Event event, Visit v) {
        List<CompiledRule.Alternative> parts = b.alternative().parts();
        TriggerState[] states = new TriggerState[parts.size()];
        Binding[] bindings = new Binding[parts.size()];
        for (int i = 0; i < states.length; i++) {
            bindings[i] = new Binding(b.rule(), parts.get(i));
            states[i] = load(v, bindings[i]);
        }
        TriggerState own = load(v, b);
        Firing firing = all.onEvent(event, own, states, context);
        if (own.touched) {
            if (own.mode == TriggerState.HELD) {
                save(v, b, own, TriggerState.NONE);
            } else {
                v.state.triggers().remove(b.alternative().stateKey());
                v.triggerStateRemoved();
            }
        }
        for (int i = 0; i < states.length; i++) {
            if (states[i].touched) {
                save(v, bindings[i], states[i], TriggerState.NONE);
                if (parts.get(i).trigger() instanceof Counting c) {
                    reversals.counted(parts.get(i).stateKey(), c.unitsOf(context), c.countsUntil(event.eventTime, v.zone));
                }
            }
        }
        return firing;
    }

    /** Event time has reached {@code time}: fire the deadlines that are due. */
    void onDeadlines(long time, Visit v) {
        RuleBook book = rules.get();
        facts.set(null, v.profile, book.lists()).at(time, v.zone);
        context.set(facts, v.zone);
        if (book.readsHoldings()) {
            Holdings.into(facts, v.state.holdings());
        }
        List<Candidate> candidates = null;
        for (String key : stateKeys(v)) {
            TriggerState state = v.state.triggers().get(key);
            if (state == null || state.deadline == TriggerState.NONE) {
                continue;
            }
            if (state.deadline > time) {
                if (state.armedAt == time) {
                    // its deadline moved later while this wake-up stood: wake it at the deadline now
                    state.armedAt = TriggerState.NONE;
                    v.agenda.wakeAt(state.deadline);
                    v.state.triggers().put(key, state);
                }
                continue;
            }
            Binding b = book.binding(key);
            if (b == null || !b.alternative().fingerprint().equals(state.fingerprint)) {
                v.state.triggers().remove(key);
                v.triggerStateRemoved();
                continue;
            }
            long before = state.deadline;
            Firing firing = b.alternative().trigger().onDeadline(time, state, context);
            if (b.alternative().trigger().retain(state, time, context)) {
                // the wake-up at the deadline is used up: a new deadline gets its own
                state.armedAt = TriggerState.NONE;
                saveEagerly(v, b, state, before);
            } else {
                v.state.triggers().remove(key);
                v.triggerStateRemoved();
            }
            if (firing != null) {
                if (candidates == null) {
                    candidates = new ArrayList<>(2);
                }
                candidates.add(new Candidate(b.rule(), firing));
            }
        }
        if (candidates != null) {
            arbitration.decide(candidates, time, v);
        }
    }

    /** The profile in effect changed (or first became known) at {@code time}: re-arm profile schedules. */
    void onProfileActivated(long time, Visit v) {
        RuleBook book = rules.get();
        facts.set(null, v.profile, book.lists()).at(time, v.zone);
        if (book.readsHoldings()) {
            Holdings.into(facts, v.state.holdings());
        }
        context.set(facts, v.zone);
        List<Candidate> candidates = null;
        for (Binding b : book.profileArmed()) {
            TriggerState state = load(v, b);
            long before = state.wakeUpAt();
            if (v.profile == null) {
                v.state.triggers().remove(b.alternative().stateKey());
                v.triggerStateRemoved();
                if (before != TriggerState.NONE) {
                    v.agenda.cancel(before);
                }
                continue;
            }
            Firing firing = b.alternative().trigger().onProfile(v.profile, time, state, context);
            save(v, b, state, before);
            if (firing != null) {
                if (candidates == null) {
                    candidates = new ArrayList<>(1);
                }
                candidates.add(new Candidate(b.rule(), firing));
            }
        }
        if (v.profile != null && !book.profileArmed().isEmpty()) {
            schedulesArmed(v, book);
        }
        if (candidates != null) {
            arbitration.decide(candidates, time, v);
        }
    }

    /** A schedule of a rule published after the profile took effect is armed on the customer's next event. */
    private void armMissingSchedules(long time, Visit v) {
        RuleBook book = rules.get();
        if (v.clock.schedulesArmed == book.profileArmedMark()) {
            return; // all armed under these rules, and none removed since
        }
        for (Binding b : book.profileArmed()) {
            if (v.state.triggers().get(b.alternative().stateKey()) == null) {
                TriggerState state = new TriggerState(b.alternative().fingerprint());
                b.alternative().trigger().onProfile(v.profile, Math.max(time, goLive), state, context);
                save(v, b, state, TriggerState.NONE);
            }
        }
        schedulesArmed(v, book);
    }

    private static void schedulesArmed(Visit v, RuleBook book) {
        if (v.clock.schedulesArmed != book.profileArmedMark()) {
            v.clock.schedulesArmed = book.profileArmedMark();
            v.clockChanged = true;
        }
    }

    /**
     * Forgets what no rule can use any more at {@code time}: expired window entries, finished sequences, state of
     * deleted or reshaped rules, repeat limits that have run out, old contacts. Returns true while something is
     * left that will need forgetting later.
     */
    boolean housekeep(long time, Visit v) {
        RuleBook book = rules.get();
        facts.set(null, v.profile, book.lists()).at(time, v.zone);
        context.set(facts, v.zone);
        boolean more = false;
        for (String key : stateKeys(v)) {
            TriggerState state = v.state.triggers().get(key);
            Binding b = book.binding(key);
            if (b == null) {
                // a paused rule's state is kept (and aged) for when it resumes
                b = book.pausedBinding(key);
            }
            if (state == null || b == null || !b.alternative().fingerprint().equals(state.fingerprint)
                    || !b.alternative().trigger().retain(state, time, context)) {
                v.state.triggers().remove(key);
                v.triggerStateRemoved();
                if (state != null && state.wakeUpAt() != TriggerState.NONE && state.wakeUpAt() > time) {
                    v.agenda.cancel(state.wakeUpAt());
                }
            } else if (b.alternative().trigger().ages()) {
                v.state.triggers().put(key, state);
                more = true;
            }
        }
        // removed by key, not through the walk: Flink's heap map state drops a map only when remove() empties it
        List<String> used = null;
        for (Map.Entry<String, Long> e : v.state.lastFired().entries()) {
            CompiledRule rule = book.rule(e.getKey().substring(0, e.getKey().indexOf('|')));
            if (rule == null || !rule.repeat().limits() || rule.repeat().forgettable(e.getValue(), time, v.zone)) {
                if (used == null) {
                    used = new ArrayList<>();
                }
                used.add(e.getKey());
            } else if (!rule.repeat().ever()) {
                more = true;
            }
        }
        if (used != null) {
            used.forEach(v.state.lastFired()::remove);
        }
        ContactLog log = v.state.contactLog().get();
        if (log != null) {
            if (log.prune(time, ContactPolicy.CAP_WINDOW, policy.longestCooldown())) {
                v.state.contactLog().set(log);
                more = true;
            } else {
                v.state.contactLog().clear();
            }
        }
        return more;
    }

    /** A copy of the state keys, so states can be removed while walking them. */
    private static List<String> stateKeys(Visit v) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, TriggerState> e : v.state.triggers().entries()) {
            keys.add(e.getKey());
        }
        return keys;
    }

    private static TriggerState load(Visit v, Binding b) {
        TriggerState state = v.state.triggers().get(b.alternative().stateKey());
        if (state == null || !b.alternative().fingerprint().equals(state.fingerprint)) {
            state = new TriggerState(b.alternative().fingerprint());
        }
        state.touched = false;
        return state;
    }

    /**
     * Stores the state, {@code wakeUpBefore} being the wake-up it had. A deadline moved later keeps that wake-up, which
     * re-arms it when it comes ({@link #onDeadlines}); otherwise the old wake-up is withdrawn and the new one asked for.
     */
    private static void save(Visit v, Binding b, TriggerState state, long wakeUpBefore) {
        if (wakeUpBefore != TriggerState.NONE && state.deadline != TriggerState.NONE && state.deadline > wakeUpBefore) {
            state.armedAt = wakeUpBefore;
            v.state.triggers().put(b.alternative().stateKey(), state);
            return;
        }
        state.armedAt = TriggerState.NONE;
        saveEagerly(v, b, state, wakeUpBefore);
    }

    /** Stores the state; when its deadline moved, withdraws the old wake-up and asks for the new one. */
    private static void saveEagerly(Visit v, Binding b, TriggerState state, long deadlineBefore) {
        v.state.triggers().put(b.alternative().stateKey(), state);
        if (state.deadline != deadlineBefore) {
            if (deadlineBefore != TriggerState.NONE) {
                v.agenda.cancel(deadlineBefore);
            }
            if (state.deadline != TriggerState.NONE) {
                v.agenda.wakeAt(state.deadline);
            }
        }
    }
}

package com.acmebank.triggers.engine;

import com.acmebank.triggers.condition.Facts;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.policy.ContactLog;
import com.acmebank.triggers.policy.ContactPolicy;
import com.acmebank.triggers.policy.Verdict;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.Output;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleBook.Binding;
import com.acmebank.triggers.template.Formats;
import com.acmebank.triggers.template.Payload;
import com.acmebank.triggers.template.RenderContext;
import com.acmebank.triggers.trigger.Firing;
import com.acmebank.triggers.trigger.Trigger;
import com.acmebank.triggers.trigger.TriggerContext;
import com.acmebank.triggers.trigger.TriggerState;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine for one customer at a time, in plain Java: evaluates the rules interested in an event (or a
 * due timer), then turns what fired into decisions: the rule's repeat limit (COOLDOWN), arbitration between
 * rules that fired together (highest priority wins, others ARBITRATION), then the contact policy for each of
 * the winner's offers (consent, cooldown, caps, holdout, quiet hours). Every firing ends in decisions.
 */
public final class CustomerEngine {
    private final ContactPolicy policy;
    private final long goLive;
    private final Formats formats = new Formats();
    private final Facts facts = new Facts();
    private final TriggerContext context;
    private RuleBook book = RuleBook.empty();

    /**
     * {@code goLive}: the go-live instant. Before it, events and timers build state (windows, sequences, dormancy,
     * crossings) but nothing is decided, sent or recorded, so history never produces stale offers; schedules
     * start there.
     */
    public CustomerEngine(ContactPolicy policy, int windowCapacity, long goLive) {
        this.policy = policy;
        this.goLive = goLive;
        this.context = new TriggerContext(windowCapacity);
    }

    public void rules(RuleBook rules) {
        this.book = rules;
    }

    public RuleBook rules() {
        return book;
    }

    private record Candidate(CompiledRule rule, Firing firing) {}

    /** An event for this customer, in event-time order. */
    public void onEvent(Event event, CustomerStore store) {
        Profile profile = store.profile();
        ZoneId zone = policy.zoneOf(profile);
        facts.set(event, profile, book.lists());
        context.set(facts, zone);
        if (profile != null && !book.profileArmed().isEmpty()) {
            armMissingSchedules(profile, event.eventTime, store);
        }
        List<Candidate> candidates = null;
        for (Binding b : book.bindings(event.type)) {
            Trigger trigger = b.alternative().trigger();
            if (!trigger.concerns(event, context)) {
                continue;
            }
            Firing firing;
            if (trigger instanceof com.acmebank.triggers.trigger.EventTrigger et && et.stateless()) {
                firing = trigger.onEvent(event, null, context);
            } else {
                TriggerState state = load(store, b);
                long before = state.deadline;
                firing = trigger.onEvent(event, state, context);
                if (state.touched) {
                    save(store, b, state, before);
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
            decide(candidates, event.eventTime, store, profile, zone);
        }
    }

    /** Event time has reached {@code time}: release deferred offers that are due, then fire due timers. */
    public void onTime(long time, CustomerStore store) {
        Profile profile = store.profile();
        ZoneId zone = policy.zoneOf(profile);
        facts.set(null, profile, book.lists());
        context.set(facts, zone);
        release(time, store, profile, zone);
        List<Candidate> candidates = null;
        for (String key : store.triggerKeys()) {
            TriggerState state = store.trigger(key);
            if (state == null || state.deadline == TriggerState.NONE || state.deadline > time) {
                continue;
            }
            Binding b = book.binding(key);
            if (b == null || !b.alternative().fingerprint().equals(state.fingerprint)) {
                store.removeTrigger(key);
                continue;
            }
            long before = state.deadline;
            Firing firing = b.alternative().trigger().onDeadline(time, state, context);
            if (b.alternative().trigger().retain(state, time, context)) {
                save(store, b, state, before);
            } else {
                store.removeTrigger(key);
            }
            if (firing != null) {
                if (candidates == null) {
                    candidates = new ArrayList<>(2);
                }
                candidates.add(new Candidate(b.rule(), firing));
            }
        }
        if (candidates != null) {
            decide(candidates, time, store, profile, zone);
        }
    }

    /** The profile in effect changed (or first became known) at {@code time}: re-arm profile schedules. */
    public void onProfileActivated(long time, CustomerStore store) {
        Profile profile = store.profile();
        ZoneId zone = policy.zoneOf(profile);
        facts.set(null, profile, book.lists());
        context.set(facts, zone);
        for (Binding b : book.profileArmed()) {
            TriggerState state = load(store, b);
            long before = state.deadline;
            if (profile == null || profile.deleted) {
                store.removeTrigger(b.alternative().stateKey());
                if (before != TriggerState.NONE) {
                    store.cancelWake(before);
                }
                continue;
            }
            b.alternative().trigger().onProfile(profile, time, state, context);
            save(store, b, state, before);
        }
    }

    private void armMissingSchedules(Profile profile, long time, CustomerStore store) {
        for (Binding b : book.profileArmed()) {
            if (store.trigger(b.alternative().stateKey()) == null) {
                TriggerState state = new TriggerState(b.alternative().fingerprint());
                b.alternative().trigger().onProfile(profile, Math.max(time, goLive), state, context);
                save(store, b, state, TriggerState.NONE);
            }
        }
    }

    /**
     * Forgets what no rule can use any more at {@code time}: expired window entries, finished sequences, state of
     * deleted or reshaped rules, repeat limits that have run out, old contacts. Returns true while something is
     * left that will need forgetting later.
     */
    public boolean housekeep(long time, CustomerStore store) {
        Profile profile = store.profile();
        ZoneId zone = policy.zoneOf(profile);
        facts.set(null, profile, book.lists());
        context.set(facts, zone);
        boolean more = false;
        for (String key : store.triggerKeys()) {
            TriggerState state = store.trigger(key);
            Binding b = book.binding(key);
            if (state == null || b == null || !b.alternative().fingerprint().equals(state.fingerprint)
                    || !b.alternative().trigger().retain(state, time, context)) {
                store.removeTrigger(key);
                if (state != null && state.deadline != TriggerState.NONE && state.deadline > time) {
                    store.cancelWake(state.deadline);
                }
            } else {
                if (b.alternative().trigger().ages()) {
                    store.putTrigger(key, state);
                    more = true;
                }
            }
        }
        for (Map.Entry<String, Long> fired : store.firedSnapshot().entrySet()) {
            CompiledRule rule = book.rule(fired.getKey().substring(0, fired.getKey().indexOf('|')));
            if (rule == null || !rule.repeat().limits() || rule.repeat().forgettable(fired.getValue(), time, zone)) {
                store.removeLastFired(fired.getKey());
            } else if (!rule.repeat().ever()) {
                more = true;
            }
        }
        ContactLog log = store.contactLog();
        if (log != null) {
            if (log.prune(time, ContactPolicy.CAP_WINDOW, policy.longestCooldown())) {
                store.putContactLog(log);
                more = true;
            } else {
                store.removeContactLog();
            }
        }
        return more;
    }

    private TriggerState load(CustomerStore store, Binding b) {
        TriggerState state = store.trigger(b.alternative().stateKey());
        if (state == null || !b.alternative().fingerprint().equals(state.fingerprint)) {
            state = new TriggerState(b.alternative().fingerprint());
        }
        state.touched = false;
        return state;
    }

    /** Stores the state; when its deadline moved, withdraws the old wake-up and asks for the new one. */
    private void save(CustomerStore store, Binding b, TriggerState state, long deadlineBefore) {
        store.putTrigger(b.alternative().stateKey(), state);
        if (state.deadline != deadlineBefore) {
            if (deadlineBefore != TriggerState.NONE) {
                store.cancelWake(deadlineBefore);
            }
            if (state.deadline != TriggerState.NONE) {
                store.wakeAt(state.deadline);
            }
        }
    }

    private record Eligible(CompiledRule rule, Firing firing, List<Output> outputs, String repeatKey) {}

    private void decide(List<Candidate> candidates, long now, CustomerStore store, Profile profile, ZoneId zone) {
        if (now < goLive) {
            return;
        }
        Map<String, Candidate> byRule = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            byRule.putIfAbsent(c.rule().id(), c);
        }
        List<Eligible> eligible = new ArrayList<>(byRule.size());
        for (Candidate c : byRule.values()) {
            facts.set(c.firing().event(), profile, book.lists());
            if (!c.rule().audience().test(facts)) {
                continue;
            }
            List<Output> outputs = new ArrayList<>(c.rule().outputs().size());
            for (Output o : c.rule().outputs()) {
                if (o.audience().test(facts)) {
                    outputs.add(o);
                }
            }
            if (outputs.isEmpty()) {
                continue;
            }
            String repeatKey = c.rule().id() + "|" + c.rule().repeat().keyOf(facts);
            Long last = c.rule().repeat().limits() ? store.lastFired(repeatKey) : null;
            if (last != null && c.rule().repeat().blocks(last, now, zone)) {
                for (Output o : outputs) {
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("repeatLimit", c.rule().repeat().describe());
                    extra.put("lastFired", Times.format(last));
                    record(c.rule(), o, variantName(c.rule(), o, store.customerId()), c.firing(), Verdict.SUPPRESSED, Verdict.COOLDOWN, now,
                            details(c.firing(), extra), store);
                }
                continue;
            }
            eligible.add(new Eligible(c.rule(), c.firing(), outputs, repeatKey));
        }
        if (eligible.isEmpty()) {
            return;
        }
        eligible.sort(Comparator.comparingInt((Eligible e) -> -e.rule().priority()).thenComparing(e -> e.rule().id()));
        Eligible winner = eligible.get(0);
        for (Eligible loser : eligible.subList(1, eligible.size())) {
            for (Output o : loser.outputs()) {
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("winner", winner.rule().id());
                extra.put("winnerPriority", (long) winner.rule().priority());
                extra.put("priority", (long) loser.rule().priority());
                record(loser.rule(), o, variantName(loser.rule(), o, store.customerId()), loser.firing(), Verdict.SUPPRESSED,
                        Verdict.ARBITRATION, now, details(loser.firing(), extra), store);
            }
        }
        if (apply(winner, now, store, profile, zone) && winner.rule().repeat().limits()) {
            store.putLastFired(winner.repeatKey(), now);
        }
    }

    /** Runs the contact policy for each offer of the winning rule; true when any of them counts as reaching the customer. */
    private boolean apply(Eligible winner, long now, CustomerStore store, Profile profile, ZoneId zone) {
        CompiledRule rule = winner.rule();
        Firing firing = winner.firing();
        facts.set(firing.event(), profile, book.lists());
        ContactLog log = store.contactLog();
        boolean logChanged = false;
        boolean reached = false;
        for (Output o : winner.outputs()) {
            int variant = variantIndex(rule, o, store.customerId());
            Verdict v = policy.decide(rule.id(), o.channel(), store.customerId(), profile, now, zone, log);
            Map<String, Object> extra = new LinkedHashMap<>();
            if (v.note() != null) {
                extra.put("note", v.note());
            }
            String variantName = o.variants().get(variant).name();
            switch (v.outcome()) {
                case Verdict.SENT -> {
                    Offer offer = offer(rule, o, variant, firing, profile, zone, now, store.customerId());
                    store.emit(offer);
                    record(rule, o, variantName, firing, Verdict.SENT, null, now, details(firing, extra), store);
                    if (log == null) {
                        log = new ContactLog();
                    }
                    log.record(rule.id(), now, firing.triggerTime(), policy.counted(rule.id(), o.channel()));
                    logChanged = true;
                    reached = true;
                }
                case Verdict.DEFERRED -> {
                    Offer offer = offer(rule, o, variant, firing, profile, zone, v.sendAt(), store.customerId());
                    extra.put("sendAt", Times.format(v.sendAt()));
                    String details = details(firing, extra);
                    store.putDeferred(new DeferredOffer(offer, rule.priority(), details(firing, null)));
                    store.wakeAt(v.sendAt());
                    record(rule, o, variantName, firing, Verdict.DEFERRED, v.reason(), now, details, store);
                    reached = true;
                }
                case Verdict.HELD_OUT -> {
                    record(rule, o, variantName, firing, Verdict.HELD_OUT, null, now, details(firing, extra), store);
                    reached = true;
                }
                default -> record(rule, o, variantName, firing, Verdict.SUPPRESSED, v.reason(), now, details(firing, extra), store);
            }
        }
        if (logChanged) {
            store.putContactLog(log);
        }
        return reached;
    }

    private void release(long time, CustomerStore store, Profile profile, ZoneId zone) {
        List<DeferredOffer> due = new ArrayList<>();
        for (DeferredOffer d : store.deferredSnapshot()) {
            if (d.offer.sendAt <= time) {
                due.add(d);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        due.sort(Comparator.comparingLong((DeferredOffer d) -> d.offer.sendAt).thenComparingLong(d -> d.offer.triggerTime)
                .thenComparingInt(d -> -d.priority).thenComparing(d -> d.offer.offerId));
        ContactLog log = store.contactLog();
        boolean logChanged = false;
        for (DeferredOffer d : due) {
            Offer offer = d.offer;
            store.removeDeferred(offer.offerId);
            long at = offer.sendAt;
            Verdict v = policy.release(offer.ruleId, offer.channel, profile, at, offer.triggerTime, offer.expiresAt, zone, log);
            Decision decision = new Decision();
            decision.offerId = offer.offerId;
            decision.customerId = offer.customerId;
            decision.ruleId = offer.ruleId;
            decision.ruleVersion = offer.ruleVersion;
            decision.channel = offer.channel;
            decision.variant = offer.variant;
            decision.triggerEventIds = offer.triggerEventIds;
            decision.triggerTime = offer.triggerTime;
            decision.decidedAt = at;
            decision.outcome = v.outcome();
            decision.reason = v.reason();
            decision.detailsJson = withNote(d.detailsJson, v.note());
            decision.decisionId = Ids.decisionId(offer.offerId, v.outcome(), at);
            if (v.delivers()) {
                store.emit(offer);
                if (log == null) {
                    log = new ContactLog();
                }
                log.record(offer.ruleId, at, offer.triggerTime, policy.counted(offer.ruleId, offer.channel));
                logChanged = true;
            }
            store.emit(decision);
        }
        if (logChanged) {
            store.putContactLog(log);
        }
    }

    private Offer offer(CompiledRule rule, Output o, int variant, Firing firing, Profile profile, ZoneId zone, long sendAt, String customerId) {
        Offer offer = new Offer();
        offer.offerId = Ids.offerId(rule.id(), customerId, o.channel(), firing.triggerKey());
        offer.customerId = customerId;
        offer.ruleId = rule.id();
        offer.ruleVersion = rule.version();
        offer.channel = o.channel();
        offer.variant = o.variants().get(variant).name();
        offer.triggerEventIds = firing.triggerEventIds();
        offer.triggerTime = firing.triggerTime();
        offer.sendAt = sendAt;
        offer.expiresAt = firing.triggerTime() + o.expiresAfter();
        Map<String, Object> payload = o.payload().compute(facts);
        offer.payloadJson = Payload.toJson(payload);
        String language = policy.languageOf(profile);
        String currency = firing.event() != null && firing.event().currency != null ? firing.event().currency : "CNY";
        RenderContext render = new RenderContext(facts, payload, firing.details(), rule.id(), rule.name(), rule.version(),
                offer.expiresAt, zone, language, currency);
        offer.message = o.variants().get(variant).template(language).render(render, formats);
        return offer;
    }

    private void record(CompiledRule rule, Output o, String variant, Firing firing, String outcome, String reason, long now,
            String detailsJson, CustomerStore store) {
        Decision d = new Decision();
        d.offerId = Ids.offerId(rule.id(), store.customerId(), o.channel(), firing.triggerKey());
        d.customerId = store.customerId();
        d.ruleId = rule.id();
        d.ruleVersion = rule.version();
        d.channel = o.channel();
        d.variant = variant;
        d.outcome = outcome;
        d.reason = reason;
        d.triggerEventIds = firing.triggerEventIds();
        d.triggerTime = firing.triggerTime();
        d.decidedAt = now;
        d.detailsJson = detailsJson;
        d.decisionId = Ids.decisionId(d.offerId, outcome, now);
        store.emit(d);
    }

    private int variantIndex(CompiledRule rule, Output o, String customerId) {
        if (o.variants().size() == 1) {
            return 0;
        }
        int[] weights = o.variants().stream().mapToInt(Output.Variant::weight).toArray();
        return ContactPolicy.pickVariant(customerId, rule.id(), weights);
    }

    private String variantName(CompiledRule rule, Output o, String customerId) {
        return o.variants().get(variantIndex(rule, o, customerId)).name();
    }

    private static String details(Firing firing, Map<String, Object> extra) {
        Map<String, Object> all = new LinkedHashMap<>();
        if (firing.details() != null) {
            all.putAll(firing.details());
        }
        if (extra != null) {
            all.putAll(extra);
        }
        return all.isEmpty() ? null : Payload.toJson(all);
    }

    private static String withNote(String detailsJson, String note) {
        if (note == null) {
            return detailsJson;
        }
        String noteJson = Payload.toJson(Map.of("note", note));
        if (detailsJson == null) {
            return noteJson;
        }
        return detailsJson.substring(0, detailsJson.length() - 1) + "," + noteJson.substring(1);
    }
}

package com.acmebank.triggers.engine;

import com.acmebank.triggers.condition.Facts;
import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.policy.ContactLog;
import com.acmebank.triggers.policy.ContactPolicy;
import com.acmebank.triggers.policy.Verdict;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.Output;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.template.Formats;
import com.acmebank.triggers.template.Payload;
import com.acmebank.triggers.template.RenderContext;
import com.acmebank.triggers.trigger.Firing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The contact policy applied to the winning rule's offers (consent, caps, holdout, quiet hours), the offers
 * built and rendered, the contact log kept; and offers deferred through quiet hours released when due.
 */
final class Delivery {
    private static final Comparator<DeferredOffer> RELEASE_ORDER = Comparator.comparingLong((DeferredOffer d) -> d.offer.sendAt)
            .thenComparingLong(d -> d.offer.triggerTime).thenComparingInt(d -> -d.priority).thenComparing(d -> d.offer.offerId);

    private final ContactPolicy policy;
    private final Facts facts;
    private final Supplier<RuleBook> book;
    private final Formats formats = new Formats();
    private final Reversals reversals;
    private final Attribution attribution;

    Delivery(ContactPolicy policy, Facts facts, Supplier<RuleBook> book, Reversals reversals, Attribution attribution) {
        this.policy = policy;
        this.facts = facts;
        this.book = book;
        this.reversals = reversals;
        this.attribution = attribution;
    }

    /** Runs the contact policy for each offer of the winner; true when any of them counts as reaching the customer. */
    boolean deliver(Arbitration.Eligible winner, long now, Visit v) {
        CompiledRule rule = winner.rule();
        Firing firing = winner.firing();
        facts.set(firing.event(), v.profile, book.get().lists());
        ContactLog log = v.state.contactLog().get();
        boolean logChanged = false;
        boolean reached = false;
        for (Output o : winner.outputs()) {
            int variant = variantIndex(rule, o, v.customerId);
            Verdict verdict = policy.decide(rule.id(), o.channel(), v.customerId, v.profile, now, v.zone, log);
            Map<String, Object> extra = new LinkedHashMap<>();
            if (verdict.note() != null) {
                extra.put("note", verdict.note());
            }
            String variantName = o.variants().get(variant).name();
            switch (verdict.outcome()) {
                case Verdict.SENT -> {
                    Offer offer = offer(rule, o, variant, firing, now, v);
                    v.out.offer(offer);
                    reversals.offered(firing.event(), offer, true);
                    Decision sent = DecisionRecords.of(rule, o, variantName, firing, v.customerId, Verdict.SENT, null, now,
                            DecisionRecords.details(firing, extra));
                    v.out.decision(sent);
                    attribution.decided(sent, offer.sendAt, v);
                    if (log == null) {
                        log = new ContactLog();
                    }
                    log.record(rule.id(), now, firing.triggerTime(), policy.counted(rule.id(), o.channel()));
                    logChanged = true;
                    reached = true;
                }
                case Verdict.DEFERRED -> {
                    Offer offer = offer(rule, o, variant, firing, verdict.sendAt(), v);
                    extra.put("sendAt", Times.format(verdict.sendAt()));
                    v.state.deferred().put(offer.offerId, new DeferredOffer(offer, rule.priority(), DecisionRecords.details(firing, null)));
                    reversals.offered(firing.event(), offer, false);
                    v.agenda.wakeAt(verdict.sendAt());
                    v.out.decision(DecisionRecords.of(rule, o, variantName, firing, v.customerId, Verdict.DEFERRED, verdict.reason(), now,
                            DecisionRecords.details(firing, extra)));
                    reached = true;
                }
                case Verdict.HELD_OUT -> {
                    Decision heldOut = DecisionRecords.of(rule, o, variantName, firing, v.customerId, Verdict.HELD_OUT, null, now,
                            DecisionRecords.details(firing, extra));
                    v.out.decision(heldOut);
                    attribution.decided(heldOut, now, v);
                    reached = true;
                }
                default -> v.out.decision(DecisionRecords.of(rule, o, variantName, firing, v.customerId, Verdict.SUPPRESSED, verdict.reason(),
                        now, DecisionRecords.details(firing, extra)));
            }
        }
        if (logChanged) {
            v.state.contactLog().set(log);
        }
        return reached;
    }

    /** Releases the deferred offers due at {@code time}, in send order, each through the policy once more. */
    void release(long time, Visit v) {
        List<DeferredOffer> due = null;
        for (Map.Entry<String, DeferredOffer> e : v.state.deferred().entries()) {
            if (e.getValue().offer.sendAt <= time) {
                if (due == null) {
                    due = new ArrayList<>(2);
                }
                due.add(e.getValue());
            }
        }
        if (due == null) {
            return;
        }
        due.sort(RELEASE_ORDER);
        ContactLog log = v.state.contactLog().get();
        boolean logChanged = false;
        for (DeferredOffer d : due) {
            Offer offer = d.offer;
            v.state.deferred().remove(offer.offerId);
            long at = offer.sendAt;
            // a rule put on hold or deleted since the offer was made sends nothing more, held offers included
            Verdict verdict = book.get().paused(offer.ruleId) ? Verdict.suppressed(Verdict.RULE_PAUSED, "the rule was paused before the release")
                    : book.get().rule(offer.ruleId) == null ? Verdict.suppressed(Verdict.RULE_DELETED, "the rule was deleted before the release")
                    : policy.release(offer.ruleId, offer.channel, v.profile, at, offer.triggerTime, offer.expiresAt, v.zone, log);
            if (verdict.delivers()) {
                v.out.offer(offer);
                reversals.released(offer, v);
                if (log == null) {
                    log = new ContactLog();
                }
                log.record(offer.ruleId, at, offer.triggerTime, policy.counted(offer.ruleId, offer.channel));
                logChanged = true;
            }
            Decision released = DecisionRecords.ofRelease(offer, verdict.outcome(), verdict.reason(), at,
                    DecisionRecords.withNote(d.detailsJson, verdict.note()));
            v.out.decision(released);
            attribution.decided(released, at, v);
        }
        if (logChanged) {
            v.state.contactLog().set(log);
        }
    }

    private Offer offer(CompiledRule rule, Output o, int variant, Firing firing, long sendAt, Visit v) {
        Offer offer = new Offer();
        offer.offerId = Ids.offerId(rule.id(), v.customerId, o.channel(), firing.triggerKey());
        offer.customerId = v.customerId;
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
        String language = policy.languageOf(v.profile);
        String currency = firing.event() != null && firing.event().currency != null ? firing.event().currency : "CNY";
        RenderContext render = new RenderContext(facts, payload, firing.details(), rule.id(), rule.name(), rule.version(),
                offer.expiresAt, v.zone, language, currency);
        offer.message = o.variants().get(variant).template(language).render(render, formats);
        return offer;
    }

    static int variantIndex(CompiledRule rule, Output o, String customerId) {
        if (o.variants().size() == 1) {
            return 0;
        }
        int[] weights = o.variants().stream().mapToInt(Output.Variant::weight).toArray();
        return ContactPolicy.pickVariant(customerId, rule.id(), weights);
    }

    static String variantName(CompiledRule rule, Output o, String customerId) {
        return o.variants().get(variantIndex(rule, o, customerId)).name();
    }
}

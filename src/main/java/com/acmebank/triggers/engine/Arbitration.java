package com.acmebank.triggers.engine;

import com.acmebank.triggers.condition.Facts;
import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.policy.Verdict;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.Output;
import com.acmebank.triggers.rule.RuleBook;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns the rules that fired at one instant into decisions: each rule's audience and repeat limit (COOLDOWN),
 * then between the rules still eligible the highest priority wins (ties by rule id) and the others are
 * SUPPRESSED/ARBITRATION. The winner goes to {@link Delivery}. Nothing is decided before the go-live instant.
 */
final class Arbitration {
    private static final Comparator<Eligible> BY_PRIORITY =
            Comparator.comparingInt((Eligible e) -> e.rule().priority()).reversed().thenComparing(e -> e.rule().id());

    private final long goLive;
    private final Facts facts;
    private final Supplier<RuleBook> book;
    private final Delivery delivery;

    Arbitration(long goLive, Facts facts, Supplier<RuleBook> book, Delivery delivery) {
        this.goLive = goLive;
        this.facts = facts;
        this.book = book;
        this.delivery = delivery;
    }

    /** A rule that passed its audience and repeat limit, with the outputs whose audience the customer is in. */
    record Eligible(CompiledRule rule, com.acmebank.triggers.trigger.Firing firing, List<Output> outputs, String repeatKey) {}

    void decide(List<Candidate> candidates, long now, Visit v) {
        if (now < goLive) {
            return;
        }
        Map<String, Candidate> byRule = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            // outside its campaign a rule builds state but reaches no one, and takes part in no arbitration
            if (c.rule().campaign().activeAt(now)) {
                byRule.putIfAbsent(c.rule().id(), c);
            }
        }
        List<Eligible> eligible = new ArrayList<>(byRule.size());
        for (Candidate c : byRule.values()) {
            Eligible e = eligible(c, now, v);
            if (e != null) {
                eligible.add(e);
            }
        }
        if (eligible.isEmpty()) {
            return;
        }
        eligible.sort(BY_PRIORITY);
        Eligible winner = eligible.get(0);
        for (Eligible loser : eligible.subList(1, eligible.size())) {
            for (Output o : loser.outputs()) {
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("winner", winner.rule().id());
                extra.put("winnerPriority", (long) winner.rule().priority());
                extra.put("priority", (long) loser.rule().priority());
                v.out.decision(DecisionRecords.of(loser.rule(), o, Delivery.variantName(loser.rule(), o, v.customerId), loser.firing(),
                        v.customerId, Verdict.SUPPRESSED, Verdict.ARBITRATION, now, DecisionRecords.details(loser.firing(), extra)));
            }
        }
        if (delivery.deliver(winner, now, v) && winner.rule().repeat().limits()) {
            v.state.lastFired().put(winner.repeatKey(), now);
        }
    }

    /** The candidate with the outputs it may use, or null when its audience or repeat limit rules it out. */
    private Eligible eligible(Candidate c, long now, Visit v) {
        facts.set(c.firing().event(), v.profile, book.get().lists());
        if (!c.rule().audience().test(facts)) {
            return null;
        }
        List<Output> outputs = new ArrayList<>(c.rule().outputs().size());
        for (Output o : c.rule().outputs()) {
            if (o.audience().test(facts)) {
                outputs.add(o);
            }
        }
        if (outputs.isEmpty()) {
            return null;
        }
        String repeatKey = c.rule().id() + "|" + c.rule().repeat().keyOf(facts);
        Long last = c.rule().repeat().limits() ? v.state.lastFired().get(repeatKey) : null;
        if (last != null && c.rule().repeat().blocks(last, now, v.zone)) {
            for (Output o : outputs) {
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("repeatLimit", c.rule().repeat().describe());
                extra.put("lastFired", Times.format(last));
                v.out.decision(DecisionRecords.of(c.rule(), o, Delivery.variantName(c.rule(), o, v.customerId), c.firing(), v.customerId,
                        Verdict.SUPPRESSED, Verdict.COOLDOWN, now, DecisionRecords.details(c.firing(), extra)));
            }
            return null;
        }
        return new Eligible(c.rule(), c.firing(), outputs, repeatKey);
    }
}

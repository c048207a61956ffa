package com.acmebank.triggers.rule;

import com.acmebank.triggers.rule.CompiledRule.Alternative;
import com.acmebank.triggers.spec.Durations;
import com.acmebank.triggers.trigger.StateCost;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Static analysis of a rule set, printed by {@code validate}: what each rule keeps per customer at most and for
 * how long (its longest horizon), and which rules can fire on the same event, so that arbitration decides
 * between them. Overlap is judged on event types alone: rules whose conditions exclude each other are still
 * listed (the engine does not solve conditions), so the list may say "can" where the data never does.
 */
public final class RuleAnalysis {
    private RuleAnalysis() {}

    public static List<String> lines(List<CompiledRule> rules, int windowCapacity) {
        List<String> out = new ArrayList<>();
        out.add("Per-customer state (at most, per rule) and the longest time anything of it is kept:");
        for (CompiledRule r : rules) {
            List<String> parts = new ArrayList<>();
            long horizon = r.repeat().horizonMillis();
            for (Alternative a : r.alternatives()) {
                StateCost cost = a.trigger().stateCost(windowCapacity);
                if (cost != StateCost.NONE) {
                    parts.add(cost.bound());
                }
                horizon = Math.max(horizon, cost.horizonMillis());
            }
            if (r.repeat().limits()) {
                parts.add("the last firing per repeat key (" + r.repeat().describe() + ")");
            }
            out.add(String.format("  %-32s %s; horizon %s", r.id(), parts.isEmpty() ? "nothing" : String.join(" + ", parts),
                    horizon(horizon)));
        }
        out.add("  (and per customer whatever the rules: the profile, eventIds for the dedup retention, contacts for the"
                + " frequency caps, payments a rule counted or made an offer on, for their reversal, and the products held"
                + " while a rule reads customer.holdings)");
        Map<String, List<CompiledRule>> byType = new TreeMap<>();
        for (CompiledRule r : rules) {
            if (!r.enabled()) {
                continue;
            }
            java.util.Set<String> types = new java.util.TreeSet<>();
            for (Alternative a : r.alternatives()) {
                types.addAll(a.trigger().firingTypes());
            }
            types.forEach(t -> byType.computeIfAbsent(t, k -> new ArrayList<>()).add(r));
        }
        List<String> overlaps = new ArrayList<>();
        byType.forEach((type, list) -> {
            if (list.size() > 1) {
                list.sort(Comparator.comparingInt(CompiledRule::priority).reversed().thenComparing(CompiledRule::id));
                List<String> names = list.stream().map(r -> r.id() + " (" + r.priority() + ")").toList();
                overlaps.add("  " + type + ": " + String.join(", ", names));
            }
        });
        if (!overlaps.isEmpty()) {
            out.add("Rules that can fire on the same event (judged by event type): arbitration sends the highest priority,"
                    + " the others are SUPPRESSED/ARBITRATION:");
            out.addAll(overlaps);
        }
        return out;
    }

    private static String horizon(long millis) {
        if (millis == StateCost.FOREVER) {
            return "as long as the customer exists";
        }
        return millis <= 0 ? "none" : Durations.format(millis);
    }
}

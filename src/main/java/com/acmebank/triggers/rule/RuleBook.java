package com.acmebank.triggers.rule;

import com.acmebank.triggers.condition.ReferenceLists;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.rule.CompiledRule.Alternative;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The active rules and reference lists, indexed for the hot path: for each event type, the triggers that
 * care about it. Built once per rule or list change, never per event. Disabled rules ({@code enabled: false}) are
 * kept but unbound, and their customers' state goes at the next sweep; paused rules are unbound too, but their
 * state is kept for when they resume.
 */
public final class RuleBook {
    /** A trigger of a rule, as the engine evaluates it. */
    public record Binding(CompiledRule rule, Alternative alternative) {}

    private static final Binding[] NONE = new Binding[0];
    /** The events that move a customer's holdings. */
    public static final Set<String> HOLDING_TYPES = Set.of("PRODUCT_PURCHASE", "PRODUCT_REDEMPTION");

    private final Map<String, CompiledRule> rules;
    private final ReferenceLists lists;
    private final Map<String, Binding[]> byType;
    private final Map<String, Binding> byStateKey;
    private final Set<String> paused;
    private final Map<String, Binding> pausedByStateKey;
    private final List<Binding> profileArmed;
    private final long profileArmedMark;
    private final Map<String, List<CompiledRule>> fanOutByType;
    private final boolean readsHoldings;
    private final Set<String> conversionTypes;
    private final List<CompiledRule> converting;

    private RuleBook(Map<String, CompiledRule> rules, ReferenceLists lists, Set<String> paused) {
        this.rules = rules;
        this.lists = lists;
        this.paused = Set.copyOf(paused);
        Map<String, List<Binding>> types = new HashMap<>();
        Map<String, Binding> keys = new HashMap<>();
        Map<String, Binding> pausedKeys = new HashMap<>();
        List<Binding> armed = new ArrayList<>();
        Map<String, List<CompiledRule>> fanOut = new HashMap<>();
        for (CompiledRule rule : rules.values()) {
            if (!rule.enabled()) {
                continue;
            }
            if (this.paused.contains(rule.id())) {
                for (Alternative a : rule.alternatives()) {
                    pausedKeys.put(a.stateKey(), new Binding(rule, a));
                    for (Alternative part : a.parts()) {
                        pausedKeys.put(part.stateKey(), new Binding(rule, part));
                    }
                }
                continue;
            }
            for (Alternative a : rule.alternatives()) {
                Binding b = new Binding(rule, a);
                keys.put(a.stateKey(), b);
                // the members of an allOf keep their states under their own keys (the sweep and reversals find them)
                for (Alternative part : a.parts()) {
                    keys.put(part.stateKey(), new Binding(rule, part));
                }
                for (String type : a.trigger().eventTypes()) {
                    types.computeIfAbsent(type, t -> new ArrayList<>()).add(b);
                }
                if (a.trigger().armedByProfile()) {
                    armed.add(b);
                }
            }
            if (rule.fanOut() != null) {
                for (String type : rule.fanOut().types()) {
                    fanOut.computeIfAbsent(type, t -> new ArrayList<>()).add(rule);
                }
            }
        }
        Map<String, Binding[]> index = new HashMap<>();
        types.forEach((type, list) -> index.put(type, list.toArray(NONE)));
        this.byType = index;
        this.byStateKey = keys;
        this.pausedByStateKey = pausedKeys;
        this.profileArmed = List.copyOf(armed);
        this.profileArmedMark = mark(this.profileArmed);
        this.fanOutByType = fanOut;
        this.readsHoldings = rules.values().stream().anyMatch(r -> r.enabled() && r.readsHoldings());
        Set<String> conv = new TreeSet<>();
        List<CompiledRule> withConversion = new ArrayList<>();
        for (CompiledRule r : rules.values()) {
            if (r.conversion() != null) {
                conv.addAll(r.conversion().of().types());
                withConversion.add(r);
            }
        }
        this.conversionTypes = Set.copyOf(conv);
        this.converting = List.copyOf(withConversion);
    }

    /** True when a rule in force reads the customer's holdings: the engine then keeps them from purchases and redemptions. */
    public boolean readsHoldings() {
        return readsHoldings;
    }

    /** The event types some rule's conversion counts (they must reach the customer even when no trigger uses them). */
    public boolean convertsOn(String eventType) {
        return conversionTypes.contains(eventType);
    }

    /** Whether any rule has a conversion (offers are then remembered for their attribution window). */
    public boolean hasConversions() {
        return !converting.isEmpty();
    }

    public static RuleBook of(Collection<CompiledRule> rules, ReferenceLists lists) {
        return of(rules, lists, Set.of());
    }

    /** {@code paused}: ids of rules on hold (see {@link #pausedBinding}). */
    public static RuleBook of(Collection<CompiledRule> rules, ReferenceLists lists, Set<String> paused) {
        Map<String, CompiledRule> sorted = new LinkedHashMap<>();
        rules.stream().sorted(Comparator.comparing(CompiledRule::id)).forEach(r -> sorted.put(r.id(), r));
        Set<String> held = new java.util.HashSet<>(paused);
        held.retainAll(sorted.keySet());
        return new RuleBook(sorted, lists, held);
    }

    public static RuleBook empty() {
        return of(List.of(), ReferenceLists.empty());
    }

    public Binding[] bindings(String eventType) {
        Binding[] b = byType.get(eventType);
        return b == null ? NONE : b;
    }

    /** The trigger that owns a state key, or null when its rule is gone, disabled or changed shape. */
    public Binding binding(String stateKey) {
        return byStateKey.get(stateKey);
    }

    /**
     * The trigger of a paused rule that owns a state key, or null: its customers' state is kept (and aged) while it
     * is paused, but it neither counts events nor fires.
     */
    public Binding pausedBinding(String stateKey) {
        return pausedByStateKey.get(stateKey);
    }

    public boolean paused(String ruleId) {
        return paused.contains(ruleId);
    }

    /** Whether some rule in force may use an event of this type (see {@link #eventTypesInUse}). */
    public boolean reactsTo(String eventType) {
        return !profileArmed.isEmpty() || byType.containsKey(eventType)
                || (Event.PAYMENT_REVERSAL.equals(eventType) && !byStateKey.isEmpty())
                || (readsHoldings && HOLDING_TYPES.contains(eventType))
                || conversionTypes.contains(eventType);
    }

    /**
     * The event types some rule in force reacts to (and PAYMENT_REVERSAL, which may undo what any rule counted or
     * offered), or null when any event may matter (a schedule armed from the profile is armed on the customer's
     * next event, whatever its type).
     */
    public Set<String> eventTypesInUse() {
        if (!profileArmed.isEmpty()) {
            return null;
        }
        Set<String> types = new TreeSet<>(byType.keySet());
        if (!byStateKey.isEmpty()) {
            types.add(Event.PAYMENT_REVERSAL);
        }
        if (readsHoldings) {
            types.addAll(HOLDING_TYPES);
        }
        types.addAll(conversionTypes);
        return Set.copyOf(types);
    }

    public List<Binding> profileArmed() {
        return profileArmed;
    }

    /**
     * What the profile-armed triggers are (their state keys and fingerprints), as a number that is never 0: a customer
     * whose schedules were all armed under the same mark needs no look at them on its next event. Content-based, so it
     * is the same after a restart with the same rules.
     */
    public long profileArmedMark() {
        return profileArmedMark;
    }

    private static long mark(List<Binding> armed) {
        long h = 0xcbf29ce484222325L; // 64-bit FNV-1a over "stateKey fingerprint;" of each
        for (Binding b : armed) {
            String s = b.alternative().stateKey() + ' ' + b.alternative().fingerprint() + ';';
            for (int i = 0; i < s.length(); i++) {
                h = (h ^ s.charAt(i)) * 0x100000001b3L;
            }
        }
        return h == 0 ? 1 : h;
    }

    public List<CompiledRule> fanOutRules(String eventType) {
        return fanOutByType.getOrDefault(eventType, List.of());
    }

    public CompiledRule rule(String id) {
        return rules.get(id);
    }

    public Collection<CompiledRule> rules() {
        return rules.values();
    }

    public ReferenceLists lists() {
        return lists;
    }

    public RuleBook withRule(CompiledRule rule) {
        return withRule(rule, false);
    }

    /** The rules with {@code rule} put in (replacing one of its id), active or paused. */
    public RuleBook withRule(CompiledRule rule, boolean pause) {
        Map<String, CompiledRule> copy = new LinkedHashMap<>(rules);
        copy.put(rule.id(), rule);
        Set<String> held = new java.util.HashSet<>(paused);
        if (pause) {
            held.add(rule.id());
        } else {
            held.remove(rule.id());
        }
        return of(copy.values(), lists, held);
    }

    public RuleBook withoutRule(String id) {
        Map<String, CompiledRule> copy = new LinkedHashMap<>(rules);
        copy.remove(id);
        return of(copy.values(), lists, paused);
    }

    public RuleBook withLists(ReferenceLists newLists) {
        return new RuleBook(rules, newLists, paused);
    }

    /** Reference lists named by some rule but not loaded: they match nothing until they arrive. */
    public Set<String> missingLists() {
        Set<String> missing = new TreeSet<>();
        for (CompiledRule r : rules.values()) {
            for (String name : r.referencedLists()) {
                if (!lists.has(name)) {
                    missing.add(name);
                }
            }
        }
        return missing;
    }
}

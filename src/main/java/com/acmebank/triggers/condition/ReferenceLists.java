package com.acmebank.triggers.condition;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Named lists of values that marketing maintains apart from the rules (the partner merchants, the bank's own
 * codes). Rules name a list; its content can change at run time without touching the rule.
 */
public final class ReferenceLists {
    private final Map<String, Set<String>> lists;

    public ReferenceLists(Map<String, Set<String>> lists) {
        this.lists = Map.copyOf(lists);
    }

    public static ReferenceLists empty() {
        return new ReferenceLists(Map.of());
    }

    /** The list, or an empty set when no list of that name was loaded. */
    public Set<String> get(String name) {
        Set<String> values = lists.get(name);
        return values == null ? Collections.emptySet() : values;
    }

    public boolean has(String name) {
        return lists.containsKey(name);
    }

    public Set<String> names() {
        return lists.keySet();
    }

    public ReferenceLists with(String name, Set<String> values) {
        Map<String, Set<String>> copy = new HashMap<>(lists);
        copy.put(name, Set.copyOf(values));
        return new ReferenceLists(copy);
    }
}

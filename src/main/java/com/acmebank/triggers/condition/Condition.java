package com.acmebank.triggers.condition;

import java.util.List;

/** A compiled, side-effect-free test over the facts. Built from the rule's structured form, never from code. */
@FunctionalInterface
public interface Condition {
    Condition ALWAYS = facts -> true;

    boolean test(Facts facts);

    static Condition all(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return ALWAYS;
        }
        if (conditions.size() == 1) {
            return conditions.get(0);
        }
        Condition[] parts = conditions.toArray(new Condition[0]);
        return facts -> {
            for (Condition c : parts) {
                if (!c.test(facts)) {
                    return false;
                }
            }
            return true;
        };
    }

    static Condition any(List<Condition> conditions) {
        Condition[] parts = conditions.toArray(new Condition[0]);
        return facts -> {
            for (Condition c : parts) {
                if (c.test(facts)) {
                    return true;
                }
            }
            return false;
        };
    }
}

package com.acmebank.triggers.trigger;

import com.acmebank.triggers.condition.Condition;
import com.acmebank.triggers.condition.Facts;
import com.acmebank.triggers.condition.Field;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.EventParser;
import java.util.HashSet;
import java.util.Set;

/** Which events count: one or more types and a condition on their fields ({type, where} in the rule). */
public final class EventMatcher {
    private final Set<String> types;
    private final Condition where;
    private final Set<String> guaranteed;

    public EventMatcher(Set<String> types, Condition where, Set<String> assertedPresent) {
        this.types = Set.copyOf(types);
        this.where = where;
        this.guaranteed = guaranteedFields(types, assertedPresent);
    }

    /** The event is of one of the types and passes the condition; the facts must hold this event. */
    public boolean matches(Event event, Facts facts) {
        return types.contains(event.type) && where.test(facts);
    }

    public Condition where() {
        return where;
    }

    public Set<String> types() {
        return types;
    }

    public Set<String> guaranteedFields() {
        return guaranteed;
    }

    /** Fields every matching event has: the always-present ones, those its types require, those the condition demands. */
    private static Set<String> guaranteedFields(Set<String> types, Set<String> assertedPresent) {
        Set<String> fields = new HashSet<>(Field.ALWAYS_PRESENT);
        fields.addAll(assertedPresent);
        boolean allMoney = types.stream().allMatch(EventParser.MONEY_TYPES::contains);
        if (allMoney) {
            fields.add("amount");
        }
        if (types.equals(Set.of("BALANCE_SNAPSHOT"))) {
            fields.add("balance");
        }
        if (types.equals(Set.of("LOAN_DISBURSED"))) {
            fields.add("loanType");
        }
        if (types.equals(Set.of(Event.MARKET_MOVE))) {
            fields.add("changePct");
            fields.add("productId");
        } else {
            fields.add("customerId");
        }
        return Set.copyOf(fields);
    }
}

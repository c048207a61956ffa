package com.acmebank.triggers.engine;

import com.acmebank.triggers.condition.Facts;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.Money;
import com.acmebank.triggers.rule.RuleBook;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A customer's holdings, for rules whose conditions read them ({@code customer.holdings},
 * {@code customer.holdingTypes}): PRODUCT_PURCHASE minus PRODUCT_REDEMPTION amounts per productId, in event-time
 * order, held while above zero (the definition the fan-out uses for S15). Kept per customer as one entry per
 * product held; a product redeemed in full is forgotten at once.
 */
final class Holdings {
    private Holdings() {}

    static void apply(Event e, MapSlot<String, Holding> holdings) {
        if (e.productId == null || e.amount == null || !RuleBook.HOLDING_TYPES.contains(e.type)) {
            return;
        }
        long units = Money.toUnits(e.amount);
        Holding h = holdings.get(e.productId);
        if (h == null) {
            h = new Holding();
        }
        h.units += "PRODUCT_PURCHASE".equals(e.type) ? units : -units;
        if (e.productType != null) {
            h.productType = e.productType;
        }
        if (h.units > 0) {
            holdings.put(e.productId, h);
        } else {
            holdings.remove(e.productId);
        }
    }

    /** The products held and their types, sorted, into the facts conditions read. */
    static void into(Facts facts, MapSlot<String, Holding> holdings) {
        TreeSet<String> ids = new TreeSet<>();
        TreeSet<String> types = new TreeSet<>();
        for (Map.Entry<String, Holding> e : holdings.entries()) {
            ids.add(e.getKey());
            if (e.getValue().productType != null) {
                types.add(e.getValue().productType);
            }
        }
        facts.holdings(List.copyOf(ids), List.copyOf(types));
    }
}

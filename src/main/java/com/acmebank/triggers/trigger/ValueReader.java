package com.acmebank.triggers.trigger;

import com.acmebank.triggers.condition.Facts;
import com.acmebank.triggers.condition.Field;
import com.acmebank.triggers.event.EventParser;
import com.acmebank.triggers.event.Money;
import java.math.BigDecimal;

/** Reads a numeric event field as exact money units; absent or non-numeric values read as null. */
final class ValueReader {
    private final Field field;

    ValueReader(Field field) {
        this.field = field;
    }

    Long units(Facts facts) {
        Object value = field.read(facts);
        BigDecimal number = value instanceof BigDecimal b ? b : value == null ? null : EventParser.numericAttribute(value.toString());
        if (number == null || !Money.representable(number)) {
            return null;
        }
        return Money.toUnits(number);
    }

    String name() {
        return field.name();
    }
}

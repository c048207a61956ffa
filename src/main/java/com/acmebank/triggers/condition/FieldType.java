package com.acmebank.triggers.condition;

/** The kinds of values rule conditions and templates can address. */
public enum FieldType {
    TEXT,
    DECIMAL,
    /** Money: a decimal formatted as currency in messages. */
    MONEY,
    INSTANT,
    DATE,
    TEXT_LIST,
    /** Text in a fixed-width form that sorts in time order (a local date 2026-11-03, a local time 09:30). */
    ORDERED_TEXT,
    /** An event attribute: text, number or boolean, known only at run time. */
    DYNAMIC;

    public boolean numeric() {
        return this == DECIMAL || this == MONEY || this == DYNAMIC;
    }
}

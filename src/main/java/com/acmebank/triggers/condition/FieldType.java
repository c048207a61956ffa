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
    /** An event attribute: text, number or boolean, known only at run time. */
    DYNAMIC;

    public boolean numeric() {
        return this == DECIMAL || this == MONEY || this == DYNAMIC;
    }
}

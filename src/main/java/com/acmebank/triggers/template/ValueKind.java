package com.acmebank.triggers.template;

/** How a placeholder's value is shown when no format is given. */
public enum ValueKind {
    TEXT,
    NUMBER,
    MONEY,
    INSTANT,
    DATE,
    LIST
}

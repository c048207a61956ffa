package com.acmebank.triggers.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads typed fields from a Jackson stream and records a precise reason for each field of the wrong type,
 * so that the parsers can say which field was wrong and how.
 */
final class JsonFields {
    private final JsonParser parser;
    private final List<String> errors;

    JsonFields(JsonParser parser, List<String> errors) {
        this.parser = parser;
        this.errors = errors;
    }

    String text(String field, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            wrongType(field, "a string", token);
            return null;
        }
        return parser.getText();
    }

    BigDecimal decimal(String field, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            wrongType(field, "a decimal number", token);
            return null;
        }
        BigDecimal value = parser.getDecimalValue();
        if (!Money.representable(value)) {
            errors.add(field + ": " + value.toPlainString() + " has more than " + Money.SCALE + " decimal places or is too large");
            return null;
        }
        return value;
    }

    /** An instant: ISO-8601 text with an offset or Z, or epoch milliseconds (a JSON integer). */
    Long instant(String field, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            try {
                return parser.getLongValue();
            } catch (IOException outOfRange) {
                errors.add(field + ": epoch milliseconds out of range");
                return null;
            }
        }
        if (token != JsonToken.VALUE_STRING) {
            wrongType(field, "an ISO-8601 instant or epoch milliseconds", token);
            return null;
        }
        String text = parser.getText();
        try {
            return Times.parseInstant(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            errors.add(field + ": '" + text + "' is not an ISO-8601 instant with an offset or Z"
                    + " (e.g. 2026-11-22T09:15:00+08:00) nor epoch milliseconds");
            return null;
        }
    }

    void wrongType(String field, String expected, JsonToken token) throws IOException {
        errors.add(field + ": expected " + expected + ", got " + describe(token));
        parser.skipChildren();
    }

    static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }
}

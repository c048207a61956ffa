package com.acmebank.triggers.profile;

import com.acmebank.triggers.event.Parsed;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses a customer profile (docs/contracts.md, "Customer profiles") and names every field that is wrong. */
public final class ProfileParser {
    public static final Set<String> TIERS = Set.of("MASS", "SILVER", "GOLD", "DIAMOND");

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A deletion of the customer's profile (a Kafka tombstone on the compacted topic). */
    public static Profile tombstone(String customerId) {
        Profile p = new Profile();
        p.customerId = customerId;
        p.deleted = true;
        return p;
    }

    public Parsed<Profile> parse(String text) {
        if (text == null || text.isBlank()) {
            return Parsed.failed("empty record", null);
        }
        List<String> errors = new ArrayList<>(2);
        Profile p = new Profile();
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Parsed.failed("not a JSON object", null);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "customerId" -> p.customerId = text(parser, name, token, errors);
                    case "updatedAt" -> p.updatedAt = updatedAt(parser, token, errors);
                    case "name" -> p.name = text(parser, name, token, errors);
                    case "tier" -> p.tier = text(parser, name, token, errors);
                    case "segments" -> p.segments = segments(parser, token, errors);
                    case "birthDate" -> p.birthDate = text(parser, name, token, errors);
                    case "timezone" -> p.timezone = text(parser, name, token, errors);
                    case "language" -> p.language = text(parser, name, token, errors);
                    case "consent" -> p.consent = consent(parser, token, errors);
                    case "attributes" -> p.attributes = attributes(parser, token, errors);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                return Parsed.failed("not valid JSON: content after the end of the object", null);
            }
        } catch (JsonProcessingException ex) {
            return Parsed.failed("not valid JSON: " + ex.getOriginalMessage(), null);
        } catch (IOException ex) {
            return Parsed.failed("unreadable record: " + ex.getMessage(), null);
        }
        check(p, errors);
        return errors.isEmpty() ? Parsed.ok(p) : Parsed.failed(String.join("; ", errors), null);
    }

    private static void check(Profile p, List<String> errors) {
        if (p.customerId == null || p.customerId.isBlank()) {
            errors.add(0, "customerId: missing required field");
        }
        if (p.tier != null && !TIERS.contains(p.tier)) {
            errors.add("tier: expected one of MASS, SILVER, GOLD, DIAMOND, got '" + p.tier + "'");
        }
        if (p.birthDate != null) {
            try {
                LocalDate.parse(p.birthDate);
            } catch (DateTimeParseException e) {
                errors.add("birthDate: expected an ISO date like 1990-05-01, got '" + p.birthDate + "'");
            }
        }
        if (p.timezone != null) {
            try {
                ZoneId.of(p.timezone);
            } catch (DateTimeException e) {
                errors.add("timezone: unknown time zone '" + p.timezone + "' (expected an IANA id like Asia/Shanghai)");
            }
        }
    }

    private static String text(JsonParser parser, String field, JsonToken token, List<String> errors) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            errors.add(field + ": expected a string");
            parser.skipChildren();
            return null;
        }
        return parser.getText();
    }

    private static long updatedAt(JsonParser parser, JsonToken token, List<String> errors) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return Profile.NO_TIME;
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return com.acmebank.triggers.event.Times.parseInstant(parser.getText());
            } catch (DateTimeParseException | NumberFormatException e) {
                errors.add("updatedAt: '" + parser.getText() + "' is not an ISO-8601 instant with an offset or Z nor epoch milliseconds");
                return Profile.NO_TIME;
            }
        }
        errors.add("updatedAt: expected an ISO-8601 instant or epoch milliseconds");
        parser.skipChildren();
        return Profile.NO_TIME;
    }

    private static List<String> segments(JsonParser parser, JsonToken token, List<String> errors) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            errors.add("segments: expected an array of strings");
            parser.skipChildren();
            return null;
        }
        List<String> values = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                errors.add("segments: expected an array of strings");
                parser.skipChildren();
            } else {
                values.add(parser.getText());
            }
        }
        return values;
    }

    /** Further CRM fields: strings, numbers and booleans, kept as text (a null is skipped). */
    private static Map<String, String> attributes(JsonParser parser, JsonToken token, List<String> errors) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            errors.add("attributes: expected an object of string, number or boolean fields");
            parser.skipChildren();
            return null;
        }
        Map<String, String> values = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (value) {
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_TRUE, VALUE_FALSE -> values.put(name, parser.getText());
                case VALUE_NUMBER_FLOAT -> values.put(name, parser.getDecimalValue().toPlainString());
                case VALUE_NULL -> { }
                default -> {
                    errors.add("attributes." + name + ": expected a string, number or boolean");
                    parser.skipChildren();
                }
            }
        }
        return values;
    }

    private static Map<String, Boolean> consent(JsonParser parser, JsonToken token, List<String> errors) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            errors.add("consent: expected an object of channel to boolean");
            parser.skipChildren();
            return null;
        }
        Map<String, Boolean> values = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String channel = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
                values.put(channel, value == JsonToken.VALUE_TRUE);
            } else {
                errors.add("consent." + channel + ": expected true or false");
                parser.skipChildren();
            }
        }
        return values;
    }
}

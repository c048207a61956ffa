package com.acmebank.triggers.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses one input event (docs/contracts.md, "Input events") from JSON, naming every field that is missing or of
 * the wrong type.
 * Unknown fields are ignored, so upstream systems may add optional fields freely.
 */
public final class EventParser {
    /** Event types that move money and so must carry an amount. */
    public static final Set<String> MONEY_TYPES = Set.of("CARD_PAYMENT", "SALARY_CREDIT", "TRANSFER_IN", "TRANSFER_OUT",
            "PRODUCT_PURCHASE", "PRODUCT_REDEMPTION", "LOAN_DISBURSED", "MERCHANT_SETTLEMENT");

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public Parsed<Event> parse(String text) {
        if (text == null || text.isBlank()) {
            return Parsed.failed("empty record", null);
        }
        List<String> errors = new ArrayList<>(2);
        Event e = new Event();
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Parsed.failed("not a JSON object", null);
            }
            JsonFields fields = new JsonFields(parser, errors);
            Long eventTime = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "eventId" -> e.eventId = fields.text(name, token);
                    case "type" -> e.type = fields.text(name, token);
                    case "customerId" -> e.customerId = fields.text(name, token);
                    case "eventTime" -> eventTime = fields.instant(name, token);
                    case "amount" -> e.amount = fields.decimal(name, token);
                    case "currency" -> e.currency = fields.text(name, token);
                    case "merchantId" -> e.merchantId = fields.text(name, token);
                    case "merchantName" -> e.merchantName = fields.text(name, token);
                    case "mcc" -> e.mcc = fields.text(name, token);
                    case "country" -> e.country = fields.text(name, token);
                    case "channel" -> e.channel = fields.text(name, token);
                    case "cardType" -> e.cardType = fields.text(name, token);
                    case "balance" -> e.balance = fields.decimal(name, token);
                    case "productId" -> e.productId = fields.text(name, token);
                    case "productType" -> e.productType = fields.text(name, token);
                    case "loanType" -> e.loanType = fields.text(name, token);
                    case "counterpartyBank" -> e.counterpartyBank = fields.text(name, token);
                    case "changePct" -> e.changePct = fields.decimal(name, token);
                    case "originalEventId" -> e.originalEventId = fields.text(name, token);
                    case "attributes" -> e.attributes = attributes(parser, token, fields, errors);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                return Parsed.failed("not valid JSON: content after the end of the object", e.eventId);
            }
            if (eventTime != null) {
                e.eventTime = eventTime;
            }
            checkRequired(e, eventTime != null, errors);
        } catch (JsonProcessingException ex) {
            return Parsed.failed("not valid JSON: " + ex.getOriginalMessage()
                    + " (line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")", e.eventId);
        } catch (IOException ex) {
            return Parsed.failed("unreadable record: " + ex.getMessage(), e.eventId);
        }
        if (!errors.isEmpty()) {
            return Parsed.failed(String.join("; ", errors), e.eventId);
        }
        if (e.currency == null) {
            e.currency = "CNY";
        }
        if (e.country == null) {
            e.country = "CN";
        }
        return Parsed.ok(e);
    }

    private static void checkRequired(Event e, boolean hasTime, List<String> errors) {
        // a field already reported as malformed is not reported again as missing
        java.util.function.Predicate<String> reported = field -> errors.stream().anyMatch(x -> x.startsWith(field + ":"));
        if ((e.eventId == null || e.eventId.isBlank()) && !reported.test("eventId")) {
            errors.add(0, "eventId: missing required field");
        }
        if (e.type == null || e.type.isBlank()) {
            if (!reported.test("type")) {
                errors.add("type: missing required field");
            }
            return;
        }
        boolean marketMove = Event.MARKET_MOVE.equals(e.type);
        if (!marketMove && (e.customerId == null || e.customerId.isBlank()) && !reported.test("customerId")) {
            errors.add("customerId: missing required field (only MARKET_MOVE may omit it)");
        }
        if (!hasTime && !reported.test("eventTime")) {
            errors.add("eventTime: missing required field");
        }
        if (MONEY_TYPES.contains(e.type) && e.amount == null && !reported.test("amount")) {
            errors.add("amount: missing, required for " + e.type);
        }
        if (e.amount != null && e.amount.signum() < 0) {
            errors.add("amount: must be >= 0, got " + e.amount.toPlainString());
        }
        if ("BALANCE_SNAPSHOT".equals(e.type) && e.balance == null && !reported.test("balance")) {
            errors.add("balance: missing, required for BALANCE_SNAPSHOT");
        }
        if ("LOAN_DISBURSED".equals(e.type) && (e.loanType == null || e.loanType.isBlank()) && !reported.test("loanType")) {
            errors.add("loanType: missing, required for LOAN_DISBURSED");
        }
        if (Event.PAYMENT_REVERSAL.equals(e.type) && (e.originalEventId == null || e.originalEventId.isBlank())
                && !reported.test("originalEventId")) {
            errors.add("originalEventId: missing, required for PAYMENT_REVERSAL (the eventId of the payment reversed)");
        }
        if (marketMove) {
            if (e.changePct == null && !reported.test("changePct")) {
                errors.add("changePct: missing, required for MARKET_MOVE");
            }
            if ((e.productId == null || e.productId.isBlank()) && !reported.test("productId")) {
                errors.add("productId: missing, required for MARKET_MOVE");
            }
        }
        if (e.currency != null && !upperLetters(e.currency, 3)) {
            errors.add("currency: expected an ISO 4217 code like CNY, got '" + e.currency + "'");
        }
        if (e.country != null && !upperLetters(e.country, 2)) {
            errors.add("country: expected an ISO 3166 alpha-2 code like CN, got '" + e.country + "'");
        }
        if (e.cardType != null && !e.cardType.equals("CREDIT") && !e.cardType.equals("DEBIT")) {
            errors.add("cardType: expected CREDIT or DEBIT, got '" + e.cardType + "'");
        }
    }

    /** Exactly {@code length} letters A-Z (an ISO currency or country code); no regex on the per-event path. */
    private static boolean upperLetters(String text, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> attributes(JsonParser parser, JsonToken token, JsonFields fields, List<String> errors)
            throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            fields.wrongType("attributes", "an object", token);
            return null;
        }
        Map<String, String> values = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (value) {
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                        values.put(name, value == JsonToken.VALUE_NUMBER_FLOAT ? parser.getDecimalValue().toPlainString() : parser.getText());
                case VALUE_NULL -> { }
                default -> {
                    errors.add("attributes." + name + ": expected a string, number or boolean, got " + JsonFields.describe(value));
                    parser.skipChildren();
                }
            }
        }
        return values;
    }

    /** A BigDecimal view of a numeric attribute, or null. */
    public static BigDecimal numericAttribute(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

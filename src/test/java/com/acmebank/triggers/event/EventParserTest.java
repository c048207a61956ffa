package com.acmebank.triggers.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {
    private final EventParser parser = new EventParser();

    @Test
    void readsEveryContractField() {
        Parsed<Event> p = parser.parse("{\"eventId\":\"e1\",\"type\":\"CARD_PAYMENT\",\"customerId\":\"C1\","
                + "\"eventTime\":\"2026-11-22T09:15:00+08:00\",\"amount\":200.50,\"currency\":\"CNY\",\"merchantId\":\"M1\","
                + "\"merchantName\":\"Cafe\",\"mcc\":\"5814\",\"country\":\"JP\",\"channel\":\"POS\",\"cardType\":\"CREDIT\","
                + "\"productId\":\"F1\",\"productType\":\"FUND\",\"counterpartyBank\":\"ICBC\","
                + "\"attributes\":{\"vip\":true,\"score\":7.5,\"tag\":\"x\"},\"futureField\":{\"nested\":[1,2]}}");
        assertThat(p.isOk()).as(p.error()).isTrue();
        Event e = p.value();
        assertThat(e.eventTime).isEqualTo(java.time.Instant.parse("2026-11-22T01:15:00Z").toEpochMilli());
        assertThat(e.amount).isEqualByComparingTo("200.50");
        assertThat(e.country).isEqualTo("JP");
        assertThat(e.cardType).isEqualTo("CREDIT");
        assertThat(e.attributes).containsEntry("vip", "true").containsEntry("score", "7.5").containsEntry("tag", "x");
    }

    @Test
    void acceptsEpochMillisecondsAndZulu() {
        assertThat(parser.parse("{\"eventId\":\"e\",\"type\":\"APP_LOGIN\",\"customerId\":\"C\",\"eventTime\":1763774100000}").value().eventTime)
                .isEqualTo(1763774100000L);
        assertThat(parser.parse("{\"eventId\":\"e\",\"type\":\"APP_LOGIN\",\"customerId\":\"C\",\"eventTime\":\"2026-11-22T01:15:00Z\"}").value().eventTime)
                .isEqualTo(java.time.Instant.parse("2026-11-22T01:15:00Z").toEpochMilli());
    }

    @Test
    void defaultsCurrencyAndCountry() {
        Event e = parser.parse("{\"eventId\":\"e\",\"type\":\"SALARY_CREDIT\",\"customerId\":\"C\",\"eventTime\":1,\"amount\":3000}").value();
        assertThat(e.currency).isEqualTo("CNY");
        assertThat(e.country).isEqualTo("CN");
        assertThat(e.amount).isEqualByComparingTo(new BigDecimal("3000"));
    }

    @Test
    void marketMoveNeedsNoCustomer() {
        Parsed<Event> p = parser.parse("{\"eventId\":\"m1\",\"type\":\"MARKET_MOVE\",\"eventTime\":1,\"productId\":\"F1\",\"changePct\":-6.2}");
        assertThat(p.isOk()).isTrue();
        assertThat(p.value().customerId).isNull();
        assertThat(p.value().changePct).isEqualByComparingTo("-6.2");
    }

    @Test
    void unknownEventTypesAreAccepted() {
        assertThat(parser.parse("{\"eventId\":\"e\",\"type\":\"CHEQUE_DEPOSIT\",\"customerId\":\"C\",\"eventTime\":1}").isOk()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json at all|not valid JSON",
        "[1,2]|not a JSON object",
        "{\"eventId\":\"e\"} trailing|not valid JSON",
        "{\"type\":\"APP_LOGIN\",\"customerId\":\"C\",\"eventTime\":1}|eventId: missing required field",
        "{\"eventId\":\"e\",\"customerId\":\"C\",\"eventTime\":1}|type: missing required field",
        "{\"eventId\":\"e\",\"type\":\"APP_LOGIN\",\"eventTime\":1}|customerId: missing required field",
        "{\"eventId\":\"e\",\"type\":\"APP_LOGIN\",\"customerId\":\"C\"}|eventTime: missing required field",
        "{\"eventId\":\"e\",\"type\":\"APP_LOGIN\",\"customerId\":\"C\",\"eventTime\":\"2026-11-22T09:15:00\"}|eventTime: '2026-11-22T09:15:00' is not an ISO-8601 instant with an offset or Z",
        "{\"eventId\":\"e\",\"type\":\"APP_LOGIN\",\"customerId\":\"C\",\"eventTime\":true}|eventTime: expected an ISO-8601 instant or epoch milliseconds, got a boolean",
        "{\"eventId\":\"e\",\"type\":\"CARD_PAYMENT\",\"customerId\":\"C\",\"eventTime\":1}|amount: missing, required for CARD_PAYMENT",
        "{\"eventId\":\"e\",\"type\":\"CARD_PAYMENT\",\"customerId\":\"C\",\"eventTime\":1,\"amount\":\"200.00\"}|amount: expected a decimal number, got a string",
        "{\"eventId\":\"e\",\"type\":\"CARD_PAYMENT\",\"customerId\":\"C\",\"eventTime\":1,\"amount\":-1}|amount: must be >= 0, got -1",
        "{\"eventId\":\"e\",\"type\":\"CARD_PAYMENT\",\"customerId\":\"C\",\"eventTime\":1,\"amount\":1.00001}|amount: 1.00001 has more than 4 decimal places",
        "{\"eventId\":\"e\",\"type\":\"BALANCE_SNAPSHOT\",\"customerId\":\"C\",\"eventTime\":1}|balance: missing, required for BALANCE_SNAPSHOT",
        "{\"eventId\":\"e\",\"type\":\"LOAN_DISBURSED\",\"customerId\":\"C\",\"eventTime\":1,\"amount\":1}|loanType: missing, required for LOAN_DISBURSED",
        "{\"eventId\":\"e\",\"type\":\"MARKET_MOVE\",\"eventTime\":1,\"productId\":\"F\"}|changePct: missing, required for MARKET_MOVE",
        "{\"eventId\":\"e\",\"type\":\"MARKET_MOVE\",\"eventTime\":1,\"changePct\":-5}|productId: missing, required for MARKET_MOVE",
        "{\"eventId\":\"e\",\"type\":\"APP_LOGIN\",\"customerId\":42,\"eventTime\":1}|customerId: expected a string, got a number",
        "{\"eventId\":\"e\",\"type\":\"APP_LOGIN\",\"customerId\":\"C\",\"eventTime\":1,\"currency\":\"yuan\"}|currency: expected an ISO 4217 code like CNY, got 'yuan'",
        "{\"eventId\":\"e\",\"type\":\"APP_LOGIN\",\"customerId\":\"C\",\"eventTime\":1,\"country\":\"CHN\"}|country: expected an ISO 3166 alpha-2 code like CN, got 'CHN'",
        "{\"eventId\":\"e\",\"type\":\"APP_LOGIN\",\"customerId\":\"C\",\"eventTime\":1,\"cardType\":\"GOLD\"}|cardType: expected CREDIT or DEBIT, got 'GOLD'",
        "{\"eventId\":\"e\",\"type\":\"APP_LOGIN\",\"customerId\":\"C\",\"eventTime\":1,\"attributes\":[1]}|attributes: expected an object, got an array",
        "{\"eventId\":\"e\",\"type\":\"APP_LOGIN\",\"customerId\":\"C\",\"eventTime\":1,\"attributes\":{\"a\":{}}}|attributes.a: expected a string, number or boolean, got an object",
        "{\"eventId\":\"e\",\"eventId\":\"f\",\"type\":\"APP_LOGIN\",\"customerId\":\"C\",\"eventTime\":1}|not valid JSON: Duplicate field 'eventId'"
    })
    void rejectsWithAReasonNamingTheField(String json, String reason) {
        Parsed<Event> p = parser.parse(json);
        assertThat(p.isOk()).isFalse();
        assertThat(p.error()).contains(reason);
    }

    @Test
    void aMalformedFieldIsNotAlsoReportedMissing() {
        Parsed<Event> p = parser.parse("{\"eventId\":\"e9\",\"type\":\"SALARY_CREDIT\",\"customerId\":\"C\",\"eventTime\":1,\"amount\":\"abc\"}");
        assertThat(p.error()).isEqualTo("amount: expected a decimal number, got a string");
        assertThat(p.eventId()).isEqualTo("e9");
    }

    @Test
    void reportsEveryProblemOfARecord() {
        Parsed<Event> p = parser.parse("{\"type\":\"CARD_PAYMENT\",\"customerId\":\"C\"}");
        assertThat(p.error()).contains("eventId: missing").contains("eventTime: missing").contains("amount: missing");
    }

    @Test
    void aReversalNamesThePaymentItReversesAndMayOmitItsAmount() {
        Parsed<Event> p = parser.parse("{\"eventId\":\"r1\",\"type\":\"PAYMENT_REVERSAL\",\"customerId\":\"C1\","
                + "\"eventTime\":\"2026-11-22T09:15:00+08:00\",\"originalEventId\":\"e1\"}");
        assertThat(p.isOk()).as(p.error()).isTrue();
        assertThat(p.value().originalEventId).isEqualTo("e1");
        assertThat(p.value().amount).isNull();
    }

    @Test
    void aReversalWithoutOriginalEventIdIsRejected() {
        Parsed<Event> p = parser.parse("{\"eventId\":\"r1\",\"type\":\"PAYMENT_REVERSAL\",\"customerId\":\"C1\","
                + "\"eventTime\":\"2026-11-22T09:15:00+08:00\",\"amount\":5.00,\"originalEventId\":\" \"}");
        assertThat(p.isOk()).isFalse();
        assertThat(p.error()).isEqualTo("originalEventId: missing, required for PAYMENT_REVERSAL (the eventId of the payment reversed)");
    }
}

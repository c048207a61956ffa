package com.acmebank.triggers.event;

import java.math.BigDecimal;
import java.util.Map;

/**
 * An input event from the payment and core-banking systems (docs/contracts.md, "Input events").
 * A Flink POJO (public fields, a no-argument constructor): between operators and in state it has an explicit
 * serializer; state of earlier versions, written by Flink's POJO serializer, is read with that one.
 */
public class Event {
    public static final String MARKET_MOVE = "MARKET_MOVE";
    public static final String PAYMENT_REVERSAL = "PAYMENT_REVERSAL";

    public String eventId;
    public String type;
    /** Null only for events that address no customer (MARKET_MOVE). */
    public String customerId;
    /** Epoch milliseconds. */
    public long eventTime;
    public BigDecimal amount;
    public String currency;
    public String merchantId;
    public String merchantName;
    public String mcc;
    public String country;
    public String channel;
    public String cardType;
    public BigDecimal balance;
    public String productId;
    public String productType;
    public String loanType;
    public String counterpartyBank;
    public BigDecimal changePct;
    /** PAYMENT_REVERSAL: the eventId of the payment it reverses. */
    public String originalEventId;
    /** Further fields; numbers and booleans are kept in their JSON text form. */
    public Map<String, String> attributes;
    /** True when the event reached this customer through a fan-out (it named no customer itself). */
    public boolean fannedOut;
    /** The record as received and where it came from; kept only until the late-event gate, then dropped. */
    public String raw;
    public Origin origin;

    public Event() {}

    /** A copy addressed to one customer, for fan-out. */
    public Event copyFor(String customer) {
        Event e = new Event();
        e.eventId = eventId;
        e.type = type;
        e.customerId = customer;
        e.eventTime = eventTime;
        e.amount = amount;
        e.currency = currency;
        e.merchantId = merchantId;
        e.merchantName = merchantName;
        e.mcc = mcc;
        e.country = country;
        e.channel = channel;
        e.cardType = cardType;
        e.balance = balance;
        e.productId = productId;
        e.productType = productType;
        e.loanType = loanType;
        e.counterpartyBank = counterpartyBank;
        e.changePct = changePct;
        e.originalEventId = originalEventId;
        e.attributes = attributes;
        e.fannedOut = true;
        return e;
    }

    @Override
    public String toString() {
        return type + "(" + eventId + ")";
    }
}

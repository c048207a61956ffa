package com.acmebank.triggers.generator;

/**
 * One generated event before it is written: the contract fields in compact form (money as cents, time as epoch
 * milliseconds plus the customer's offset) and the bookkeeping that orders the output. Kept small because a
 * whole day of them is held in memory.
 */
final class GeneratedEvent {
    static final long NONE = Long.MIN_VALUE;

    static final String CARD_PAYMENT = "CARD_PAYMENT";
    static final String SALARY_CREDIT = "SALARY_CREDIT";
    static final String TRANSFER_IN = "TRANSFER_IN";
    static final String TRANSFER_OUT = "TRANSFER_OUT";
    static final String BALANCE_SNAPSHOT = "BALANCE_SNAPSHOT";
    static final String ACCOUNT_OPENED = "ACCOUNT_OPENED";
    static final String PRODUCT_PURCHASE = "PRODUCT_PURCHASE";
    static final String PRODUCT_REDEMPTION = "PRODUCT_REDEMPTION";
    static final String LOAN_DISBURSED = "LOAN_DISBURSED";
    static final String MERCHANT_SETTLEMENT = "MERCHANT_SETTLEMENT";
    static final String APP_LOGIN = "APP_LOGIN";
    static final String MARKET_MOVE = "MARKET_MOVE";

    /** The twelve contract types, in the order docs/contracts.md lists them (PAYMENT_REVERSAL is not generated). */
    static final String[] TYPES = {CARD_PAYMENT, SALARY_CREDIT, TRANSFER_IN, TRANSFER_OUT, BALANCE_SNAPSHOT, ACCOUNT_OPENED,
        PRODUCT_PURCHASE, PRODUCT_REDEMPTION, LOAN_DISBURSED, MERCHANT_SETTLEMENT, APP_LOGIN, MARKET_MOVE};

    String type;
    String customerId;
    long time;
    int offsetSeconds;
    long amount = NONE;
    long balance = NONE;
    int changeTenths;
    boolean hasChange;
    String merchantId;
    String merchantName;
    String mcc;
    String country;
    String channel;
    String cardType;
    String productId;
    String productType;
    String loanType;
    String counterpartyBank;
    String attributeName;
    String attributeValue;

    /** A planned story event that must happen whatever the balance (first transaction, return from dormancy). */
    boolean forced;
    /** For a redemption: the percentage of the holding to redeem (100 = all of it); 0 means the amount is fixed. */
    int redeemPercent;

    /** Output order: event time minus any deliberate disorder, then generation order. */
    long key;
    long seq;

    GeneratedEvent(String type, String customerId, long time, int offsetSeconds) {
        this.type = type;
        this.customerId = customerId;
        this.time = time;
        this.offsetSeconds = offsetSeconds;
    }

    GeneratedEvent attribute(String name, String value) {
        attributeName = name;
        attributeValue = value;
        return this;
    }

    /** CARD_PAYMENT, TRANSFER_OUT and PRODUCT_PURCHASE: what ends dormancy (S4, S5, S13). */
    boolean customerInitiated() {
        return CARD_PAYMENT.equals(type) || TRANSFER_OUT.equals(type) || PRODUCT_PURCHASE.equals(type);
    }

    GeneratedEvent copy() {
        GeneratedEvent e = new GeneratedEvent(type, customerId, time, offsetSeconds);
        e.amount = amount;
        e.balance = balance;
        e.changeTenths = changeTenths;
        e.hasChange = hasChange;
        e.merchantId = merchantId;
        e.merchantName = merchantName;
        e.mcc = mcc;
        e.country = country;
        e.channel = channel;
        e.cardType = cardType;
        e.productId = productId;
        e.productType = productType;
        e.loanType = loanType;
        e.counterpartyBank = counterpartyBank;
        e.attributeName = attributeName;
        e.attributeValue = attributeValue;
        e.forced = forced;
        e.redeemPercent = redeemPercent;
        return e;
    }
}

package com.acmebank.triggers.engine;

/** One product a customer holds: PRODUCT_PURCHASE minus PRODUCT_REDEMPTION amounts, in money units. A POJO. */
public class Holding {
    public long units;
    public String productType;

    public Holding() {}
}

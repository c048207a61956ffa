package com.acmebank.triggers.event;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money inside the engine's state: a long count of ten-thousandths of the currency unit, so sums and
 * thresholds are exact integers (never doubles). Amounts with more than four decimals are rejected at the
 * edge, so conversion here never rounds.
 */
public final class Money {
    public static final int SCALE = 4;

    private Money() {}

    public static long toUnits(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /** The amount back as a decimal with at least two places (1000.00, 0.125). */
    public static BigDecimal fromUnits(long units) {
        BigDecimal value = BigDecimal.valueOf(units, SCALE).stripTrailingZeros();
        return value.scale() < 2 ? value.setScale(2) : value;
    }

    /** True when the amount fits the engine's precision: at most four decimals and below 10^12 in size. */
    public static boolean representable(BigDecimal amount) {
        return amount.stripTrailingZeros().scale() <= SCALE && amount.abs().compareTo(LIMIT) < 0;
    }

    private static final BigDecimal LIMIT = BigDecimal.TEN.pow(12);
}

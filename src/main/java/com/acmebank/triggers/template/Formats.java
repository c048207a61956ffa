package com.acmebank.triggers.template;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Formats values for the customer's language: amounts as currency (zh-CN: ¥1,000.00, en-US: CN¥1,000.00),
 * instants as local dates. Not thread-safe (NumberFormat is not): one instance per operator.
 */
public final class Formats {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final Map<String, NumberFormat> money = new HashMap<>();

    public String money(BigDecimal amount, String language, String currency) {
        String key = language + "/" + currency;
        NumberFormat format = money.computeIfAbsent(key, k -> {
            NumberFormat f = NumberFormat.getCurrencyInstance(Locale.forLanguageTag(language));
            try {
                f.setCurrency(Currency.getInstance(currency));
            } catch (IllegalArgumentException unknownCurrency) {
                // keep the locale's currency
            }
            f.setMinimumFractionDigits(2);
            return f;
        });
        return format.format(amount);
    }

    public String number(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0 ? value.setScale(0, java.math.RoundingMode.UNNECESSARY).toPlainString()
                : value.stripTrailingZeros().toPlainString();
    }

    public String date(long epochMillis, ZoneId zone) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone).format(DATE);
    }

    public String dateTime(long epochMillis, ZoneId zone) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone).format(DATE_TIME);
    }
}

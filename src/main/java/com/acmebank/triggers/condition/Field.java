package com.acmebank.triggers.condition;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.profile.Profile;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A field a rule can name: an event field (amount or event.amount), an event attribute (attributes.x) or a
 * profile field (profile.tier). Resolved once when the rule is compiled; reading it is a direct getter call.
 */
public final class Field {
    private static final Map<String, Field> EVENT = new LinkedHashMap<>();
    private static final Map<String, Field> PROFILE = new LinkedHashMap<>();
    private static final Map<String, Field> CUSTOMER = new LinkedHashMap<>();

    static {
        event("eventId", FieldType.TEXT, e -> e.eventId);
        event("type", FieldType.TEXT, e -> e.type);
        event("customerId", FieldType.TEXT, e -> e.customerId);
        event("eventTime", FieldType.INSTANT, e -> e.eventTime);
        event("amount", FieldType.MONEY, e -> e.amount);
        event("currency", FieldType.TEXT, e -> e.currency);
        event("merchantId", FieldType.TEXT, e -> e.merchantId);
        event("merchantName", FieldType.TEXT, e -> e.merchantName);
        event("mcc", FieldType.TEXT, e -> e.mcc);
        event("country", FieldType.TEXT, e -> e.country);
        event("channel", FieldType.TEXT, e -> e.channel);
        event("cardType", FieldType.TEXT, e -> e.cardType);
        event("balance", FieldType.MONEY, e -> e.balance);
        event("productId", FieldType.TEXT, e -> e.productId);
        event("productType", FieldType.TEXT, e -> e.productType);
        event("loanType", FieldType.TEXT, e -> e.loanType);
        event("counterpartyBank", FieldType.TEXT, e -> e.counterpartyBank);
        event("changePct", FieldType.DECIMAL, e -> e.changePct);
        // the event's time in the customer's own zone (the profile's timezone, else the default)
        local("localDate", FieldType.ORDERED_TEXT, t -> t.toLocalDate().toString());
        local("localTime", FieldType.ORDERED_TEXT, t -> String.format("%02d:%02d", t.getHour(), t.getMinute()));
        local("localHour", FieldType.DECIMAL, t -> BigDecimal.valueOf(t.getHour()));
        local("localDayOfWeek", FieldType.TEXT, t -> t.getDayOfWeek().name());
        local("localDayOfMonth", FieldType.DECIMAL, t -> BigDecimal.valueOf(t.getDayOfMonth()));
        profile("customerId", FieldType.TEXT, p -> p.customerId);
        profile("name", FieldType.TEXT, p -> p.name);
        profile("tier", FieldType.TEXT, p -> p.tier);
        profile("segments", FieldType.TEXT_LIST, p -> p.segments);
        profile("birthDate", FieldType.DATE, p -> p.birthDate);
        profile("timezone", FieldType.TEXT, p -> p.timezone);
        profile("language", FieldType.TEXT, p -> p.language);
        PROFILE.put("age", new Field("profile.age", "age", FieldType.DECIMAL, false, Field::age));
        CUSTOMER.put("holdings", new Field("customer.holdings", "holdings", FieldType.TEXT_LIST, false, Facts::holdings));
        CUSTOMER.put("holdingTypes", new Field("customer.holdingTypes", "holdingTypes", FieldType.TEXT_LIST, false, Facts::holdingTypes));
    }

    /** What the engine keeps of the customer beyond the profile (the products held, from purchases and redemptions). */
    private static final Map<String, Field> CUSTOMER_FIELDS = CUSTOMER;

    /** True for the customer's holdings: rules that read them make the engine keep them. */
    public boolean isHoldings() {
        return path.startsWith("customer.");
    }

    /** Whole years since the birthDate, on the local date of the instant being evaluated. */
    private static Object age(Facts f) {
        Profile p = f.profile();
        LocalDateTime now = f.localTime();
        if (p == null || p.birthDate == null || now == null) {
            return null;
        }
        try {
            return BigDecimal.valueOf(Period.between(LocalDate.parse(p.birthDate), now.toLocalDate()).getYears());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static void local(String name, FieldType type, Function<LocalDateTime, Object> getter) {
        EVENT.put(name, new Field("event." + name, name, type, true, f -> {
            LocalDateTime t = f.event() == null ? null : f.localTime();
            return t == null ? null : getter.apply(t);
        }));
    }

    /** Event fields every valid event has. */
    public static final Set<String> ALWAYS_PRESENT = Set.of("eventId", "type", "eventTime", "currency", "country");

    private final String path;
    private final String name;
    private final FieldType type;
    private final boolean onEvent;
    private final Function<Facts, Object> getter;

    private Field(String path, String name, FieldType type, boolean onEvent, Function<Facts, Object> getter) {
        this.path = path;
        this.name = name;
        this.type = type;
        this.onEvent = onEvent;
        this.getter = getter;
    }

    private static void event(String name, FieldType type, Function<Event, Object> getter) {
        EVENT.put(name, new Field("event." + name, name, type, true, f -> f.event() == null ? null : getter.apply(f.event())));
    }

    private static void profile(String name, FieldType type, Function<Profile, Object> getter) {
        PROFILE.put(name, new Field("profile." + name, name, type, false, f -> f.profile() == null ? null : getter.apply(f.profile())));
    }

    /** Resolves a path; null when no such field exists. A bare name means an event field. */
    public static Field resolve(String path) {
        if (path.startsWith("customer.")) {
            return CUSTOMER_FIELDS.get(path.substring("customer.".length()));
        }
        if (path.startsWith("profile.attributes.") && path.length() > "profile.attributes.".length()) {
            String attribute = path.substring("profile.attributes.".length());
            return new Field(path, "attributes." + attribute, FieldType.DYNAMIC, false,
                    f -> f.profile() == null || f.profile().attributes == null ? null : f.profile().attributes.get(attribute));
        }
        if (path.startsWith("profile.")) {
            return PROFILE.get(path.substring("profile.".length()));
        }
        String name = path.startsWith("event.") ? path.substring("event.".length()) : path;
        if (name.startsWith("attributes.") && name.length() > "attributes.".length()) {
            String attribute = name.substring("attributes.".length());
            return new Field("event." + name, name, FieldType.DYNAMIC, true,
                    f -> f.event() == null || f.event().attributes == null ? null : f.event().attributes.get(attribute));
        }
        return EVENT.get(name);
    }

    public static String known() {
        return String.join(", ", EVENT.keySet()) + ", attributes.<name>, profile." + String.join(", profile.", PROFILE.keySet())
                + ", profile.attributes.<name>, customer.holdings, customer.holdingTypes";
    }

    public Object read(Facts facts) {
        return getter.apply(facts);
    }

    /** event.amount, profile.tier, event.attributes.x */
    public String path() {
        return path;
    }

    /** The name on the event (amount, attributes.x) or the profile (tier). */
    public String name() {
        return name;
    }

    public FieldType type() {
        return type;
    }

    public boolean onEvent() {
        return onEvent;
    }
}

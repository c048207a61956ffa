package com.acmebank.triggers.generator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.time.LocalDate;

/**
 * Writes generated events and profiles as JSON Lines in the contract formats (docs/contracts.md), and the deliberately
 * malformed variants the dead-letter path must catch. Hand-rolled on a reused buffer because millions of lines are
 * written; Jackson's encoder escapes the text values.
 */
final class JsonLines {
    /** The kinds of malformed line, each rejected by the event parser for a different reason. */
    enum Defect { INVALID_JSON, MISSING_EVENT_ID, AMOUNT_AS_STRING, TIME_WITHOUT_OFFSET, NEGATIVE_AMOUNT }

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private final StringBuilder sb = new StringBuilder(512);
    private boolean first;
    private long cachedDay = Long.MIN_VALUE;
    private String cachedDate;

    String event(GeneratedEvent e, String eventId, boolean epochMillis) {
        render(e, eventId, epochMillis, null);
        return sb.toString();
    }

    /** A broken copy of {@code e}; {@code salt} picks where an invalid line is cut. */
    String malformed(GeneratedEvent e, String eventId, Defect defect, long salt) {
        render(e, eventId, false, defect);
        if (defect == Defect.INVALID_JSON) {
            int cut = 8 + (int) Math.floorMod(salt, (long) Math.max(1, sb.length() - 10));
            sb.setLength(Math.min(cut, sb.length() - 1));
        }
        return sb.toString();
    }

    String profile(CustomerPersona p) {
        sb.setLength(0);
        sb.append('{');
        first = true;
        text("customerId", p.id);
        name("updatedAt");
        sb.append('"');
        instant(p.updatedAt, DayFrame.offset(p.zone, p.updatedAt), true);
        sb.append('"');
        text("name", p.name);
        text("tier", p.tier);
        name("segments");
        sb.append('[');
        for (int i = 0; i < p.segments.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            quoted(p.segments.get(i));
        }
        sb.append(']');
        text("birthDate", p.birthDate.toString());
        text("timezone", p.zone.getId());
        text("language", p.language);
        if (p.consentMode != 1) {
            name("consent");
            sb.append("{\"SMS\":").append(p.sms).append(",\"PUSH\":").append(p.push).append(",\"EMAIL\":").append(p.email).append('}');
        }
        sb.append('}');
        return sb.toString();
    }

    private void render(GeneratedEvent e, String eventId, boolean epochMillis, Defect defect) {
        sb.setLength(0);
        sb.append('{');
        first = true;
        if (defect != Defect.MISSING_EVENT_ID) {
            text("eventId", eventId);
        }
        text("type", e.type);
        if (e.customerId != null) {
            text("customerId", e.customerId);
        }
        name("eventTime");
        if (defect == Defect.TIME_WITHOUT_OFFSET) {
            sb.append('"');
            instant(e.time, e.offsetSeconds, false);
            sb.append('"');
        } else if (epochMillis) {
            sb.append(e.time);
        } else {
            sb.append('"');
            instant(e.time, e.offsetSeconds, true);
            sb.append('"');
        }
        if (e.amount != GeneratedEvent.NONE || defect == Defect.AMOUNT_AS_STRING || defect == Defect.NEGATIVE_AMOUNT) {
            long amount = e.amount != GeneratedEvent.NONE ? e.amount : Cents.yuan(100);
            name("amount");
            if (defect == Defect.AMOUNT_AS_STRING) {
                sb.append('"');
                Cents.append(sb, amount);
                sb.append('"');
            } else {
                Cents.append(sb, defect == Defect.NEGATIVE_AMOUNT ? -Math.max(1, amount) : amount);
            }
            text("currency", "CNY");
        }
        if (e.balance != GeneratedEvent.NONE) {
            name("balance");
            Cents.append(sb, e.balance);
        }
        optional("merchantId", e.merchantId);
        optional("merchantName", e.merchantName);
        optional("mcc", e.mcc);
        optional("country", e.country);
        optional("channel", e.channel);
        optional("cardType", e.cardType);
        optional("productId", e.productId);
        optional("productType", e.productType);
        optional("loanType", e.loanType);
        optional("counterpartyBank", e.counterpartyBank);
        if (e.hasChange) {
            name("changePct");
            int tenths = e.changeTenths;
            if (tenths < 0) {
                sb.append('-');
                tenths = -tenths;
            }
            sb.append(tenths / 10).append('.').append(tenths % 10);
        }
        if (e.attributeName != null) {
            name("attributes");
            sb.append('{');
            quoted(e.attributeName);
            sb.append(':');
            quoted(e.attributeValue);
            sb.append('}');
        }
        sb.append('}');
    }

    private void name(String name) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        sb.append('"').append(name).append("\":");
    }

    private void text(String name, String value) {
        name(name);
        quoted(value);
    }

    private void optional(String name, String value) {
        if (value != null) {
            text(name, value);
        }
    }

    private void quoted(String value) {
        sb.append('"');
        if (plain(value)) {
            sb.append(value);
        } else {
            ENCODER.quoteAsString(value, sb);
        }
        sb.append('"');
    }

    /** Printable ASCII without quote or backslash needs no escaping: nearly every value, so skip the encoder. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** ISO-8601 local date-time of the instant at the offset, e.g. 2026-11-03T12:41:07+08:00 (Z for UTC). */
    private void instant(long millis, int offsetSeconds, boolean withOffset) {
        long local = Math.floorDiv(millis, 1000) + offsetSeconds;
        int ms = Math.floorMod(millis, 1000);
        long day = Math.floorDiv(local, 86_400);
        int second = Math.floorMod(local, 86_400);
        if (day != cachedDay) {
            cachedDay = day;
            cachedDate = LocalDate.ofEpochDay(day).toString();
        }
        sb.append(cachedDate).append('T');
        two(second / 3600);
        sb.append(':');
        two(second / 60 % 60);
        sb.append(':');
        two(second % 60);
        if (ms != 0) {
            sb.append('.');
            if (ms < 100) {
                sb.append('0');
            }
            if (ms < 10) {
                sb.append('0');
            }
            sb.append(ms);
        }
        if (withOffset) {
            if (offsetSeconds == 0) {
                sb.append('Z');
            } else {
                int abs = Math.abs(offsetSeconds);
                sb.append(offsetSeconds < 0 ? '-' : '+');
                two(abs / 3600);
                sb.append(':');
                two(abs / 60 % 60);
            }
        }
    }

    private void two(int value) {
        if (value < 10) {
            sb.append('0');
        }
        sb.append(value);
    }
}

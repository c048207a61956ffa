package com.acmebank.triggers.rule;

import com.acmebank.triggers.spec.SpecNode;
import com.acmebank.triggers.spec.Durations;
import com.acmebank.triggers.condition.Facts;
import com.acmebank.triggers.condition.Field;
import com.acmebank.triggers.window.CalendarPeriod;
import java.time.ZoneId;

/**
 * How often a rule may reach one customer: once per local calendar period, once per rolling duration, or
 * once ever; optionally counted separately per value of an event field (once per product per day). A
 * firing blocked by it is recorded as SUPPRESSED / COOLDOWN.
 */
public final class RepeatLimit {
    public static final RepeatLimit NONE = new RepeatLimit(null, 0, false, null, "none");

    private final CalendarPeriod period;
    private final long rolling;
    private final boolean ever;
    private final Field key;
    private final String description;

    private RepeatLimit(CalendarPeriod period, long rolling, boolean ever, Field key, String description) {
        this.period = period;
        this.rolling = rolling;
        this.ever = ever;
        this.key = key;
        this.description = description;
    }

    public boolean ever() {
        return ever;
    }

    public boolean limits() {
        return period != null || rolling > 0 || ever;
    }

    /** How long a firing is remembered at most (one number per repeat key); FOREVER for "once ever". */
    public long horizonMillis() {
        if (ever) {
            return Long.MAX_VALUE;
        }
        if (period != null) {
            return switch (period) {
                case DAY -> 86_400_000L;
                case WEEK -> 7 * 86_400_000L;
                case MONTH -> 31 * 86_400_000L;
                case YEAR -> 366 * 86_400_000L;
            };
        }
        return rolling;
    }

    /** True when a firing at {@code now} is blocked by one at {@code last}. */
    public boolean blocks(long last, long now, ZoneId zone) {
        if (ever) {
            return true;
        }
        if (period != null) {
            return period.key(last, zone) == period.key(now, zone);
        }
        return rolling > 0 && now - last < rolling;
    }

    /** True when a firing at {@code last} can no longer block anything from {@code now} on. */
    public boolean forgettable(long last, long now, ZoneId zone) {
        return !ever && !blocks(last, now, zone);
    }

    /** The value the limit is counted per: the key field of the triggering event, else its eventId, else one count. */
    public String keyOf(Facts facts) {
        if (key == null) {
            return "";
        }
        Object value = key.read(facts);
        if (value != null) {
            return value.toString();
        }
        return facts.event() == null ? "" : facts.event().eventId;
    }

    public String describe() {
        return description;
    }

    public static RepeatLimit compile(SpecNode node) {
        if (node.isMissing()) {
            return NONE;
        }
        SpecNode per = node;
        SpecNode keyNode = null;
        if (node.isObject()) {
            node.allowOnly(java.util.Set.of("per", "key"));
            per = node.get("per");
            keyNode = node.get("key");
        }
        String text = per.text(true);
        if (text == null) {
            return NONE;
        }
        Field key = null;
        if (keyNode != null && !keyNode.isMissing()) {
            String path = keyNode.text(true);
            key = path == null ? null : Field.resolve(path);
            if (path != null && (key == null || !key.onEvent())) {
                keyNode.problem("unknown event field '" + path + "'");
            }
        }
        String suffix = key == null ? "" : " per " + key.name();
        if (text.equalsIgnoreCase("ever")) {
            return new RepeatLimit(null, 0, true, key, "once ever" + suffix);
        }
        CalendarPeriod period = CalendarPeriod.parse(text);
        if (period != null) {
            return new RepeatLimit(period, 0, false, key, "once per local " + period.name().toLowerCase() + suffix);
        }
        try {
            long millis = Durations.parse(text);
            if (millis <= 0) {
                per.problem("must be longer than zero, got \"" + text + "\" (a limit of zero would limit nothing)");
                return NONE;
            }
            return new RepeatLimit(null, millis, false, key, "once per " + Durations.format(millis) + suffix);
        } catch (IllegalArgumentException e) {
            per.problem("expected day, week, month, year, ever or a duration like 30d, got \"" + text + "\"");
            return NONE;
        }
    }
}

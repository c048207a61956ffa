package com.acmebank.triggers.trigger;

import com.acmebank.triggers.condition.Facts;
import com.acmebank.triggers.condition.Field;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.profile.Profile;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every year on a date of the profile (the birthDate's month and day, or any date among the profile's
 * attributes: an account anniversary), or every month on a day of the month, at a local time of day in the
 * customer's zone. 29 February falls on 28 February in other years; a day of the month a month lacks (31) falls
 * on its last day. A profile change re-arms the timer.
 */
public final class ScheduleTrigger implements Trigger {
    private final String dateField;
    private final Field date;
    private final int dayOfMonth;
    private final LocalTime at;

    /** Yearly on the profile date {@code dateField} (birthDate). */
    public ScheduleTrigger(String dateField, LocalTime at) {
        this(Field.resolve("profile." + dateField), 0, at);
    }

    /** Yearly on the date held by {@code date} (a profile field), or, with {@code dayOfMonth} 1-31, monthly on that day. */
    public ScheduleTrigger(Field date, int dayOfMonth, LocalTime at) {
        this.date = date;
        this.dateField = date == null ? "dayOfMonth" : date.name();
        this.dayOfMonth = dayOfMonth;
        this.at = at;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of();
    }

    @Override
    public boolean concerns(Event event, TriggerContext context) {
        return false;
    }

    @Override
    public Firing onEvent(Event event, TriggerState state, TriggerContext context) {
        return null;
    }

    @Override
    public boolean armedByProfile() {
        return true;
    }

    @Override
    public Firing onProfile(Profile profile, long time, TriggerState state, TriggerContext context) {
        // inclusive: a profile change at exactly 09:00 on the birthday leaves that birthday due
        state.deadline = next(profile, time - 1, context.zone());
        return null;
    }

    @Override
    public Firing onDeadline(long time, TriggerState state, TriggerContext context) {
        if (state.deadline == TriggerState.NONE || state.deadline > time) {
            return null;
        }
        long due = state.deadline;
        state.deadline = next(context.facts().profile(), due, context.zone());
        Map<String, Object> details = new LinkedHashMap<>();
        if (dayOfMonth > 0) {
            details.put("dayOfMonth", (long) dayOfMonth);
        } else {
            LocalDate d = date(context.facts().profile());
            details.put(dateField, d == null ? null : d.toString());
        }
        return Firing.onTimer(due, "schedule", List.of(), details);
    }

    /** The first occurrence strictly after {@code after}, or NONE when the profile has no such date. */
    long next(Profile profile, long after, ZoneId zone) {
        if (dayOfMonth > 0) {
            LocalDate month = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(after), zone).toLocalDate().withDayOfMonth(1);
            for (int i = 0; i <= 1; i++) {
                LocalDate m = month.plusMonths(i);
                LocalDate day = m.withDayOfMonth(Math.min(dayOfMonth, m.lengthOfMonth()));
                long t = ZonedDateTime.of(day, at, zone).toInstant().toEpochMilli();
                if (t > after) {
                    return t;
                }
            }
            return TriggerState.NONE;
        }
        LocalDate date = date(profile);
        if (date == null) {
            return TriggerState.NONE;
        }
        MonthDay monthDay = MonthDay.from(date);
        int year = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(after), zone).getYear();
        for (int y = year; y <= year + 1; y++) {
            LocalDate day = monthDay.isValidYear(y) ? monthDay.atYear(y) : LocalDate.of(y, 2, 28);
            long t = ZonedDateTime.of(day, at, zone).toInstant().toEpochMilli();
            if (t > after) {
                return t;
            }
        }
        return TriggerState.NONE;
    }

    private LocalDate date(Profile profile) {
        if (profile == null || date == null) {
            return null;
        }
        Object value = date.read(Facts.of(null, profile, com.acmebank.triggers.condition.ReferenceLists.empty()));
        String text = value == null ? null : value.toString();
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public boolean retain(TriggerState state, long now, TriggerContext context) {
        return state.deadline != TriggerState.NONE;
    }

    @Override
    public StateCost stateCost(int windowCapacity) {
        return dayOfMonth > 0 ? new StateCost("one deadline (the next day " + dayOfMonth + " of a month)", 31 * 86_400_000L)
                : new StateCost("one deadline (the next " + dateField + ")", 366 * 86_400_000L);
    }

    @Override
    public boolean firesOnEvent() {
        return false;
    }

    @Override
    public Set<String> guaranteedFields() {
        return Set.of();
    }

    @Override
    public Set<String> detailKeys() {
        return Set.of(dateField);
    }

    @Override
    public boolean ages() {
        return false;
    }
}

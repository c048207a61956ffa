package com.acmebank.triggers.trigger;

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
 * Every year on a date of the profile (the birthDate's month and day) at a local time of day, in the
 * customer's zone. 29 February falls on 28 February in other years. A profile change re-arms the timer.
 */
public final class ScheduleTrigger implements Trigger {
    private final String dateField;
    private final LocalTime at;

    public ScheduleTrigger(String dateField, LocalTime at) {
        this.dateField = dateField;
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
    public void onProfile(Profile profile, long time, TriggerState state, TriggerContext context) {
        // inclusive: a profile change at exactly 09:00 on the birthday leaves that birthday due
        state.deadline = next(profile, time - 1, context.zone());
    }

    @Override
    public Firing onDeadline(long time, TriggerState state, TriggerContext context) {
        if (state.deadline == TriggerState.NONE || state.deadline > time) {
            return null;
        }
        long due = state.deadline;
        state.deadline = next(context.facts().profile(), due, context.zone());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(dateField, date(context.facts().profile()) == null ? null : date(context.facts().profile()).toString());
        return Firing.onTimer(due, "schedule", List.of(), details);
    }

    /** The first occurrence strictly after {@code after}, or NONE when the profile has no such date. */
    long next(Profile profile, long after, ZoneId zone) {
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
        if (profile == null) {
            return null;
        }
        String text = "birthDate".equals(dateField) ? profile.birthDate : null;
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
        return new StateCost("one deadline (the next " + dateField + ")", 366 * 86_400_000L);
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

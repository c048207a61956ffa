package com.acmebank.triggers.trigger;

import static com.acmebank.triggers.trigger.TriggerBench.event;
import static com.acmebank.triggers.trigger.TriggerBench.t;
import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.testing.ProfileJson;
import org.junit.jupiter.api.Test;

/** The yearly schedule from a profile date: S14 (birthDate at 09:00 customer local time). */
class ScheduleTriggerTest {
    /** The start of simulated time of the S14 golden run. */
    private static final long START = t("2026-03-02T01:59:00Z");
    private final TriggerBench s14 = TriggerBench.shipped("S14-birthday");

    private TriggerBench born(String birthDate, String zone) {
        return s14.profile(ProfileJson.of("C1").with("birthDate", birthDate).with("timezone", zone).profile());
    }

    private TriggerBench born(String birthDate) {
        return born(birthDate, "Asia/Shanghai");
    }

    @Test
    void isArmedByTheProfileAtNineLocalOnTheNextBirthday() {
        born("1990-03-05").profileActivated(START);

        assertThat(s14.state().deadline).isEqualTo(t("2026-03-05T09:00:00+08:00"));
        assertThat(s14.trigger.armedByProfile()).isTrue();
        assertThat(s14.trigger.firesOnEvent()).isFalse();
    }

    @Test
    void firesAtTheDeadlineAndArmsNextYear() {
        born("1990-03-05").profileActivated(START);
        long due = t("2026-03-05T01:00:00Z");

        assertThat(s14.at(due - 1)).isNull();
        Firing f = s14.at(due);

        assertThat(f).isNotNull();
        assertThat(f.triggerTime()).isEqualTo(due);
        assertThat(f.triggerEventIds()).isEmpty();
        assertThat(f.triggerKey()).isEqualTo("schedule@" + due);
        assertThat(f.event()).isNull();
        assertThat(f.details()).containsEntry("birthDate", "1990-03-05");
        assertThat(s14.state()).as("retained for next year").isNotNull();
        assertThat(s14.state().deadline).isEqualTo(t("2027-03-05T01:00:00Z"));
        assertThat(s14.at(due + 1)).as("once per occurrence").isNull();
    }

    @Test
    void anEarlyWakeUpDoesNotFireAndKeepsTheDeadline() {
        born("1990-03-05").profileActivated(START);
        long due = t("2026-03-05T01:00:00Z");
        assertThat(s14.onDeadlineDirectly(due - 1)).isNull();
        assertThat(s14.state().deadline).isEqualTo(due);
    }

    @Test
    void nineLocalInLondonInWinterAndInSummer() {
        born("1985-12-15", "Europe/London").profileActivated(START);
        assertThat(s14.state().deadline).isEqualTo(t("2026-12-15T09:00:00Z"));

        TriggerBench summer = TriggerBench.shipped("S14-birthday")
                .profile(ProfileJson.of("C2").with("birthDate", "1985-06-20").with("timezone", "Europe/London").profile());
        summer.profileActivated(START);
        assertThat(summer.state().deadline).isEqualTo(t("2026-06-20T08:00:00Z"));
    }

    @Test
    void nineLocalInAZoneWhoseBirthdayStartsTheDayBeforeInUtc() {
        // UTC+14: 09:00 on 1 January is 19:00Z on 31 December
        born("2000-01-01", "Pacific/Kiritimati").profileActivated(t("2026-12-31T12:00:00Z"));
        assertThat(s14.state().deadline).isEqualTo(t("2026-12-31T19:00:00Z"));
        assertThat(s14.at(t("2026-12-31T19:00:00Z"))).isNotNull();
        assertThat(s14.state().deadline).isEqualTo(t("2027-12-31T19:00:00Z"));
    }

    @Test
    void aTwentyNinthOfFebruaryFallsOnTheTwentyEighthInOtherYearsAndOnTheTwentyNinthInLeapYears() {
        born("1992-02-29").profileActivated(START);
        assertThat(s14.state().deadline).isEqualTo(t("2027-02-28T09:00:00+08:00"));

        assertThat(s14.at(t("2027-02-28T01:00:00Z"))).isNotNull();
        assertThat(s14.state().deadline).isEqualTo(t("2028-02-29T09:00:00+08:00"));
        assertThat(s14.at(t("2028-02-29T01:00:00Z"))).isNotNull();
        assertThat(s14.state().deadline).isEqualTo(t("2029-02-28T09:00:00+08:00"));
    }

    @Test
    void aBirthdayWhoseNineOClockIsBeforeTheActivationWaitsForNextYear() {
        born("1980-03-02").profileActivated(START);
        assertThat(s14.state().deadline).isEqualTo(t("2027-03-02T01:00:00Z"));
    }

    @Test
    void aProfileActivatedAtExactlyNineOnTheBirthdayLeavesThatBirthdayDue() {
        long nine = t("2026-04-10T09:00:00+08:00");
        born("1975-04-10").profileActivated(nine);
        assertThat(s14.state().deadline).isEqualTo(nine);
        assertThat(s14.at(nine)).isNotNull();

        TriggerBench later = TriggerBench.shipped("S14-birthday")
                .profile(ProfileJson.of("C2").with("birthDate", "1975-04-10").profile());
        later.profileActivated(nine + 1);
        assertThat(later.state().deadline).isEqualTo(t("2027-04-10T09:00:00+08:00"));
    }

    @Test
    void aProfileChangeMovesTheTimer() {
        born("1990-06-15").profileActivated(START);
        assertThat(s14.state().deadline).isEqualTo(t("2026-06-15T01:00:00Z"));

        born("1990-07-20").profileActivated(t("2026-05-01T00:00:00Z"));
        assertThat(s14.state().deadline).isEqualTo(t("2026-07-20T01:00:00Z"));
        assertThat(s14.at(t("2026-06-15T01:00:00Z"))).isNull();
        assertThat(s14.at(t("2026-07-20T01:00:00Z"))).isNotNull();
    }

    @Test
    void aProfileChangeToADateAlreadyPastThisYearArmsNextYear() {
        born("1990-07-01").profileActivated(t("2026-01-01T00:00:00Z"));
        born("1990-02-20").profileActivated(START);
        assertThat(s14.state().deadline).isEqualTo(t("2027-02-20T01:00:00Z"));
    }

    @Test
    void aProfileWithoutBirthDateArmsNothingAndIsForgotten() {
        s14.profile(ProfileJson.of("C1").profile()).profileActivated(START);

        assertThat(s14.state().deadline).isEqualTo(TriggerState.NONE);
        assertThat(s14.at(t("2030-01-01T00:00:00Z"))).isNull();
        assertThat(s14.housekeep(START)).isFalse();
        assertThat(s14.state()).isNull();
    }

    @Test
    void anArmedScheduleIsRetainedAndNeedsNoSweep() {
        born("1990-03-05").profileActivated(START);
        assertThat(s14.housekeep(t("2026-03-04T00:00:00Z"))).isTrue();
        assertThat(s14.trigger.ages()).isFalse();
    }

    @Test
    void eventsNeverConcernIt() {
        born("1990-03-05").profileActivated(START);
        assertThat(s14.trigger.eventTypes()).isEmpty();
        assertThat(s14.concerns(event("APP_LOGIN", "l1", START))).isFalse();
        assertThat(s14.on(event("APP_LOGIN", "l1", START))).isNull();
    }
}

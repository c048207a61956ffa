package com.acmebank.triggers.trigger;

import static com.acmebank.triggers.trigger.TriggerBench.DAY;
import static com.acmebank.triggers.trigger.TriggerBench.event;
import static com.acmebank.triggers.trigger.TriggerBench.t;
import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.testing.ProfileJson;
import org.junit.jupiter.api.Test;

/** Schedules beyond the birthday: monthly on a day, the anniversary of a profile attribute date, and a delay after an event. */
class SchedulesTest {
    @Test
    void monthlyOnTheThirtyFirstFallsOnTheLastDayOfShorterMonths() {
        TriggerBench bill = TriggerBench.rule("""
                schedule: {monthly: 31, at: "10:00"}
                """).profile(ProfileJson.of("C1").profile());
        bill.profileActivated(t("2026-11-15T00:00:00+08:00"));
        assertThat(bill.state().deadline).isEqualTo(t("2026-11-30T10:00:00+08:00"));
        Firing f = bill.at(t("2026-11-30T10:00:00+08:00"));
        assertThat(f).isNotNull();
        assertThat(f.details()).containsEntry("dayOfMonth", 31L);
        assertThat(bill.state().deadline).isEqualTo(t("2026-12-31T10:00:00+08:00"));
        bill.at(t("2026-12-31T10:00:00+08:00"));
        assertThat(bill.state().deadline).isEqualTo(t("2027-01-31T10:00:00+08:00"));
        bill.at(t("2027-01-31T10:00:00+08:00"));
        assertThat(bill.state().deadline).isEqualTo(t("2027-02-28T10:00:00+08:00"));
    }

    @Test
    void anAnniversaryOfAProfileAttributeDateInTheCustomersZone() {
        TriggerBench anniversary = TriggerBench.rule("""
                schedule: {annually: attributes.accountOpened, at: "09:00"}
                """).profile(ProfileJson.of("C1").with("timezone", "Europe/London").attribute("accountOpened", "2019-12-03").profile());
        anniversary.profileActivated(t("2026-11-15T00:00:00Z"));
        assertThat(anniversary.state().deadline).isEqualTo(t("2026-12-03T09:00:00Z"));
        assertThat(anniversary.at(t("2026-12-03T09:00:00Z")).details()).containsEntry("attributes.accountOpened", "2019-12-03");
    }

    @Test
    void aProfileWithoutTheDateArmsNothing() {
        TriggerBench anniversary = TriggerBench.rule("""
                schedule: {annually: attributes.accountOpened, at: "09:00"}
                """).profile(ProfileJson.of("C1").profile());
        anniversary.profileActivated(t("2026-11-15T00:00:00Z"));
        assertThat(anniversary.state().deadline).isEqualTo(TriggerState.NONE);
    }

    @Test
    void tenOClockTheNextDayAfterAnEventCitingIt() {
        TriggerBench followUp = TriggerBench.rule("""
                schedule:
                  after: {type: PRODUCT_PURCHASE, where: [{field: productType, eq: FUND}]}
                  delay: 1d
                  at: "10:00"
                """);
        long bought = t("2026-11-03T23:30:00+08:00");
        assertThat(followUp.on(event("PRODUCT_PURCHASE", "b1", bought).amount("1000").with("productType", "FUND"))).isNull();
        assertThat(followUp.state().deadline).isEqualTo(t("2026-11-04T10:00:00+08:00"));
        Firing f = followUp.at(t("2026-11-04T10:00:00+08:00"));
        assertThat(f).isNotNull();
        assertThat(f.triggerEventIds()).containsExactly("b1");
        assertThat(f.details()).containsEntry("startedBy", "b1");
        assertThat(followUp.state()).isNull();
    }

    @Test
    void aPlainDelayAndANewerEventReplacingTheWaitingOne() {
        TriggerBench followUp = TriggerBench.rule("""
                schedule: {after: {type: APP_LOGIN}, delay: 2h}
                """);
        long t0 = t("2026-11-03T10:00:00+08:00");
        followUp.on(event("APP_LOGIN", "l1", t0));
        followUp.on(event("APP_LOGIN", "l2", t0 + 3_600_000L));
        assertThat(followUp.at(t0 + 7_200_000L)).isNull();
        Firing f = followUp.at(t0 + 3 * 3_600_000L);
        assertThat(f.triggerEventIds()).containsExactly("l2");
        assertThat(followUp.at(t0 + DAY)).isNull();
    }

    @Test
    void aTimerStartedByAnEventCitesItInTheOffer() throws Exception {
        var rule = new com.acmebank.triggers.rule.RuleCompiler().compile(new com.acmebank.triggers.rule.RuleSource("n.yaml", """
                id: N1-nudge
                version: 1
                trigger:
                  absence: {after: {type: PRODUCT_PURCHASE}, of: {type: PRODUCT_REDEMPTION}, for: 7d}
                offer: {channel: PUSH, template: "Your {{event.amount}} purchase, a week on"}
                """));
        assertThat(rule.alternatives().get(0).trigger().citesEvent()).isTrue();
        TriggerBench nudge = TriggerBench.rule("""
                absence: {after: {type: PRODUCT_PURCHASE}, of: {type: PRODUCT_REDEMPTION}, for: 7d}
                """);
        long t0 = t("2026-11-03T10:00:00+08:00");
        nudge.on(event("PRODUCT_PURCHASE", "b1", t0).amount("1000"));
        Firing f = nudge.at(t0 + 7 * DAY);
        assertThat(f.event().eventId).isEqualTo("b1");
        assertThat(f.event().amount).isEqualByComparingTo("1000");
        assertThat(f.triggerKey()).isEqualTo("absence@" + (t0 + 7 * DAY));
    }

    @Test
    void aTimerNotStartedByAnEventStillRefusesEventPlaceholders() {
        try {
            new com.acmebank.triggers.rule.RuleCompiler().compile(new com.acmebank.triggers.rule.RuleSource("n.yaml", """
                    id: N2
                    version: 1
                    trigger: {absence: {of: {type: CARD_PAYMENT}, for: 30d}}
                    offer: {channel: PUSH, template: "{{event.amount}}"}
                    """));
        } catch (com.acmebank.triggers.rule.RuleRejectedException e) {
            assertThat(e.errors().get(0).problem()).contains("fires on a timer");
            return;
        }
        throw new AssertionError("accepted");
    }
}

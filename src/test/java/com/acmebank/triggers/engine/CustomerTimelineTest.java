package com.acmebank.triggers.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.condition.ReferenceLists;
import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.engine.CustomerTimeline.Arrival;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.profile.ProfileParser;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.ReferenceListFiles;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleCompiler;
import com.acmebank.triggers.rule.RuleRejectedException;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.testing.EventJson;
import com.acmebank.triggers.testing.ProfileJson;
import com.acmebank.triggers.testing.ShippedRules;
import com.acmebank.triggers.testing.TestPolicies;
import com.acmebank.triggers.trigger.TriggerState;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The per-customer timeline on plain Java ({@link InMemoryCustomer}, driven as the Flink operator drives it): the
 * order of work at one instant, profile versions, dedup, lateness, events no rule wants, go-live, deletion and
 * wake-ups. Times are Shanghai local (+08:00); the policy has no holdout group, quiet hours 21:00-08:00 and the
 * shipped caps (2 contacts per local day).
 */
class CustomerTimelineTest {
    private static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);
    private static final long DAY = 86_400_000L;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

    /** A stateless rule without a repeat limit: every salary is a PUSH offer, so consent alone decides. */
    private static final String ANY_SALARY = """
            id: T1-any-salary
            version: 1
            trigger:
              event:
                type: SALARY_CREDIT
            offer:
              channel: PUSH
              template: "salary"
            """;

    /** An absence with a short clock, so its deadline can be placed on a deferred offer's 08:00 release. */
    private static final String NO_PAYMENT_FOR_10H = """
            id: T2-no-payment-10h
            version: 1
            trigger:
              absence:
                of: {types: [CARD_PAYMENT]}
                for: 10h
            offer:
              channel: PUSH
              template: "quiet night"
            """;

    // ---- 1. the order of work at one instant

    @Test
    void aProfileVersionDatedAtAnInstantTakesEffectBeforeTheEventsOfThatInstant() {
        InMemoryCustomer c1 = customer("C1", config(), rule(ANY_SALARY));
        c1.accept(profile("C1", "2026-01-01T00:00:00"));
        c1.accept(ProfileJson.of("C1").with("updatedAt", iso("2026-11-10T10:00:00")).consent("PUSH", false).profile());
        c1.accept(salary("C1", "before", "2026-11-10T09:59:59.999"));
        c1.accept(salary("C1", "at", "2026-11-10T10:00:00"));

        c1.advanceTo(t("2026-11-11T00:00:00"));

        assertThat(decisions(c1)).containsExactly(
                "T1-any-salary PUSH SENT before @2026-11-10T09:59:59.999",
                "T1-any-salary PUSH SUPPRESSED NO_CONSENT at @2026-11-10T10:00");
        assertThat(c1.offers).extracting(o -> o.triggerEventIds).containsExactly(List.of("before"));
    }

    @Test
    void eventsOfOneInstantAreHandedOutByEventIdWhateverTheirArrivalOrder() {
        CustomerTimeline timeline = timeline(config(), shipped("S1-partner-spend"));
        InMemoryCustomer ba = new InMemoryCustomer("C1", timeline);
        InMemoryCustomer ab = new InMemoryCustomer("C2", timeline);
        ba.accept(profile("C1"));
        ab.accept(profile("C2"));
        for (String id : List.of("b", "a")) {
            ba.accept(partnerPayment("C1", id, "2026-11-02T10:00:00").event());
        }
        for (String id : List.of("a", "b")) {
            ab.accept(partnerPayment("C2", id, "2026-11-02T10:00:00").event());
        }

        ba.advanceTo(t("2026-11-03T00:00:00"));
        ab.advanceTo(t("2026-11-03T00:00:00"));

        // S1 is once per local day: whichever payment is handed out first takes it
        List<String> expected = List.of(
                "S1-partner-spend PUSH SENT a @2026-11-02T10:00",
                "S1-partner-spend PUSH SUPPRESSED COOLDOWN b @2026-11-02T10:00");
        assertThat(decisions(ba)).isEqualTo(expected);
        assertThat(decisions(ab)).isEqualTo(expected);
        assertThat(ba.offers).singleElement().satisfies(o -> assertThat(o.triggerEventIds).containsExactly("a"));
    }

    @Test
    void anEventAtARuleDeadlineIsJudgedBeforeTheDeadline() {
        InMemoryCustomer c1 = customer("C1", config(), shipped("S4-dormant-wakeup"));
        c1.accept(profile("C1"));
        c1.accept(payment("C1", "p1", "2026-01-05T10:00:00", "50"));
        c1.accept(payment("C1", "p2", "2026-07-04T10:00:00", "50")); // exactly 180 days later: in time

        c1.advanceTo(t("2026-07-10T00:00:00"));

        assertThat(decisions(c1)).isEmpty();
        assertThat(c1.state().triggerStates().values()).singleElement()
                .satisfies(s -> assertThat(s.deadline).isEqualTo(t("2026-07-04T10:00:00") + 180 * DAY));
    }

    @Test
    void aDeferredReleaseDueAtAnInstantRunsBeforeTheRuleDeadlinesDueThen() {
        InMemoryCustomer c1 = customer("C1", config(),
                shipped("S1-partner-spend"), shipped("S2-salary-sip"), rule(NO_PAYMENT_FOR_10H));
        c1.accept(profile("C1"));
        c1.accept(salary("C1", "sal", "2026-11-10T21:30:00"));
        // deferred to 08:00 as well, and starts a 10-hour absence whose deadline is that same 08:00
        c1.accept(partnerPayment("C1", "pay", "2026-11-10T22:00:00").event());

        c1.advanceTo(t("2026-11-11T12:00:00"));

        // the two releases take the local day's two contacts; the deadline's offer, decided after them, is capped
        assertThat(decisions(c1)).containsExactly(
                "S2-salary-sip PUSH DEFERRED QUIET_HOURS sal @2026-11-10T21:30",
                "S1-partner-spend PUSH DEFERRED QUIET_HOURS pay @2026-11-10T22:00",
                "S2-salary-sip PUSH SENT sal @2026-11-11T08:00",
                "S1-partner-spend PUSH SENT pay @2026-11-11T08:00",
                "T2-no-payment-10h PUSH SUPPRESSED FREQUENCY_CAP pay @2026-11-11T08:00");
        assertThat(c1.offers).extracting(o -> o.ruleId + " @" + local(o.sendAt))
                .containsExactly("S2-salary-sip @2026-11-11T08:00", "S1-partner-spend @2026-11-11T08:00");
    }

    @Test
    void theSweepDueAtAnInstantRunsAfterTheEventsOfThatInstant() {
        EngineConfig config = config();
        InMemoryCustomer c1 = customer("C1", config, shipped("S13-new-customer-nudge"));
        c1.accept(profile("C1"));
        c1.accept(event("ACCOUNT_OPENED", "C1", "open", "2026-11-01T10:00:00"));
        long sweep = t("2026-11-01T10:00:00") + config.housekeepingIntervalMillis;
        // the first transaction, at the very instant of the first sweep, stops the nudge's clock
        c1.accept(payment("C1", "pay", stamp(sweep), "50"));

        c1.advanceTo(sweep - 1);
        assertThat(c1.state().triggerStates()).hasSize(1);
        assertThat(c1.wakeUps()).containsExactly(sweep, t("2026-11-08T10:00:00"));

        c1.advanceTo(sweep);
        // the stopped clock was swept at once (a sweep before the event would have kept it until the next sweep)
        assertThat(c1.state().triggerStates()).isEmpty();
        assertThat(c1.wakeUps()).as("the next sweep; the nudge's deadline is withdrawn")
                .containsExactly(sweep + config.housekeepingIntervalMillis);
        assertThat(decisions(c1)).isEmpty();
    }

    // ---- 2. profile versions, by updatedAt

    @Test
    void theFirstProfileAppliesAtOnceWhateverItsUpdatedAt() {
        InMemoryCustomer c1 = customer("C1", config(), rule(ANY_SALARY));
        c1.accept(profile("C1", "2026-12-01T00:00:00")); // dated after the salary
        assertThat(c1.state().profile().get().updatedAt).isEqualTo(t("2026-12-01T00:00:00"));
        c1.accept(salary("C1", "sal", "2026-11-10T10:00:00"));

        c1.advanceTo(t("2026-11-11T00:00:00"));

        assertThat(decisions(c1)).containsExactly("T1-any-salary PUSH SENT sal @2026-11-10T10:00");
    }

    @Test
    void aNewerVersionWaitsUntilEventTimeReachesItsUpdatedAt() {
        InMemoryCustomer c1 = customer("C1", config(), rule(ANY_SALARY));
        c1.accept(profile("C1", "2026-01-01T00:00:00"));
        Profile withdrawn = ProfileJson.of("C1").with("updatedAt", iso("2026-11-10T12:00:00")).consent("PUSH", false).profile();
        c1.accept(withdrawn);
        c1.accept(salary("C1", "s11", "2026-11-10T11:00:00"));
        c1.accept(salary("C1", "s13", "2026-11-10T13:00:00"));

        c1.advanceTo(t("2026-11-10T11:59:59.999"));
        assertThat(c1.state().profile().get().consents("PUSH")).isTrue();
        assertThat(c1.state().pendingProfiles().get(t("2026-11-10T12:00:00"))).isSameAs(withdrawn);

        c1.advanceTo(t("2026-11-11T00:00:00"));
        assertThat(c1.state().profile().get()).isSameAs(withdrawn);
        assertThat(c1.state().pendingProfiles().isEmpty()).isTrue();
        assertThat(decisions(c1)).containsExactly(
                "T1-any-salary PUSH SENT s11 @2026-11-10T11:00",
                "T1-any-salary PUSH SUPPRESSED NO_CONSENT s13 @2026-11-10T13:00");
    }

    @Test
    void aNewerVersionWhoseUpdatedAtEventTimeHasPassedAppliesAtOnce() {
        InMemoryCustomer c1 = customer("C1", config(), rule(ANY_SALARY));
        c1.accept(profile("C1", "2026-01-01T00:00:00"));
        c1.advanceTo(t("2026-11-10T12:00:00"));
        Profile withdrawn = ProfileJson.of("C1").with("updatedAt", iso("2026-11-10T11:00:00")).consent("PUSH", false).profile();
        c1.accept(withdrawn);
        assertThat(c1.state().profile().get()).isSameAs(withdrawn);
        c1.accept(salary("C1", "sal", "2026-11-10T12:00:00.001"));

        c1.advanceTo(t("2026-11-11T00:00:00"));

        assertThat(decisions(c1)).containsExactly("T1-any-salary PUSH SUPPRESSED NO_CONSENT sal @2026-11-10T12:00:00.001");
    }

    @Test
    void anOlderVersionArrivingLateDoesNotReplaceANewerOneInForce() {
        InMemoryCustomer c1 = customer("C1", config(), rule(ANY_SALARY));
        Profile inForce = profile("C1", "2026-11-01T00:00:00");
        c1.accept(inForce);
        c1.advanceTo(t("2026-11-05T00:00:00")); // event time is past its updatedAt
        c1.accept(ProfileJson.of("C1").with("updatedAt", iso("2026-10-01T00:00:00")).consent("PUSH", false).profile());
        c1.accept(salary("C1", "sal", "2026-11-10T10:00:00"));

        c1.advanceTo(t("2026-11-11T00:00:00"));

        assertThat(c1.state().profile().get()).isSameAs(inForce);
        assertThat(c1.state().pendingProfiles().isEmpty()).isTrue();
        assertThat(decisions(c1)).containsExactly("T1-any-salary PUSH SENT sal @2026-11-10T10:00");
    }

    @Test
    void anOlderVersionArrivingWhileTheFirstOneIsStillAheadOfEventTimeBecomesTheBaseline() {
        InMemoryCustomer c1 = customer("C1", config(), rule(ANY_SALARY));
        Profile newer = ProfileJson.of("C1").with("updatedAt", iso("2026-11-10T12:00:00")).consent("PUSH", false).profile();
        c1.accept(newer); // taken at once as the first profile
        c1.accept(profile("C1", "2026-11-01T00:00:00")); // the true baseline: in force now, the newer one waits
        assertThat(c1.state().profile().get().consents("PUSH")).isTrue();
        assertThat(c1.state().pendingProfiles().get(t("2026-11-10T12:00:00"))).isSameAs(newer);
        c1.accept(salary("C1", "s11", "2026-11-10T11:00:00"));
        c1.accept(salary("C1", "s13", "2026-11-10T13:00:00"));

        c1.advanceTo(t("2026-11-11T00:00:00"));

        assertThat(decisions(c1)).containsExactly(
                "T1-any-salary PUSH SENT s11 @2026-11-10T11:00",
                "T1-any-salary PUSH SUPPRESSED NO_CONSENT s13 @2026-11-10T13:00");
    }

    @Test
    void aVersionWithoutUpdatedAtAppliesFromNowAndVersionsWaitingStillApplyWhenDue() {
        InMemoryCustomer c1 = customer("C1", config(), rule(ANY_SALARY));
        c1.accept(profile("C1", "2026-01-01T00:00:00"));
        c1.accept(profile("C1", "2026-11-10T12:00:00")); // waits for 12:00, consenting
        c1.advanceTo(t("2026-11-10T00:00:00"));
        Profile undated = ProfileJson.of("C1").consent("PUSH", false).profile();
        assertThat(undated.updatedAt).isEqualTo(Profile.NO_TIME);
        c1.accept(undated);
        assertThat(c1.state().profile().get()).isSameAs(undated);
        c1.accept(salary("C1", "s11", "2026-11-10T11:00:00"));
        c1.accept(salary("C1", "s13", "2026-11-10T13:00:00"));

        c1.advanceTo(t("2026-11-11T00:00:00"));

        assertThat(decisions(c1)).containsExactly(
                "T1-any-salary PUSH SUPPRESSED NO_CONSENT s11 @2026-11-10T11:00",
                "T1-any-salary PUSH SENT s13 @2026-11-10T13:00");
    }

    // ---- 3. dedup

    /** Two payments within a day, on the crossing only (version 1) or while holding (version 2: only {@code fires} edited). */
    private static final String TWO_PAYMENTS_A_DAY = """
            id: T3-two-payments
            version: %d
            trigger:
              aggregate:
                of: {type: CARD_PAYMENT}
                window: {sliding: 1d}
                having: {count: {gte: 2}}
                %s
            offer:
              channel: PUSH
              template: "two payments"
            """;

    @Test
    void switchingARuleFromCrossingToWhileHoldingKeepsTheCustomersWindow() {
        EngineConfig config = config();
        CompiledRule crossing = rule(TWO_PAYMENTS_A_DAY.formatted(1, "fires: onCrossing"));
        CompiledRule holding = rule(TWO_PAYMENTS_A_DAY.formatted(2, "fires: whileHolding"));
        ReferenceLists lists = new ReferenceLists(Map.of());
        CustomerTimeline timeline = timeline(config, crossing);
        InMemoryCustomer c1 = new InMemoryCustomer("C1", timeline);
        c1.accept(profile("C1"));
        c1.accept(payment("C1", "p1", "2026-11-10T10:00:00", "10"));
        c1.accept(payment("C1", "p2", "2026-11-10T11:00:00", "10"));
        c1.accept(payment("C1", "p3", "2026-11-10T12:00:00", "10"));
        c1.advanceTo(t("2026-11-10T13:00:00"));
        assertThat(decisions(c1)).as("version 1: the crossing only").containsExactly("T3-two-payments PUSH SENT p2 @2026-11-10T11:00");

        timeline.rules(RuleBook.of(List.of(holding), lists));
        c1.accept(payment("C1", "p4", "2026-11-10T14:00:00", "10"));
        c1.advanceTo(t("2026-11-10T15:00:00"));
        // p1..p4 are in the window (kept across the edit): it holds, so version 2 fires; no repeat limit, so it is sent
        assertThat(decisions(c1)).containsExactly("T3-two-payments PUSH SENT p2 @2026-11-10T11:00",
                "T3-two-payments PUSH SENT p4 @2026-11-10T14:00");
        assertThat(c1.offers.get(1).ruleVersion).isEqualTo(2);
    }

    @Test
    void aRepeatedEventIdIsADuplicateAndFiresNothing() {
        InMemoryCustomer c1 = customer("C1", config(), rule(ANY_SALARY));
        c1.accept(profile("C1"));
        assertThat(c1.accept(salary("C1", "sal", "2026-11-10T10:00:00"))).isEqualTo(Arrival.BUFFERED);
        assertThat(c1.accept(salary("C1", "sal", "2026-11-10T10:00:00"))).isEqualTo(Arrival.DUPLICATE);
        // the same id at another time is a retry too: the first copy is the one used
        assertThat(c1.accept(salary("C1", "sal", "2026-11-11T10:00:00"))).isEqualTo(Arrival.DUPLICATE);
        assertThat(c1.state().inbox().contains(t("2026-11-11T10:00:00"))).isFalse();

        c1.advanceTo(t("2026-11-12T00:00:00"));

        assertThat(decisions(c1)).containsExactly("T1-any-salary PUSH SENT sal @2026-11-10T10:00");
        assertThat(c1.offers).hasSize(1);
    }

    @Test
    void aRepeatedEventIdIsAcceptedAgainOnceTheSweepAfterTheDedupRetentionForgotIt() {
        EngineConfig config = config();
        config.dedupRetentionMillis = DAY;
        InMemoryCustomer c1 = customer("C1", config, rule(ANY_SALARY));
        c1.accept(profile("C1"));
        long first = t("2026-11-01T10:00:00");
        long sweep = first + config.housekeepingIntervalMillis; // 2 days later
        c1.accept(salary("C1", "sal", stamp(first)));
        c1.advanceTo(first);
        assertThat(c1.accept(salary("C1", "sal", "2026-11-01T20:00:00"))).as("within the retention").isEqualTo(Arrival.DUPLICATE);
        c1.advanceTo(t("2026-11-02T12:00:00"));
        // past the retention but before the sweep that forgets it: still remembered
        assertThat(c1.state().seenEventIds().contains("sal")).isTrue();
        assertThat(c1.accept(salary("C1", "sal", "2026-11-02T13:00:00"))).isEqualTo(Arrival.DUPLICATE);

        c1.advanceTo(sweep);
        assertThat(c1.state().seenEventIds().contains("sal")).isFalse();
        assertThat(c1.accept(salary("C1", "sal", "2026-11-04T10:00:00"))).isEqualTo(Arrival.BUFFERED);
        c1.advanceTo(t("2026-11-05T00:00:00"));

        assertThat(decisions(c1)).containsExactly(
                "T1-any-salary PUSH SENT sal @2026-11-01T10:00",
                "T1-any-salary PUSH SENT sal @2026-11-04T10:00");
    }

    // ---- 4. late events

    @Test
    void anEventAtTheWatermarkIsLateAndOneAMillisecondAfterIsNot() {
        InMemoryCustomer c1 = customer("C1", config(), rule(ANY_SALARY));
        c1.accept(profile("C1"));
        long watermark = t("2026-11-10T10:00:00");
        c1.advanceTo(watermark);

        assertThat(c1.accept(salary("C1", "before", stamp(watermark - 1)))).isEqualTo(Arrival.LATE);
        assertThat(c1.accept(salary("C1", "at", stamp(watermark)))).isEqualTo(Arrival.LATE);
        assertThat(c1.accept(salary("C1", "after", stamp(watermark + 1)))).isEqualTo(Arrival.BUFFERED);
        // a late event leaves nothing behind, not even its eventId
        assertThat(keys(c1.state().seenEventIds())).containsExactly("after");
        assertThat(keys(c1.state().inbox())).containsExactly(watermark + 1);

        c1.advanceTo(t("2026-11-11T00:00:00"));
        assertThat(decisions(c1)).containsExactly("T1-any-salary PUSH SENT after @2026-11-10T10:00:00.001");
    }

    @Test
    void aRepeatOfAnEventIdThatIsAlsoLateIsLateNotDuplicate() {
        // lateness is judged first (as at the gate before the keyed operator), so such a retry reaches the
        // late-events output although the contract says a repeat is dropped without a trace
        InMemoryCustomer c1 = customer("C1", config(), rule(ANY_SALARY));
        c1.accept(profile("C1"));
        c1.accept(salary("C1", "sal", "2026-11-10T10:00:00"));
        c1.advanceTo(t("2026-11-10T10:00:00"));

        assertThat(c1.accept(salary("C1", "sal", "2026-11-10T10:00:00"))).isEqualTo(Arrival.LATE);
        assertThat(c1.accept(salary("C1", "sal", "2026-11-10T10:00:00.001"))).isEqualTo(Arrival.DUPLICATE);
    }

    // ---- 5. events no rule wants

    @Test
    void onceEventTimeMovesAnEventNoRuleReactsToIsNotWantedAndLeavesNoState() {
        CustomerTimeline timeline = timeline(config(), shipped("S2-salary-sip"));
        InMemoryCustomer moved = new InMemoryCustomer("C1", timeline);
        moved.advanceTo(t("2026-11-01T00:00:00"));

        assertThat(moved.accept(event("APP_LOGIN", "C1", "login", "2026-11-10T10:00:00"))).isEqualTo(Arrival.NOT_WANTED);

        assertThat(moved.state().inbox().isEmpty()).isTrue();
        assertThat(moved.state().seenEventIds().isEmpty()).isTrue();
        assertThat(moved.wakeUps()).isEmpty();
        // not remembered either: the same id again is not a duplicate
        assertThat(moved.accept(event("APP_LOGIN", "C1", "login", "2026-11-10T10:00:00"))).isEqualTo(Arrival.NOT_WANTED);
    }

    @Test
    void beforeEventTimeMovesAnEventNoRuleReactsToIsBuffered() {
        InMemoryCustomer fresh = customer("C1", config(), shipped("S2-salary-sip"));
        assertThat(fresh.watermark()).isEqualTo(Long.MIN_VALUE);

        assertThat(fresh.accept(event("APP_LOGIN", "C1", "login", "2026-11-10T10:00:00"))).isEqualTo(Arrival.BUFFERED);

        assertThat(keys(fresh.state().inbox())).containsExactly(t("2026-11-10T10:00:00"));
        assertThat(keys(fresh.state().seenEventIds())).containsExactly("login");
        assertThat(fresh.wakeUps()).containsExactly(t("2026-11-10T10:00:00"));
    }

    @Test
    void withAProfileArmedScheduleInForceAnyEventIsKept() {
        InMemoryCustomer c1 = customer("C1", config(), shipped("S2-salary-sip"), shipped("S14-birthday"));
        c1.advanceTo(t("2026-11-01T00:00:00"));

        // the customer's next event arms a schedule published after the profile took effect
        assertThat(c1.accept(event("APP_LOGIN", "C1", "login", "2026-11-10T10:00:00"))).isEqualTo(Arrival.BUFFERED);
        assertThat(keys(c1.state().inbox())).containsExactly(t("2026-11-10T10:00:00"));
    }

    // ---- 6. go-live

    @Test
    void anEventBeforeGoLiveBuildsStateButIsNotDecidedAndOneExactlyAtGoLiveIs() {
        EngineConfig config = config();
        config.goLive = t("2026-11-10T10:00:00");
        CustomerTimeline timeline = timeline(config, shipped("S6-monthly-spend-unlock"));

        InMemoryCustomer early = new InMemoryCustomer("C1", timeline);
        early.accept(profile("C1"));
        early.accept(creditPayment("C1", "p1", "2026-11-05T12:00:00", "3000"));
        early.accept(creditPayment("C1", "p2", "2026-11-10T09:59:59.999", "2000")); // crosses 5,000 a millisecond early
        early.accept(creditPayment("C1", "p3", "2026-11-10T12:00:00", "100"));
        early.advanceTo(t("2026-11-11T00:00:00"));
        // the crossing happened before go-live: nothing decided, and the sum kept holding, so p3 fires nothing
        assertThat(early.decisions).isEmpty();
        assertThat(early.offers).isEmpty();
        assertThat(early.state().triggerStates().values()).singleElement().satisfies(s -> assertThat(s.periodCount).isEqualTo(3));

        InMemoryCustomer atGoLive = new InMemoryCustomer("C2", timeline);
        atGoLive.accept(profile("C2"));
        atGoLive.accept(creditPayment("C2", "p1", "2026-11-05T12:00:00", "3000"));
        atGoLive.accept(creditPayment("C2", "p2", "2026-11-10T10:00:00", "2000"));
        atGoLive.advanceTo(t("2026-11-11T00:00:00"));
        assertThat(decisions(atGoLive)).containsExactly("S6-monthly-spend-unlock PUSH SENT p2 @2026-11-10T10:00");
        assertThat(atGoLive.decisions.get(0).detailsJson).as("the payment before go-live counts").contains("\"count\":2");
    }

    // ---- 7. deletion

    @Test
    void aDeletionDropsRuleStateAndHistoryAtOnceAndADeferredOfferEndsNoConsentAtItsRelease() {
        InMemoryCustomer c1 = customer("C1", config(),
                shipped("S1-partner-spend"), shipped("S2-salary-sip"), shipped("S6-monthly-spend-unlock"));
        c1.accept(profile("C1", "2026-01-01T00:00:00"));
        c1.accept(partnerPayment("C1", "pay", "2026-11-03T12:00:00").with("cardType", "CREDIT").amount("3000").event());
        c1.accept(salary("C1", "sal", "2026-11-03T22:00:00"));
        c1.accept(profile("C1", "2026-11-04T06:00:00")); // a version waiting for its updatedAt, consenting
        c1.advanceTo(t("2026-11-04T00:00:00"));
        assertThat(decisions(c1)).containsExactly(
                "S1-partner-spend PUSH SENT pay @2026-11-03T12:00",
                "S2-salary-sip PUSH DEFERRED QUIET_HOURS sal @2026-11-03T22:00");
        assertThat(c1.state().triggerStates()).isNotEmpty();
        assertThat(c1.state().lastFired().isEmpty()).isFalse();
        assertThat(c1.state().contactLog().get()).isNotNull();

        c1.accept(salary("C1", "sal2", "2026-11-04T10:00:00")); // buffered when the deletion arrives
        c1.accept(ProfileParser.tombstone("C1"));

        assertThat(c1.state().profile().get()).isNull();
        assertThat(c1.state().pendingProfiles().isEmpty()).isTrue();
        assertThat(c1.state().triggerStates()).isEmpty();
        assertThat(c1.state().lastFired().isEmpty()).isTrue();
        assertThat(c1.state().contactLog().get()).isNull();
        assertThat(keys(c1.state().deferred())).hasSize(1);
        assertThat(keys(c1.state().seenEventIds())).as("dedup is kept").containsExactlyInAnyOrder("pay", "sal", "sal2");

        c1.advanceTo(t("2026-11-04T12:00:00"));
        // sal2 is not COOLDOWN: S2's repeat-limit history went with the deletion
        assertThat(decisions(c1)).containsExactly(
                "S1-partner-spend PUSH SENT pay @2026-11-03T12:00",
                "S2-salary-sip PUSH DEFERRED QUIET_HOURS sal @2026-11-03T22:00",
                "S2-salary-sip PUSH SUPPRESSED NO_CONSENT sal @2026-11-04T08:00",
                "S2-salary-sip PUSH SUPPRESSED NO_CONSENT sal2 @2026-11-04T10:00");
        assertThat(c1.decisions.get(2).detailsJson).contains("no profile for the customer");
        assertThat(c1.offers).extracting(o -> o.ruleId).containsExactly("S1-partner-spend");
        assertThat(c1.state().deferred().isEmpty()).isTrue();

        // back as a customer: rule state starts from nothing (the 3,000 before the deletion no longer counts)
        c1.accept(profile("C1"));
        c1.accept(creditPayment("C1", "pay2", "2026-11-05T12:00:00", "2500"));
        c1.advanceTo(t("2026-11-06T00:00:00"));
        assertThat(decisions(c1)).hasSize(4);
        assertThat(c1.state().triggerStates().values()).singleElement().satisfies(s -> assertThat(s.periodCount).isEqualTo(1));
    }

    // ---- 8. wake-ups

    @Test
    void aDeadlineMovedLaterKeepsItsWakeUpAndIsReArmedWhenItComes() {
        EngineConfig config = config();
        InMemoryCustomer c1 = customer("C1", config, shipped("S4-dormant-wakeup"));
        c1.accept(profile("C1"));
        c1.accept(payment("C1", "p1", "2026-01-05T10:00:00", "50"));
        c1.accept(payment("C1", "p2", "2026-01-06T10:00:00", "50"));

        c1.advanceTo(t("2026-01-05T12:00:00"));
        assertThat(entries(c1.state().wakeUps())).containsExactly(Map.entry(t("2026-07-04T10:00:00"), 1));

        // p2 moves the deadline a day later: no cancel and no new timer per payment, the wake-up at p1's deadline stands
        c1.advanceTo(t("2026-01-06T12:00:00"));
        long sweep = t("2026-01-05T10:00:00") + config.housekeepingIntervalMillis;
        assertThat(c1.wakeUps()).containsExactly(sweep, t("2026-07-04T10:00:00"));
        assertThat(entries(c1.state().wakeUps())).containsExactly(Map.entry(t("2026-07-04T10:00:00"), 1));

        // when it comes, nothing fires: the state is woken again at its deadline
        c1.advanceTo(t("2026-07-04T12:00:00"));
        assertThat(decisions(c1)).isEmpty();
        assertThat(entries(c1.state().wakeUps())).containsExactly(Map.entry(t("2026-07-05T10:00:00"), 1));

        c1.advanceTo(t("2026-07-06T00:00:00"));
        assertThat(decisions(c1)).containsExactly("S4-dormant-wakeup SMS SENT p2 @2026-07-05T10:00");
    }

    @Test
    void aDeadlineThatNeverMovedIsWokenAtItsInstantAndLeavesNoWakeUp() {
        InMemoryCustomer c1 = customer("C1", config(), shipped("S4-dormant-wakeup"));
        c1.accept(profile("C1"));
        c1.accept(payment("C1", "p2", "2026-01-06T10:00:00", "50"));
        c1.advanceTo(t("2026-01-06T12:00:00"));
        assertThat(keys(c1.state().wakeUps())).containsExactly(t("2026-07-05T10:00:00"));

        c1.advanceTo(t("2026-07-06T00:00:00"));
        assertThat(decisions(c1)).containsExactly("S4-dormant-wakeup SMS SENT p2 @2026-07-05T10:00");
        assertThat(c1.state().wakeUps().isEmpty()).isTrue();
    }

    @Test
    void aMovedDeadlineFiresAtTheNewInstantWhenSomethingElseIsDueAtTheOldOne() {
        InMemoryCustomer c1 = customer("C1", config(), shipped("S4-dormant-wakeup"), shipped("S2-salary-sip"));
        c1.accept(profile("C1"));
        c1.accept(payment("C1", "p1", "2026-01-05T10:00:00", "50"));
        c1.accept(payment("C1", "p2", "2026-01-06T10:00:00", "50"));
        c1.accept(salary("C1", "sal", "2026-07-04T10:00:00")); // at p1's deadline, which p2 moves

        c1.advanceTo(t("2026-01-06T12:00:00"));
        assertThat(c1.wakeUps()).contains(t("2026-07-04T10:00:00"));

        c1.advanceTo(t("2026-07-06T00:00:00"));
        assertThat(decisions(c1)).containsExactly(
                "S2-salary-sip PUSH SENT sal @2026-07-04T10:00",
                "S4-dormant-wakeup SMS SENT p2 @2026-07-05T10:00");
    }

    @Test
    void onceEverythingIsForgottenTheCustomerHasNoWakeUpsLeft() {
        InMemoryCustomer c1 = customer("C1", config(), shipped("S4-dormant-wakeup"), shipped("S5-reactivation"));
        c1.accept(profile("C1"));
        c1.accept(payment("C1", "p1", "2026-01-05T10:00:00", "50"));

        c1.advanceTo(t("2028-12-31T00:00:00"));

        assertThat(decisions(c1)).containsExactly("S4-dormant-wakeup SMS SENT p1 @2026-07-04T10:00");
        assertThat(c1.wakeUps()).isEmpty();
        InMemoryTimelineState state = c1.state();
        assertThat(state.clock().get()).isNull();
        assertThat(state.wakeUps().isEmpty()).isTrue();
        assertThat(state.inbox().isEmpty()).isTrue();
        assertThat(state.seenEventIds().isEmpty()).isTrue();
        assertThat(state.pendingProfiles().isEmpty()).isTrue();
        assertThat(state.deferred().isEmpty()).isTrue();
        assertThat(state.lastFired().isEmpty()).isTrue();
        assertThat(state.contactLog().get()).isNull();
        // what is left: the profile, and S5's time of the last transaction (it never ages)
        assertThat(state.profile().get()).isNotNull();
        assertThat(state.triggerStates().entrySet()).singleElement().satisfies(e -> {
            assertThat(e.getKey()).startsWith("S5-reactivation");
            assertThat(e.getValue().deadline).isEqualTo(TriggerState.NONE);
        });
    }

    // ---- arbitration at the ends of the priority range

    @Test
    void theHighestPriorityWinsAtTheEndsOfTheRange() {
        CompiledRule low = rule(ANY_SALARY.replace("T1-any-salary", "T8-low").replace("version: 1", "version: 1\npriority: -1000"));
        CompiledRule high = rule(ANY_SALARY.replace("T1-any-salary", "T9-high").replace("version: 1", "version: 1\npriority: 1000"));
        InMemoryCustomer c = customer("C1", config(), low, high);
        c.accept(profile("C1"));
        c.accept(salary("C1", "s1", "2026-11-10T10:00:00"));
        c.advanceTo(t("2026-11-11T00:00:00"));
        assertThat(decisions(c)).containsExactlyInAnyOrder(
                "T9-high PUSH SENT s1 @2026-11-10T10:00",
                "T8-low PUSH SUPPRESSED ARBITRATION s1 @2026-11-10T10:00");
    }

    // ---- helpers

    private static EngineConfig config() {
        EngineConfig config = new EngineConfig();
        config.policy = TestPolicies.withoutHoldout();
        return config;
    }

    private static CustomerTimeline timeline(EngineConfig config, CompiledRule... rules) {
        CustomerTimeline timeline = new CustomerTimeline(config, config.goLive);
        ReferenceLists lists = new ReferenceLists(ReferenceListFiles.shipped().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new HashSet<>(e.getValue()))));
        timeline.rules(RuleBook.of(List.of(rules), lists));
        return timeline;
    }

    private static InMemoryCustomer customer(String customerId, EngineConfig config, CompiledRule... rules) {
        return new InMemoryCustomer(customerId, timeline(config, rules));
    }

    private static CompiledRule shipped(String ruleId) {
        return compile(ShippedRules.source(ruleId));
    }

    /** A rule written for the test; its file is named after its id. */
    private static CompiledRule rule(String yaml) {
        String id = yaml.lines().filter(l -> l.startsWith("id:")).findFirst().orElseThrow().substring(3).trim();
        return compile(new RuleSource(id + ".yaml", yaml));
    }

    private static CompiledRule compile(RuleSource source) {
        try {
            return new RuleCompiler().compile(source);
        } catch (RuleRejectedException e) {
            throw new IllegalArgumentException(e.errors().toString(), e);
        }
    }

    private static Profile profile(String customerId) {
        return ProfileJson.of(customerId).profile();
    }

    private static Profile profile(String customerId, String updatedAtLocal) {
        return ProfileJson.of(customerId).with("updatedAt", iso(updatedAtLocal)).profile();
    }

    private static Event event(String type, String customerId, String eventId, String local) {
        return EventJson.of(type, eventId, customerId, iso(local)).event();
    }

    private static Event salary(String customerId, String eventId, String local) {
        return EventJson.of("SALARY_CREDIT", eventId, customerId, iso(local)).amount("5000").event();
    }

    private static Event payment(String customerId, String eventId, String local, String amount) {
        return EventJson.of("CARD_PAYMENT", eventId, customerId, iso(local)).amount(amount).event();
    }

    private static Event creditPayment(String customerId, String eventId, String local, String amount) {
        return EventJson.of("CARD_PAYMENT", eventId, customerId, iso(local)).amount(amount).with("cardType", "CREDIT").event();
    }

    /** A payment of 300 at a partner merchant (S1), as a builder so a test may add to it. */
    private static EventJson partnerPayment(String customerId, String eventId, String local) {
        return EventJson.of("CARD_PAYMENT", eventId, customerId, iso(local)).amount("300").with("merchantId", "M-PARTNER-001");
    }

    /** Each decision as "rule channel outcome [reason] triggerEventIds @decidedAt (local)". */
    private static List<String> decisions(InMemoryCustomer c) {
        List<String> lines = new ArrayList<>();
        for (Decision d : c.decisions) {
            lines.add(d.ruleId + " " + d.channel + " " + d.outcome + (d.reason == null ? "" : " " + d.reason) + " "
                    + String.join(",", d.triggerEventIds) + " @" + local(d.decidedAt));
        }
        return lines;
    }

    private static <K, V> List<K> keys(MapSlot<K, V> slot) {
        List<K> keys = new ArrayList<>();
        slot.entries().forEach(e -> keys.add(e.getKey()));
        return keys;
    }

    private static <K, V> List<Map.Entry<K, V>> entries(MapSlot<K, V> slot) {
        List<Map.Entry<K, V>> entries = new ArrayList<>();
        slot.entries().forEach(e -> entries.add(Map.entry(e.getKey(), e.getValue())));
        return entries;
    }

    /** Shanghai local time ("2026-11-10T10:00:00") as epoch milliseconds. */
    private static long t(String local) {
        return LocalDateTime.parse(local).toInstant(SHANGHAI).toEpochMilli();
    }

    /** Epoch milliseconds as Shanghai local time to the millisecond, for building events. */
    private static String stamp(long epochMillis) {
        return STAMP.format(Instant.ofEpochMilli(epochMillis).atOffset(SHANGHAI));
    }

    private static String iso(String local) {
        return local + "+08:00";
    }

    /** Epoch milliseconds as Shanghai local time, seconds and milliseconds only when not zero. */
    private static String local(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), SHANGHAI).toString();
    }
}

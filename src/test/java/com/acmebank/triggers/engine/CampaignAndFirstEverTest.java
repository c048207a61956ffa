package com.acmebank.triggers.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.condition.ReferenceLists;
import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleCompiler;
import com.acmebank.triggers.rule.RuleRejectedException;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.testing.EventJson;
import com.acmebank.triggers.testing.ProfileJson;
import com.acmebank.triggers.testing.TestPolicies;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rule's campaign period (active from/until, in event time) and "first time ever" judged by behaviour. */
class CampaignAndFirstEverTest {
    private static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);

    @Test
    void aRuleReachesCustomersOnlyWithinItsCampaignPeriodAndCountsWhatCameBefore() {
        InMemoryCustomer c = customer("""
                id: C1-november-spend
                version: 1
                active: {from: "2026-11-01T00:00:00+08:00", until: "2026-12-01T00:00:00+08:00"}
                trigger:
                  aggregate:
                    of: {type: CARD_PAYMENT}
                    window: {sliding: 30d}
                    having: {count: {gte: 2}}
                offer: {channel: PUSH, template: "november"}
                """);
        // a payment before the start counts toward the window; the firing inside the period reaches the customer
        c.accept(payment("p1", "2026-10-31T10:00:00", "5"));
        c.accept(payment("p2", "2026-11-01T10:00:00", "5"));
        c.advanceTo(t("2026-11-02T00:00:00"));
        assertThat(decisions(c)).containsExactly("C1-november-spend SENT p2");

        InMemoryCustomer d = customer("""
                id: C2-campaign
                version: 1
                active: {from: "2026-11-01T00:00:00+08:00", until: "2026-12-01T00:00:00+08:00"}
                trigger: {event: {type: CARD_PAYMENT}}
                offer: {channel: PUSH, template: "in campaign"}
                """);
        d.accept(payment("q1", "2026-10-31T23:59:59", "5"));
        d.accept(payment("q2", "2026-11-01T00:00:00", "5"));
        d.accept(payment("q3", "2026-11-30T20:59:59", "5"));
        d.accept(payment("q4", "2026-12-01T00:00:00", "5"));
        d.advanceTo(t("2026-12-02T00:00:00"));
        // before from and at until: no decision at all; q2 at midnight is held through quiet hours as usual
        assertThat(decisions(d)).containsExactly("C2-campaign DEFERRED QUIET_HOURS q2", "C2-campaign SENT q2", "C2-campaign SENT q3");
    }

    @Test
    void anActivePeriodThatEndsBeforeItStartsIsRejected() {
        try {
            new RuleCompiler().compile(new RuleSource("c.yaml", """
                    id: C3
                    version: 1
                    active: {from: "2026-12-01T00:00:00+08:00", until: "2026-11-01T00:00:00+08:00"}
                    trigger: {event: {type: CARD_PAYMENT}}
                    offer: {channel: PUSH, template: "x"}
                    """));
        } catch (RuleRejectedException e) {
            assertThat(e.errors()).extracting(Object::toString).containsExactly("c.yaml: rule C3: active.until: must be after from");
            return;
        }
        throw new AssertionError("accepted");
    }

    @Test
    void firstEverIsTheCustomersFirstPaymentEvenWhenItsOfferWasSuppressed() {
        InMemoryCustomer c = customer("""
                id: F1-first-payment
                version: 1
                trigger: {event: {type: CARD_PAYMENT, firstEver: true}}
                offer: {channel: SMS, template: "first payment"}
                """);
        // no SMS consent at first: the first payment's offer is suppressed, yet it was the first
        c.accept(ProfileJson.of("C1").consent("SMS", false).profile());
        c.accept(payment("p1", "2026-11-02T10:00:00", "5"));
        c.advanceTo(t("2026-11-02T12:00:00"));
        c.accept(ProfileJson.of("C1").profile());
        c.accept(payment("p2", "2026-11-03T10:00:00", "5"));
        c.advanceTo(t("2026-11-04T00:00:00"));
        assertThat(decisions(c)).containsExactly("F1-first-payment SUPPRESSED NO_CONSENT p1");
    }

    private static InMemoryCustomer customer(String yaml) {
        EngineConfig config = new EngineConfig();
        config.policy = TestPolicies.withoutHoldout();
        CustomerTimeline timeline = new CustomerTimeline(config, config.goLive);
        CompiledRule rule;
        try {
            rule = new RuleCompiler().compile(new RuleSource("r.yaml", yaml));
        } catch (RuleRejectedException e) {
            throw new IllegalArgumentException(e.errors().toString(), e);
        }
        timeline.rules(RuleBook.of(List.of(rule), ReferenceLists.empty()));
        InMemoryCustomer c = new InMemoryCustomer("C1", timeline);
        c.accept(ProfileJson.of("C1").profile());
        return c;
    }

    private static com.acmebank.triggers.event.Event payment(String id, String local, String amount) {
        return EventJson.of("CARD_PAYMENT", id, "C1", local + "+08:00").amount(amount).event();
    }

    private static List<String> decisions(InMemoryCustomer c) {
        List<String> lines = new ArrayList<>();
        for (Decision d : c.decisions) {
            lines.add(d.ruleId + " " + d.outcome + (d.reason == null ? "" : " " + d.reason) + " " + String.join(",", d.triggerEventIds));
        }
        return lines;
    }

    private static long t(String local) {
        return LocalDateTime.parse(local).toInstant(SHANGHAI).toEpochMilli();
    }
}

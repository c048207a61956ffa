package com.acmebank.triggers.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.condition.ReferenceLists;
import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.ReferenceListFiles;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleCompiler;
import com.acmebank.triggers.rule.RuleRejectedException;
import com.acmebank.triggers.testing.EventJson;
import com.acmebank.triggers.testing.ProfileJson;
import com.acmebank.triggers.testing.ShippedRules;
import com.acmebank.triggers.testing.TestPolicies;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * PAYMENT_REVERSAL on the plain-Java timeline: what a reversal takes out (whole, partial, of a merged window
 * entry), what it cancels and records, and how long the engine remembers a payment for it. Shanghai local times.
 */
class ReversalsTest {
    private static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);

    @Test
    void aWholeReversalTakesThePaymentOutOfTheMonthSoTheNextPaymentDoesNotCross() {
        InMemoryCustomer c = customer("S6-monthly-spend-unlock");
        c.accept(credit("p1", "2026-11-02T10:00:00", "4000"));
        c.accept(credit("p2", "2026-11-03T10:00:00", "900"));
        c.accept(reversal("r1", "2026-11-03T11:00:00", "p2", null));
        c.accept(credit("p3", "2026-11-04T10:00:00", "999.99"));
        c.advanceTo(t("2026-11-05T00:00:00"));
        assertThat(decisions(c)).isEmpty();

        c.accept(credit("p4", "2026-11-05T10:00:00", "0.01"));
        c.advanceTo(t("2026-11-06T00:00:00"));
        assertThat(decisions(c)).containsExactly("S6-monthly-spend-unlock SENT p4");
    }

    @Test
    void aPartialReversalTakesOutItsAmountAndASecondOneOnlyWhatIsLeft() {
        InMemoryCustomer c = customer("S6-monthly-spend-unlock");
        c.accept(credit("p1", "2026-11-02T10:00:00", "5200"));
        c.advanceTo(t("2026-11-02T12:00:00"));
        assertThat(decisions(c)).containsExactly("S6-monthly-spend-unlock SENT p1");

        c.accept(reversal("r1", "2026-11-02T13:00:00", "p1", "200.00"));
        c.accept(reversal("r2", "2026-11-02T14:00:00", "p1", "9000.00"));
        c.accept(reversal("r3", "2026-11-02T15:00:00", "p1", "1.00"));
        c.advanceTo(t("2026-11-03T00:00:00"));
        // each reversal of a sent offer's payment is recorded; the offer is not recalled
        assertThat(c.decisions).extracting(d -> d.outcome + " " + d.detailsJson).containsExactly(
                "SENT {\"period\":\"month 2026-11\",\"count\":1,\"sum\":5200}",
                "REVERSED {\"reversalEventId\":\"r1\",\"reversed\":200,\"whole\":false,\"note\":\"sent before the payment was reversed; not recalled\"}",
                "REVERSED {\"reversalEventId\":\"r2\",\"reversed\":5000,\"whole\":true,\"note\":\"sent before the payment was reversed; not recalled\"}");
        assertThat(c.offers).hasSize(1);
        assertThat(c.deadLetters).extracting(d -> d.eventId + ": " + d.reason)
                .containsExactly("r3: originalEventId: payment 'p1' was already reversed in full");
        assertThat(c.state().reversibles().get("p1").counted).containsExactly(0L);
    }

    @Test
    void aDeferredOfferIsCancelledOnlyByAWholeReversal() {
        InMemoryCustomer c = customer("S1-partner-spend");
        c.accept(partner("p1", "2026-11-02T22:00:00", "300"));
        c.accept(reversal("r1", "2026-11-02T22:30:00", "p1", "50.00"));
        c.accept(partner("p2", "2026-11-03T22:00:00", "300"));
        c.accept(reversal("r2", "2026-11-03T22:30:00", "p2", null));
        c.advanceTo(t("2026-11-04T12:00:00"));

        assertThat(decisions(c)).containsExactly(
                "S1-partner-spend DEFERRED QUIET_HOURS p1",
                "S1-partner-spend SENT p1",
                "S1-partner-spend DEFERRED QUIET_HOURS p2",
                "S1-partner-spend SUPPRESSED REVERSED p2");
        assertThat(c.offers).extracting(o -> o.triggerEventIds.get(0)).containsExactly("p1");
        assertThat(c.state().deferred().isEmpty()).isTrue();
        // the release instant of the cancelled offer is no longer asked for
        assertThat(c.wakeUps()).doesNotContain(t("2026-11-04T08:00:00"));
    }

    @Test
    void aReversalOfAReleasedOfferIsRecordedAgainstTheSentOffer() {
        InMemoryCustomer c = customer("S1-partner-spend");
        c.accept(partner("p1", "2026-11-02T22:00:00", "300"));
        c.accept(reversal("r1", "2026-11-03T09:00:00", "p1", null));
        c.advanceTo(t("2026-11-03T12:00:00"));
        assertThat(decisions(c)).containsExactly(
                "S1-partner-spend DEFERRED QUIET_HOURS p1",
                "S1-partner-spend SENT p1",
                "S1-partner-spend REVERSED p1");
        assertThat(c.decisions.get(2).offerId).isEqualTo(c.offers.get(0).offerId);
    }

    @Test
    void aPaymentIsRememberedAsLongAsTheLongestWindowThatCountedItThenForgotten() {
        // S10 counts foreign payments over a sliding 30 days: a reversal on day 25 still applies
        InMemoryCustomer c = customer("S10-cross-border-hnw");
        c.accept(EventJson.of("CARD_PAYMENT", "f1", "C1", iso("2026-11-01T10:00:00")).amount("9000").with("country", "JP").event());
        c.accept(reversal("r1", "2026-11-26T10:00:00", "f1", "1000.00"));
        c.advanceTo(t("2026-11-27T00:00:00"));
        assertThat(c.deadLetters).isEmpty();
        assertThat(c.state().reversibles().get("f1").reversed).isEqualTo(1000_0000L);

        // past the window (and the sweep after it) the payment is forgotten: a reversal then is a dead letter
        c.accept(reversal("r2", "2026-12-06T10:00:00", "f1", "1000.00"));
        c.advanceTo(t("2026-12-07T00:00:00"));
        assertThat(c.deadLetters).extracting(d -> d.eventId).containsExactly("r2");
        assertThat(c.state().reversibles().isEmpty()).isTrue();
    }

    @Test
    void aReversalOfAnUnknownPaymentIsADeadLetterWithItsTextAndTheRulesGoOn() {
        InMemoryCustomer c = customer("S1-partner-spend");
        c.accept(reversal("r1", "2026-11-02T10:00:00", "nope", null));
        c.accept(partner("p1", "2026-11-02T10:00:01", "300"));
        c.advanceTo(t("2026-11-02T12:00:00"));
        assertThat(c.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.kind).isEqualTo("EVENT");
            assertThat(d.reason).startsWith("originalEventId: no payment 'nope' is known for this customer");
            assertThat(d.raw).contains("\"originalEventId\":\"nope\"");
        });
        assertThat(decisions(c)).containsExactly("S1-partner-spend SENT p1");
    }

    @Test
    void anEventNoRuleCountedLeavesNothingToRemember() {
        InMemoryCustomer c = customer("S1-partner-spend");
        c.accept(payment("p1", "2026-11-02T10:00:00", "50"));
        c.accept(reversal("r1", "2026-11-02T11:00:00", "p1", null));
        c.advanceTo(t("2026-11-02T12:00:00"));
        // known (seen within the dedup retention) but counted nowhere and offered nothing: no effect, no dead letter
        assertThat(c.deadLetters).isEmpty();
        assertThat(c.state().reversibles().isEmpty()).isTrue();
    }

    // ---- helpers

    private static InMemoryCustomer customer(String... shippedRuleIds) {
        EngineConfig config = new EngineConfig();
        config.policy = TestPolicies.withoutHoldout();
        CustomerTimeline timeline = new CustomerTimeline(config, config.goLive);
        ReferenceLists lists = new ReferenceLists(ReferenceListFiles.shipped().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new HashSet<>(e.getValue()))));
        List<CompiledRule> rules = new ArrayList<>();
        for (String id : shippedRuleIds) {
            try {
                rules.add(new RuleCompiler().compile(ShippedRules.source(id)));
            } catch (RuleRejectedException e) {
                throw new IllegalArgumentException(e);
            }
        }
        timeline.rules(RuleBook.of(rules, lists));
        InMemoryCustomer c = new InMemoryCustomer("C1", timeline);
        c.accept(ProfileJson.of("C1").profile());
        return c;
    }

    private static Event credit(String id, String local, String amount) {
        return EventJson.of("CARD_PAYMENT", id, "C1", iso(local)).amount(amount).with("cardType", "CREDIT").event();
    }

    private static Event payment(String id, String local, String amount) {
        return EventJson.of("CARD_PAYMENT", id, "C1", iso(local)).amount(amount).event();
    }

    private static Event partner(String id, String local, String amount) {
        return EventJson.of("CARD_PAYMENT", id, "C1", iso(local)).amount(amount).with("merchantId", "M-PARTNER-001").event();
    }

    private static Event reversal(String id, String local, String original, String amount) {
        EventJson e = EventJson.of("PAYMENT_REVERSAL", id, "C1", iso(local)).with("originalEventId", original);
        return (amount == null ? e : e.amount(amount)).event();
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

    private static String iso(String local) {
        return local + "+08:00";
    }
}

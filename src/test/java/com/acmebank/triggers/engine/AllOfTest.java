package com.acmebank.triggers.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.condition.ReferenceLists;
import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleCompiler;
import com.acmebank.triggers.rule.RuleRejectedException;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.testing.EventJson;
import com.acmebank.triggers.testing.ProfileJson;
import com.acmebank.triggers.testing.TestPolicies;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** allOf: "3 logins within 24 hours and no purchase in them", on the plain-Java timeline. */
class AllOfTest {
    private static final String BROWSING_NOT_BUYING = """
            id: A1-browsing-not-buying
            version: 1
            trigger:
              allOf:
                - aggregate: {of: {type: APP_LOGIN}, window: {sliding: 24h}, having: {count: {gte: 3}}}
                - aggregate: {of: {type: PRODUCT_PURCHASE}, window: {sliding: 24h}, having: {count: {eq: 0}}}
            offer: {channel: PUSH, template: "{{trigger.m0.count}} visits, still thinking?"}
            """;

    private static long t(String local) {
        return LocalDateTime.parse(local).toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
    }

    private static Event login(String id, String local) {
        return EventJson.of("APP_LOGIN", id, "C1", local + "+08:00").event();
    }

    private static Event purchase(String id, String local) {
        return EventJson.of("PRODUCT_PURCHASE", id, "C1", local + "+08:00").amount("100").with("productId", "F1").event();
    }

    private static InMemoryCustomer customer() throws RuleRejectedException {
        EngineConfig config = new EngineConfig();
        config.policy = TestPolicies.withoutHoldout();
        CustomerTimeline timeline = new CustomerTimeline(config, config.goLive);
        timeline.rules(RuleBook.of(List.of(new RuleCompiler().compile(new RuleSource("a.yaml", BROWSING_NOT_BUYING))),
                ReferenceLists.empty()));
        InMemoryCustomer c = new InMemoryCustomer("C1", timeline);
        c.accept(ProfileJson.of("C1").profile());
        return c;
    }

    @Test
    void firesOnTheThirdLoginWhenNoPurchaseIsInTheLast24Hours() throws Exception {
        InMemoryCustomer c = customer();
        c.accept(login("l1", "2026-11-02T10:00:00"));
        c.accept(login("l2", "2026-11-02T12:00:00"));
        c.accept(login("l3", "2026-11-02T14:00:00"));
        c.accept(login("l4", "2026-11-02T15:00:00"));
        c.advanceTo(t("2026-11-03T00:00:00"));
        assertThat(c.decisions).extracting(d -> d.outcome + " " + d.triggerEventIds).containsExactly("SENT [l3]");
        assertThat(c.offers).extracting(o -> o.message).containsExactly("3 visits, still thinking?");
    }

    @Test
    void aPurchaseInTheWindowBlocksItUntilThePurchaseLeavesTheWindow() throws Exception {
        InMemoryCustomer c = customer();
        c.accept(purchase("b1", "2026-11-02T09:00:00"));
        c.accept(login("l1", "2026-11-02T10:00:00"));
        c.accept(login("l2", "2026-11-02T12:00:00"));
        c.accept(login("l3", "2026-11-02T14:00:00"));
        // 24 hours after the purchase it still counts (windows include their start); a second later it has left
        c.accept(login("l4", "2026-11-03T09:00:00"));
        c.accept(login("l5", "2026-11-03T09:00:01"));
        c.advanceTo(t("2026-11-04T00:00:00"));
        assertThat(c.decisions).extracting(d -> d.outcome + " " + d.triggerEventIds).containsExactly("SENT [l5]");
    }

    @Test
    void onlyEventAndAggregateMembersAreAccepted() {
        try {
            new RuleCompiler().compile(new RuleSource("a.yaml", """
                    id: A2
                    version: 1
                    trigger:
                      allOf:
                        - aggregate: {of: {type: APP_LOGIN}, window: {sliding: 24h}, having: {count: {gte: 3}}}
                        - absence: {of: {type: PRODUCT_PURCHASE}, for: 24h}
                    offer: {channel: PUSH, template: "x"}
                    """));
        } catch (RuleRejectedException e) {
            assertThat(e.errors()).extracting(Object::toString).containsExactly("a.yaml: rule A2: trigger.allOf[1]: allOf members are event or"
                    + " aggregate triggers; write an absence as an aggregate with count: {eq: 0}");
            return;
        }
        throw new AssertionError("accepted");
    }
}

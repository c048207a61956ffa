package com.acmebank.triggers.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.condition.ReferenceLists;
import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleCompiler;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.testing.EventJson;
import com.acmebank.triggers.testing.ProfileJson;
import com.acmebank.triggers.testing.TestPolicies;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attribution on the timeline: from the release of a deferred offer, and forgotten after its window. */
class AttributionTest {
    private static long t(String local) {
        return LocalDateTime.parse(local).toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
    }

    private static Event e(String type, String id, String local) {
        return EventJson.of(type, id, "C1", local + "+08:00").amount("5000").with("productType", "FUND").with("productId", "F1").event();
    }

    private static InMemoryCustomer customer() throws Exception {
        EngineConfig config = new EngineConfig();
        config.policy = TestPolicies.withoutHoldout();
        CustomerTimeline timeline = new CustomerTimeline(config, config.goLive);
        timeline.rules(RuleBook.of(List.of(new RuleCompiler().compile(new RuleSource("k.yaml", """
                id: K1
                version: 1
                trigger: {event: {type: SALARY_CREDIT}}
                conversion: {of: {type: PRODUCT_PURCHASE}, within: 2d}
                offer: {channel: PUSH, template: "plan"}
                """))), ReferenceLists.empty()));
        InMemoryCustomer c = new InMemoryCustomer("C1", timeline);
        c.accept(ProfileJson.of("C1").profile());
        return c;
    }

    @Test
    void aDeferredOfferConvertsFromItsReleaseNotFromTheEvening() throws Exception {
        InMemoryCustomer c = customer();
        c.accept(e("SALARY_CREDIT", "s1", "2026-11-02T22:00:00"));
        // bought before the 08:00 release: not a conversion of an offer the customer had not seen yet
        c.accept(e("PRODUCT_PURCHASE", "b1", "2026-11-03T07:00:00"));
        c.accept(e("PRODUCT_PURCHASE", "b2", "2026-11-03T09:00:00"));
        c.advanceTo(t("2026-11-04T00:00:00"));
        assertThat(c.conversions).extracting(x -> x.eventId + " " + x.delayMillis).containsExactly("b2 3600000");
        assertThat(c.conversions.get(0).decisionId).isEqualTo(c.decisions.get(1).decisionId);
    }

    @Test
    void anOfferIsRememberedOnlyForItsWindow() throws Exception {
        InMemoryCustomer c = customer();
        c.accept(e("SALARY_CREDIT", "s1", "2026-11-02T10:00:00"));
        c.advanceTo(t("2026-11-03T00:00:00"));
        assertThat(c.state().attributable().isEmpty()).isFalse();
        c.accept(e("SALARY_CREDIT", "s0", "2026-11-10T10:00:00"));
        c.advanceTo(t("2026-11-10T09:00:00"));
        // the sweeps after Nov 4 10:00 forgot it (the Nov 10 offer is not made yet)
        assertThat(c.state().attributable().isEmpty()).isTrue();
    }
}

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

/** Holdings in an audience: a salary offer only for customers who hold no fund yet. */
class HoldingsAudienceTest {
    private static long t(String local) {
        return LocalDateTime.parse(local).toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
    }

    private static Event e(String type, String id, String local, String amount, String product, String productType) {
        EventJson json = EventJson.of(type, id, "C1", local + "+08:00").amount(amount);
        if (product != null) {
            json = json.with("productId", product).with("productType", productType);
        }
        return json.event();
    }

    @Test
    void aCustomerHoldingAFundIsOutsideTheAudienceUntilItIsRedeemedInFull() throws Exception {
        EngineConfig config = new EngineConfig();
        config.policy = TestPolicies.withoutHoldout();
        CustomerTimeline timeline = new CustomerTimeline(config, config.goLive);
        RuleBook book = RuleBook.of(List.of(new RuleCompiler().compile(new RuleSource("h.yaml", """
                id: H1-first-fund
                version: 1
                trigger: {event: {type: SALARY_CREDIT}}
                audience: [{field: customer.holdingTypes, excludes: [FUND]}]
                offer: {channel: PUSH, template: "Start a fund plan"}
                """))), ReferenceLists.empty());
        timeline.rules(book);
        assertThat(book.reactsTo("PRODUCT_PURCHASE")).isTrue();
        InMemoryCustomer c = new InMemoryCustomer("C1", timeline);
        c.accept(ProfileJson.of("C1").profile());
        c.accept(e("SALARY_CREDIT", "s1", "2026-11-02T10:00:00", "8000", null, null));
        c.accept(e("PRODUCT_PURCHASE", "b1", "2026-11-03T10:00:00", "1000", "F-1", "FUND"));
        c.accept(e("SALARY_CREDIT", "s2", "2026-11-04T10:00:00", "8000", null, null));
        c.accept(e("PRODUCT_REDEMPTION", "r1", "2026-11-05T10:00:00", "400", "F-1", "FUND"));
        c.accept(e("SALARY_CREDIT", "s3", "2026-11-06T10:00:00", "8000", null, null));
        c.accept(e("PRODUCT_REDEMPTION", "r2", "2026-11-07T10:00:00", "600", "F-1", "FUND"));
        c.accept(e("SALARY_CREDIT", "s4", "2026-11-08T10:00:00", "8000", null, null));
        c.advanceTo(t("2026-11-09T00:00:00"));
        assertThat(c.decisions).extracting(d -> d.triggerEventIds.get(0) + " " + d.outcome).containsExactly("s1 SENT", "s4 SENT");
        assertThat(c.state().holdings().isEmpty()).isTrue();
    }
}

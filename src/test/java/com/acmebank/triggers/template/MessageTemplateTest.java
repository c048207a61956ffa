package com.acmebank.triggers.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.condition.Facts;
import com.acmebank.triggers.condition.ReferenceLists;
import com.acmebank.triggers.spec.SpecNode;
import com.acmebank.triggers.testing.EventJson;
import com.acmebank.triggers.testing.ProfileJson;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageTemplateTest {
    private final Formats formats = new Formats();
    private final SpecNode.Problems problems = new SpecNode.Problems();

    private String render(String template, String language, Map<String, Object> payload) {
        TemplateScope scope = new TemplateScope(Set.of("amount", "eventId", "merchantId", "eventTime"), Map.of("coupon", ValueKind.MONEY, "n", ValueKind.NUMBER),
                Set.of("sum"));
        MessageTemplate t = MessageTemplate.compile(template, scope, SpecNode.root(MissingNode.getInstance(), problems));
        assertThat(problems.isEmpty()).isTrue();
        Facts facts = Facts.of(EventJson.of("CARD_PAYMENT", "e1", "C1", "2026-11-22T09:15:00+08:00").amount("1000").with("merchantId", "M1").event(),
                ProfileJson.of("C1").with("name", "Li Wei").with("language", language).profile(), ReferenceLists.empty());
        return t.render(new RenderContext(facts, payload, Map.of("sum", new BigDecimal("5200.5")), "R1", "Rule one", 2,
                java.time.Instant.parse("2026-11-25T01:15:00Z").toEpochMilli(), ZoneId.of("Asia/Shanghai"), language, "CNY"), formats);
    }

    @Test
    void formatsAmountsForChineseCustomers() {
        assertThat(render("{{profile.name|default:客户}}，消费{{event.amount}}，返{{payload.coupon}}", "zh-CN", Map.of("coupon", new BigDecimal("10"))))
                .isEqualTo("Li Wei，消费¥1,000.00，返¥10.00");
    }

    @Test
    void formatsAmountsForEnglishCustomers() {
        assertThat(render("spent {{event.amount}}", "en-US", Map.of())).isEqualTo("spent CN¥1,000.00");
    }

    @Test
    void offersNumberDateAndRuleValues() {
        assertThat(render("{{trigger.sum|money}} {{payload.n}} {{offer.expiresAt|date}} {{rule.name}} v{{rule.version}} {{event.eventTime}}", "zh-CN",
                Map.of("n", new BigDecimal("300.0"))))
                .isEqualTo("¥5,200.50 300 2026-11-25 Rule one v2 2026-11-22 09:15");
    }

    @Test
    void usesTheDefaultWhenAnOptionalValueIsAbsent() {
        TemplateScope scope = new TemplateScope(Set.of(), Map.of(), Set.of());
        MessageTemplate t = MessageTemplate.compile("Hi {{profile.name|default:friend}}", scope, SpecNode.root(MissingNode.getInstance(), problems));
        Facts facts = Facts.of(null, null, ReferenceLists.empty());
        assertThat(t.render(new RenderContext(facts, Map.of(), null, "R", "R", 1, 0, ZoneId.of("UTC"), "en-US", "CNY"), formats))
                .isEqualTo("Hi friend");
    }

    @Test
    void aPlaceholderThatCannotAlwaysBeFilledIsRejectedAtLoad() {
        TemplateScope timer = new TemplateScope(null, Map.of(), Set.of());
        MessageTemplate.compile("{{event.amount}} {{profile.tier}} {{payload.x}}", timer, SpecNode.root(MissingNode.getInstance(), problems));
        assertThat(com.acmebank.triggers.rule.RuleError.of("f.yaml", "R", problems)).extracting(Object::toString).containsExactly(
                "f.yaml: rule R: placeholder {{event.amount}}: this rule fires on a timer, not on an event, so there is no event to read",
                "f.yaml: rule R: placeholder {{profile.tier}}: a profile may lack tier; add a default, e.g. {{profile.tier|default:...}}",
                "f.yaml: rule R: placeholder {{payload.x}}: no payload value 'x' in this offer; payload has: []");
    }
}

package com.acmebank.triggers.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleCompilerTest {
    private static final String VALID = """
            id: R1-test
            version: 3
            name: Test rule
            priority: 10
            trigger:
              event:
                type: CARD_PAYMENT
                where:
                  - {field: amount, gte: 200}
            offer:
              channel: PUSH
              template: "Spent {{event.amount}}"
            """;

    private final RuleCompiler compiler = new RuleCompiler();

    private CompiledRule compile(String yaml) throws RuleRejectedException {
        return compiler.compile(new RuleSource("r.yaml", yaml));
    }

    private List<String> problems(String yaml) {
        try {
            compile(yaml);
            return List.of();
        } catch (RuleRejectedException e) {
            return e.errors().stream().map(RuleError::toString).collect(Collectors.toList());
        }
    }

    @Test
    void compilesAValidRule() throws Exception {
        CompiledRule r = compile(VALID);
        assertThat(r.id()).isEqualTo("R1-test");
        assertThat(r.version()).isEqualTo(3);
        assertThat(r.priority()).isEqualTo(10);
        assertThat(r.alternatives()).hasSize(1);
        assertThat(r.outputs()).singleElement().satisfies(o -> assertThat(o.channel()).isEqualTo("PUSH"));
        assertThat(r.repeat().limits()).isFalse();
    }

    @Test
    void acceptsJsonRules() throws Exception {
        CompiledRule r = compiler.compile(new RuleSource("r.json", """
                {"id": "J1", "version": 1, "trigger": {"event": {"type": "APP_LOGIN"}},
                 "offer": {"channel": "SMS", "template": "hello"}}
                """));
        assertThat(r.id()).isEqualTo("J1");
    }

    @Test
    void everyShippedScenarioRuleCompiles() throws Exception {
        RuleFiles.Loaded loaded = RuleFiles.shipped();
        assertThat(loaded.rules()).extracting(CompiledRule::id).contains("S1-partner-spend", "S2-salary-sip", "S3-first-salary",
                "S4-dormant-wakeup", "S5-reactivation", "S6-monthly-spend-unlock", "S7-balance-threshold", "S8-churn-warning",
                "S9-mortgage-renovation", "S10-cross-border-hnw", "S11-business-cashflow-loan", "S12-active-spender-instalment",
                "S13-new-customer-welcome", "S13-new-customer-nudge", "S14-birthday", "S15-market-drop");
        assertThat(loaded.rules()).allSatisfy(r -> assertThat(r.id()).matches("S\\d+-.*"));
    }

    @Test
    void aMessageNamesTheFileTheRuleTheFieldAndTheProblem() {
        assertThat(problems(VALID.replace("gte: 200", "gte: lots")))
                .containsExactly("r.yaml: rule R1-test: trigger.event.where[0].gte: expected a number, got \"lots\"");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiterString = " ~ ", quoteCharacter = '`', value = {
        "id: R1-test ~ id: bad id! ~ id: use letters, digits",
        "version: 3 ~ version: 0 ~ version: must be >= 1, got 0",
        "version: 3 ~ versio: 3 ~ versio: unknown field; expected one of",
        "type: CARD_PAYMENT ~ typ: CARD_PAYMENT ~ trigger.event.typ: unknown field",
        "type: CARD_PAYMENT ~ type: CARD_PAYMENT\\n    types: [A] ~ trigger.event: give the event type as 'type: X' or 'types: [X, Y]'",
        "field: amount ~ field: amout ~ trigger.event.where[0].field: unknown field 'amout'; known: eventId",
        "gte: 200 ~ gt: 1, lt: 5 ~ trigger.event.where[0]: expected exactly one operator",
        "gte: 200 ~ inList: partner ~ trigger.event.where[0].inList: 'inList' needs a text field, but event.amount is an amount",
        "channel: PUSH ~ channel: FAX ~ offer.channel: expected one of PUSH, SMS, EMAIL, RM_TASK, got \"FAX\"",
        "Spent {{event.amount}} ~ Dear {{profile.name}} ~ offer.template: placeholder {{profile.name}}: a profile may lack name; add a default",
        "Spent {{event.amount}} ~ Shop {{event.merchantName}} ~ offer.template: placeholder {{event.merchantName}}: the event may not have merchantName",
        "Spent {{event.amount}} ~ Get {{payload.coupon}} ~ offer.template: placeholder {{payload.coupon}}: no payload value 'coupon'",
        "Spent {{event.amount}} ~ Spent {{event.amount|shout}} ~ offer.template: placeholder {{event.amount}}: unknown modifier 'shout'",
        "Spent {{event.amount}} ~ Spent {{wallet.balance}} ~ offer.template: placeholder {{wallet.balance}}: unknown name",
        "Spent {{event.amount}} ~ Spent {{trigger.sum}} ~ offer.template: placeholder {{trigger.sum}}: this trigger reports nothing",
        "priority: 10 ~ priority: high ~ priority: expected a whole number, got \"high\""
    })
    void rejectsWithAPreciseMessage(String from, String to, String expected) {
        String yaml = VALID.replace(from, to.replace("\\n", "\n"));
        assertThat(problems(yaml)).anySatisfy(p -> assertThat(p).startsWith("r.yaml: rule ").contains(expected));
    }

    @Test
    void rejectsAMissingTrigger() {
        assertThat(problems("id: X\nversion: 1\noffer: {channel: PUSH, template: hi}\n"))
                .containsExactly("r.yaml: rule X: trigger: missing required field");
    }

    @Test
    void rejectsTwoTriggerKinds() {
        assertThat(problems("""
                id: X
                version: 1
                trigger:
                  event: {type: A}
                  absence: {of: {type: A}, for: 1d}
                offer: {channel: PUSH, template: hi}
                """)).singleElement().asString().contains("trigger: expected exactly one trigger kind");
    }

    @Test
    void rejectsEventPlaceholdersInTimerRules() {
        assertThat(problems("""
                id: X
                version: 1
                trigger:
                  absence: {of: {type: CARD_PAYMENT}, for: 180d}
                offer: {channel: SMS, template: "last {{event.amount}}"}
                """)).singleElement().asString()
                .contains("offer.template: placeholder {{event.amount}}: this rule fires on a timer, not on an event");
    }

    @Test
    void rejectsBadDurationsAndWindows() {
        assertThat(problems("""
                id: X
                version: 1
                trigger:
                  aggregate:
                    of: {type: CARD_PAYMENT}
                    window: {sliding: 30 days}
                    having: {sum: {gte: 10}}
                offer: {channel: PUSH, template: hi}
                """)).singleElement().asString().contains("trigger.aggregate.window.sliding: expected a duration like 30d");
        assertThat(problems("""
                id: X
                version: 1
                trigger:
                  aggregate:
                    of: {type: CARD_PAYMENT}
                    window: {calendar: fortnight}
                    having: {count: {gte: 1.5}}
                offer: {channel: PUSH, template: hi}
                """)).anySatisfy(p -> assertThat(p).contains("window.calendar: expected day, week, month or year"))
                .anySatisfy(p -> assertThat(p).contains("having.count.gte: a count is a whole number"));
    }

    @Test
    void rejectsProfileFieldsInTheEventConditionOfAFanOut() {
        assertThat(problems("""
                id: X
                version: 1
                trigger:
                  event:
                    type: MARKET_MOVE
                    where: [{field: profile.tier, eq: GOLD}]
                    fanOut: {holdersOf: productId}
                offer: {channel: PUSH, template: hi}
                """)).anySatisfy(p -> assertThat(p).contains("'profile.tier' is a profile field, but only event fields can be used here"));
    }

    @Test
    void rejectsEventFieldsInTheAudience() {
        assertThat(problems(VALID + "audience: [{field: amount, gte: 1}]\n"))
                .anySatisfy(p -> assertThat(p).contains("audience[0].field: 'amount' is an event field"));
    }

    @Test
    void rejectsBadRepeatLimitsAndVariants() {
        assertThat(problems(VALID + "repeat: {per: fortnight}\n"))
                .anySatisfy(p -> assertThat(p).contains("repeat.per: expected day, week, month, year, ever or a duration"));
        assertThat(problems(VALID.replace("template: \"Spent {{event.amount}}\"",
                "variants:\n    - {name: A, weight: 1, template: a}\n    - {name: A, weight: 0, template: b}")))
                .anySatisfy(p -> assertThat(p).contains("offer.variants[1].name: duplicate variant name"))
                .anySatisfy(p -> assertThat(p).contains("offer.variants[1].weight: must be >= 1, got 0"));
    }

    @Test
    void editingAThresholdKeepsTheStateButChangingTheWindowStartsAfresh() throws Exception {
        String rule = """
                id: W
                version: 1
                trigger:
                  aggregate:
                    of: {type: CARD_PAYMENT}
                    window: {sliding: 7d}
                    having: {sum: {gte: 3000}}
                offer: {channel: PUSH, template: hi}
                """;
        String shape = compile(rule).alternatives().get(0).fingerprint();
        assertThat(compile(rule.replace("gte: 3000", "gte: 5000")).alternatives().get(0).fingerprint()).isEqualTo(shape);
        assertThat(compile(rule.replace("sliding: 7d", "sliding: 30d")).alternatives().get(0).fingerprint()).isNotEqualTo(shape);
        assertThat(compile(rule.replace("{type: CARD_PAYMENT}", "{type: TRANSFER_OUT}")).alternatives().get(0).fingerprint()).isNotEqualTo(shape);
    }

    @Test
    void rejectsInvalidYamlWithTheFileName() {
        assertThatThrownBy(() -> compile("id: [unclosed")).isInstanceOf(RuleRejectedException.class)
                .hasMessageStartingWith("r.yaml: rule (no id): not valid YAML");
    }

    @Test
    void aRuleAndItsWhereMayUseEveryOperator() throws Exception {
        CompiledRule r = compile("""
                id: ops
                version: 1
                trigger:
                  event:
                    types: [CARD_PAYMENT, TRANSFER_OUT]
                    where:
                      - {field: amount, gt: 1}
                      - {field: amount, lte: 100000}
                      - {field: currency, eq: CNY}
                      - {field: country, in: [CN, HK]}
                      - {field: channel, notIn: [ATM]}
                      - {field: merchantId, notInList: blocked}
                      - {field: mcc, startsWith: "58"}
                      - {field: attributes.score, gte: 3}
                      - anyOf:
                          - {field: cardType, eq: CREDIT}
                          - {not: {field: counterpartyBank, present: true}}
                audience:
                  - {field: profile.segments, includesAny: [A, B]}
                  - {field: profile.tier, ne: MASS}
                repeat: {per: 12h, key: merchantId}
                offer:
                  channel: EMAIL
                  variants:
                    - {name: A, weight: 3, template: {zh-CN: "中文 {{event.amount|number}}", en-US: "English"}}
                    - {name: B, weight: 1, template: "b {{rule.name}} {{offer.expiresAt|date}}"}
                  payload:
                    half: {value: event.amount, multiply: 0.5, roundTo: 10}
                  expiresAfter: PT36H
                """);
        assertThat(r.referencedLists()).containsExactly("blocked");
        assertThat(r.outputs().get(0).variants()).hasSize(2);
        assertThat(r.outputs().get(0).expiresAfter()).isEqualTo(36 * 3_600_000L);
    }
}

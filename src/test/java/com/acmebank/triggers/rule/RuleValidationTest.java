package com.acmebank.triggers.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the validator must not miss: malformed files (duplicate keys, a second document), values that would
 * silently break the engine (an unknown measure, an overflowing priority, a repeat limit of zero), and the
 * warnings for what is allowed but almost certainly a mistake. Every message names file, rule and field.
 */
class RuleValidationTest {
    private final RuleCompiler compiler = new RuleCompiler();

    private List<String> problems(String yaml) {
        try {
            compiler.compile(new RuleSource("r.yaml", yaml));
            return List.of();
        } catch (RuleRejectedException e) {
            return e.errors().stream().map(RuleError::toString).toList();
        }
    }

    private List<String> warnings(String yaml) throws RuleRejectedException {
        return compiler.check(new RuleSource("r.yaml", yaml)).warnings().stream().map(RuleError::toString).toList();
    }

    private static String rule(String trigger, String extra) {
        return "id: V1\nversion: 1\n" + extra + "trigger:\n" + trigger + "offer: {channel: PUSH, template: \"hi\"}\n";
    }

    private static final String PAYMENT = "  event: {type: CARD_PAYMENT}\n";

    @Test
    void aDuplicateKeyIsRejectedNotSilentlyReplaced() {
        assertThat(problems("""
                id: V1
                version: 1
                trigger:
                  event:
                    type: CARD_PAYMENT
                    where: [{field: amount, gte: 5000}]
                    where: [{field: amount, gte: 100}]
                offer: {channel: PUSH, template: "hi"}
                """)).containsExactly("r.yaml: rule (no id): not valid YAML: Duplicate field 'where' (line 7)");
    }

    @Test
    void aDuplicateKeyInJsonIsRejectedToo() throws Exception {
        try {
            compiler.compile(new RuleSource("r.json", "{\"id\":\"J1\",\"id\":\"J2\",\"version\":1}"));
        } catch (RuleRejectedException e) {
            assertThat(e.errors()).singleElement().satisfies(x -> assertThat(x.problem()).contains("Duplicate field 'id'"));
            return;
        }
        throw new AssertionError("accepted");
    }

    @Test
    void aSecondYamlDocumentIsRejected() {
        assertThat(problems(rule(PAYMENT, "") + "---\nid: V2\n")).containsExactly(
                "r.yaml: rule V1: more than one YAML document (---): one rule per file, the second document would be ignored");
    }

    @Test
    void anUnknownMeasureIsAProblemNotACrash() {
        assertThat(problems(rule("""
                  aggregate:
                    of: {type: CARD_PAYMENT}
                    window: {sliding: 7d}
                    having: {median: {gte: 100}}
                """, ""))).containsExactly(
                "r.yaml: rule V1: trigger.aggregate.having.median: unknown field; expected one of avg, count, distinctCount, max, min, ratio, sum",
                "r.yaml: rule V1: trigger.aggregate.having: give at least one bound, e.g. {sum: {gte: 5000}}");
    }

    @Test
    void firesIsOnCrossingOrWhileHoldingAndNotForAnAllOfMember() {
        String aggregate = """
                  aggregate:
                    of: {type: CARD_PAYMENT}
                    window: {sliding: 7d}
                    having: {count: {gte: 5}}
                    fires: %s
                """;
        assertThat(problems(rule(aggregate.formatted("whileHolding"), ""))).isEmpty();
        assertThat(problems(rule(aggregate.formatted("onCrossing"), ""))).isEmpty();
        assertThat(problems(rule(aggregate.formatted("always"), ""))).containsExactly(
                "r.yaml: rule V1: trigger.aggregate.fires: expected onCrossing (when the condition starts to hold, the default) or "
                        + "whileHolding (on every matching event after which it holds; the repeat limit spaces the contacts), got \"always\"");
        assertThat(problems(rule("""
                  drop: {of: {type: BALANCE_SNAPSHOT}, field: balance, window: 30d, toPercentOfPeak: 50, fires: sometimes}
                """, ""))).singleElement().asString().startsWith("r.yaml: rule V1: trigger.drop.fires: expected onCrossing");
        assertThat(problems(rule("""
                  allOf:
                    - aggregate: {of: {type: APP_LOGIN}, window: {sliding: 1d}, having: {count: {gte: 3}}, fires: whileHolding}
                    - event: {type: CARD_PAYMENT}
                """, ""))).containsExactly("r.yaml: rule V1: trigger.allOf[0].aggregate.fires: not for an allOf member: the allOf fires "
                + "when all its members hold and did not all hold after the previous event");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-2147483648", "2147483647", "-1001", "1001"})
    void aPriorityOutsideTheRangeIsRejected(String priority) {
        assertThat(problems(rule(PAYMENT, "priority: " + priority + "\n")))
                .containsExactly("r.yaml: rule V1: priority: must be between -1000 and 1000, got " + priority);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1000", "0", "1000"})
    void aPriorityAtTheEndsOfTheRangeIsAccepted(String priority) {
        assertThat(problems(rule(PAYMENT, "priority: " + priority + "\n"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0d", "0s", "PT-24H", "PT0S"})
    void aRepeatLimitOfZeroOrLessIsRejected(String per) {
        assertThat(problems(rule(PAYMENT, "repeat: {per: " + per + "}\n"))).containsExactly(
                "r.yaml: rule V1: repeat.per: must be longer than zero, got \"" + per + "\" (a limit of zero would limit nothing)");
    }

    @Test
    void likelyMistakesAreWarningsNamingFileRuleAndField() throws Exception {
        assertThat(warnings("""
                id: W1
                version: 1
                trigger:
                  event:
                    type: CARD_PAYMNET
                    where:
                      - {field: amount, gte: 5000}
                      - {field: amount, lt: 100}
                audience: [{field: profile.tier, in: [GLOD, SILVER]}]
                offer:
                  channel: PUSH
                  template: {zh_CN: "你好", en-US: "hi"}
                """)).containsExactly(
                "r.yaml: rule W1: trigger.event.type: 'CARD_PAYMNET' is not an event type of the input contract (did you mean "
                        + "CARD_PAYMENT?); the rule only reacts if a source sends that type",
                "r.yaml: rule W1: trigger.event.where: the conditions on amount can never all hold (at least 5000, at most 100, "
                        + "exclusive): the rule never fires",
                "r.yaml: rule W1: audience[0].in: 'GLOD' is not a tier (MASS, SILVER, GOLD, DIAMOND); did you mean GOLD?",
                "r.yaml: rule W1: offer.template.zh_CN: 'zh_CN' is not a language tag like zh-CN or en-US (profiles say zh-CN): "
                        + "this text is chosen for no customer");
    }

    @Test
    void aTierThatDoesNotExistInAProfileChangeIsAWarning() throws Exception {
        assertThat(warnings(rule("  profileChange: {field: tier, to: GLOD}\n", ""))).containsExactly(
                "r.yaml: rule V1: trigger.profileChange.to: 'GLOD' is not a tier (MASS, SILVER, GOLD, DIAMOND); did you mean GOLD?");
    }

    @Test
    void boundsThatMeetAtOneValueAreNotAContradiction() throws Exception {
        assertThat(warnings(rule("  event:\n    type: CARD_PAYMENT\n    where: [{field: amount, gte: 100}, {field: amount, lte: 100}]\n", "")))
                .isEmpty();
        assertThat(warnings(rule("  event:\n    type: CARD_PAYMENT\n    where: [{field: amount, gt: 100}, {field: amount, lte: 100}]\n", "")))
                .singleElement().asString().contains("can never all hold");
    }

    @Test
    void theShippedRulesHaveNoWarnings() throws Exception {
        assertThat(RuleFiles.shipped().warnings()).isEmpty();
    }
}

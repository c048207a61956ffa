package com.acmebank.triggers.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The static analysis validate prints: the state bound and horizon of each rule, and which rules overlap. */
class RuleAnalysisTest {
    @Test
    void theShippedCatalogsBoundsHorizonsAndOverlaps() throws Exception {
        List<String> lines = RuleAnalysis.lines(RuleFiles.shipped().rules(), 256);
        assertThat(lines).contains(
                "  S1-partner-spend                 the last firing per repeat key (once per local day); horizon 1d",
                "  S12-active-spender-instalment    a window of up to 256 entries + the last firing per repeat key (once per 14d); horizon 14d",
                "  S6-monthly-spend-unlock          five numbers for the current month + the last firing per repeat key (once per local month); horizon 31d",
                "  S4-dormant-wakeup                one deadline and the eventId it counts from; horizon 180d",
                "  S5-reactivation                  one instant (the last matching event); horizon as long as the customer exists",
                // a sequence fires on its last step only: S3 overlaps S2 on the salary, not S13 on the opening
                "  SALARY_CREDIT: S3-first-salary (90), S2-salary-sip (50)",
                "  CARD_PAYMENT: S5-reactivation (75), S10-cross-border-hnw (60), S6-monthly-spend-unlock (60), S1-partner-spend (40),"
                        + " S12-active-spender-instalment (35)");
        assertThat(lines).noneMatch(l -> l.startsWith("  ACCOUNT_OPENED:"));
    }

    @Test
    void aDistinctCountAndALongSequenceSayWhatTheyKeep() throws Exception {
        RuleCompiler compiler = new RuleCompiler();
        CompiledRule merchants = compiler.compile(new RuleSource("a.yaml", """
                id: A1
                version: 1
                trigger:
                  aggregate: {of: {type: CARD_PAYMENT}, distinct: merchantId, window: {sliding: 7d}, having: {distinctCount: {gte: 3}}}
                offer: {channel: PUSH, template: "x"}
                """));
        CompiledRule steps = compiler.compile(new RuleSource("b.yaml", """
                id: B1
                version: 1
                trigger:
                  sequence: {steps: [{type: ACCOUNT_OPENED}, {type: SALARY_CREDIT}, {type: CARD_PAYMENT}], within: 14d}
                offer: {channel: PUSH, template: "x"}
                """));
        List<String> lines = RuleAnalysis.lines(List.of(merchants, steps), 100);
        assertThat(lines).contains(
                "  A1                               a window of up to 100 entries and up to 100 distinct merchantId values; horizon 7d",
                "  B1                               one instant and up to 2 eventIds; horizon 14d",
                "  CARD_PAYMENT: A1 (0), B1 (0)");
    }
}

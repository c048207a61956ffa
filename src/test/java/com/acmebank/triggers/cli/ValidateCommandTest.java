package com.acmebank.triggers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate}: exit codes a marketer's CI can use, and warnings that name file and rule. */
class ValidateCommandTest {
    @TempDir
    Path dir;

    private Path rulesWithWarnings() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("w1.yaml"), """
                id: W1-vip
                version: 1
                trigger:
                  event:
                    type: CARD_PAYMENT
                    where: [{field: merchantId, inList: vip-merchants}]
                offer: {channel: PUSH, template: "hi"}
                """);
        return rules;
    }

    @Test
    void theShippedRulesValidateWithoutWarningsEvenWhenStrict() {
        CliRun run = CliRun.of("validate", "--strict");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.err()).doesNotContain("Warning");
    }

    @Test
    void warningsNameFileAndRuleAndFailOnlyWhenStrict() throws Exception {
        Path rules = rulesWithWarnings();
        Path policy = Files.writeString(dir.resolve("policy.yaml"), "rules:\n  W1-vipp: {holdoutPercent: 10}\n");
        CliRun lenient = CliRun.of("validate", "--rules", rules.toString(), "--policy", policy.toString());
        assertThat(lenient.exitCode()).isEqualTo(0);
        assertThat(lenient.errLines()).containsExactly(
                "Warning: w1.yaml: rule W1-vip: reference list 'vip-merchants' is not given (--reference DIR, vip-merchants.txt); it matches nothing",
                "Warning: " + policy + ": rules.W1-vipp: no rule has this id, so this override never applies",
                "2 warning(s)");

        CliRun strict = CliRun.of("validate", "--strict", "--rules", rules.toString(), "--policy", policy.toString());
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.errLines()).last().isEqualTo("2 warning(s): failing (--strict)");
    }

    @Test
    void anInvalidRuleIsExitCode2WithFileRuleAndField() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(rules.resolve("b.yaml"), "id: B1\nversion: 1\npriority: 5000\ntrigger: {event: {type: CARD_PAYMENT}}\n"
                + "offer: {channel: PUSH, template: hi}\n");
        CliRun run = CliRun.of("validate", "--strict", "--rules", rules.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("Rules rejected:", "  b.yaml: rule B1: priority: must be between -1000 and 1000, got 5000");
    }

    @Test
    void rulesValidateChecksTheFilesGivenAsArguments() throws Exception {
        Path good = Files.writeString(dir.resolve("g.yaml"), "id: G1\nversion: 1\ntrigger: {event: {type: CARD_PAYMENT}}\n"
                + "offer: {channel: PUSH, template: hi}\n");
        Path typo = Files.writeString(dir.resolve("t.yaml"), "id: T1\nversion: 1\ntrigger: {event: {type: CARD_PAYMNET}}\n"
                + "offer: {channel: PUSH, template: hi}\n");
        CliRun ok = CliRun.of("rules", "validate", good.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("Rules: 1 from [" + good + "]").contains("OK  G1");

        CliRun strict = CliRun.of("rules", "validate", "--strict", good.toString(), typo.toString());
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.err()).contains("t.yaml: rule T1: trigger.event.type: 'CARD_PAYMNET' is not an event type");

        CliRun missing = CliRun.of("rules", "validate", dir.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such rule file or folder");
    }
}

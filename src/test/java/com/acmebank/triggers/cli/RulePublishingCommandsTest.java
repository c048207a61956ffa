package com.acmebank.triggers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the publishing commands decide before they need a broker (127.0.0.1:1 answers nothing). */
class RulePublishingCommandsTest {
    @TempDir
    Path dir;

    @Test
    void anInvalidRuleFileIsReportedAsValidateDoesAndNothingIsPublished() throws Exception {
        Path bad = Files.writeString(dir.resolve("b.yaml"), "id: B1\nversion: 1\npriority: 5000\ntrigger: {event: {type: CARD_PAYMENT}}\n"
                + "offer: {channel: PUSH, template: hi}\n");
        CliRun run = CliRun.of("rules", "publish", bad.toString(), "--bootstrap-servers", "127.0.0.1:1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("Rules rejected:", "  " + bad + ": rule B1: priority: must be between -1000 and 1000, got 5000");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMissingRuleFileOrListFileOrABadListNameIsExitCode2() throws Exception {
        assertThat(CliRun.of("rules", "publish", dir.resolve("nope.yaml").toString(), "--bootstrap-servers", "127.0.0.1:1").err())
                .contains("no such rule file or folder");
        CliRun missing = CliRun.of("lists", "publish", "partner-merchants", dir.resolve("nope.txt").toString(), "--bootstrap-servers", "127.0.0.1:1");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).containsExactly("No such list file: " + dir.resolve("nope.txt"));
        Path file = Files.writeString(dir.resolve("l.txt"), "M1\n");
        CliRun badName = CliRun.of("lists", "publish", "partner merchants", file.toString(), "--bootstrap-servers", "127.0.0.1:1");
        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.err()).startsWith("list partner merchants: name:");
    }

    @Test
    void waitTakesABareZero() throws Exception {
        Path bad = Files.writeString(dir.resolve("b.yaml"), "id: B1\n");
        CliRun run = CliRun.of("rules", "publish", bad.toString(), "--wait", "0", "--bootstrap-servers", "127.0.0.1:1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).first().isEqualTo("Rules rejected:");
    }

    @Test
    void aBadDurationIsACommandLineMistake() {
        CliRun run = CliRun.of("rules", "pause", "S1", "--wait", "soon");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--wait");
    }

    @Test
    void theRuleAndListCommandsAreListed() {
        assertThat(CliRun.of("rules", "--help").out()).contains("publish", "pause", "resume", "delete", "list", "history", "validate", "forecast");
        assertThat(CliRun.of("lists", "--help").out()).contains("publish", "show");
        assertThat(CliRun.of("rules", "publish", "--help").out()).contains("--wait=DURATION", "--from=INSTANT", "--rule-updates-topic=TOPIC");
    }
}

package com.acmebank.triggers.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.cli.ReportCommand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} on the replay of the C01 golden scenario, whose figures are counted by hand in its cases.md. */
class ReportOnReplayTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path temp;

    @Test
    void theFiguresOfTheConversionsScenario() throws Exception {
        Path out = temp.resolve("c01");
        GoldenReplay.run(Paths.get("src/test/resources/scenarios/C01-conversions"), out);
        Path json = temp.resolve("report.json");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try (PrintStream p = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(p);
            code = new picocli.CommandLine(new ReportCommand()).execute("--out", out.toString(), "--json", json.toString());
        } finally {
            System.setOut(stdout);
        }
        assertThat(code).isEqualTo(0);
        String text = captured.toString(StandardCharsets.UTF_8);
        // K1: offers to CA, CB, CC, CF and two to CE, all SENT; converted: CA, CB and both of CE's (4 of 6)
        assertThat(text).contains("K1-sip").contains("too few to tell: 6 treated, 0 in the control group");
        JsonNode rules = new ObjectMapper().readTree(json.toFile()).get("rules");
        JsonNode k1 = rules.get(0);
        assertThat(k1.get("ruleId").asText()).isEqualTo("K1-sip");
        assertThat(k1.get("fired").asLong()).isEqualTo(6);
        assertThat(k1.get("sent").asLong()).isEqualTo(6);
        assertThat(k1.get("convertedTreated").asLong()).isEqualTo(4);
        assertThat(k1.get("treatedRate").asDouble()).isEqualTo(0.666667);
        assertThat(k1.get("controlRate").isNull()).isTrue();
        // K2: CD held out and converted: the control group's rate is 1 of 1
        JsonNode k2 = rules.get(1);
        assertThat(k2.get("heldOut").asLong()).isEqualTo(1);
        assertThat(k2.get("convertedControl").asLong()).isEqualTo(1);
        assertThat(k2.get("controlRate").asDouble()).isEqualTo(1.0);
    }
}

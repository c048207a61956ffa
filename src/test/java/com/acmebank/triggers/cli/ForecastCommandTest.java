package com.acmebank.triggers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** rules forecast: a stricter S1 threshold, forecast on recorded payments, says whom it would no longer reach. */
class ForecastCommandTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @Test
    void aHigherThresholdLosesTheCustomerWhosePaymentIsBetweenTheTwo() throws Exception {
        Path events = Files.write(dir.resolve("events.jsonl"), List.of(
                payment("p1", "F1", "2026-11-20T10:00:00+08:00", "250.00"),
                payment("p2", "F2", "2026-11-21T10:00:00+08:00", "350.00"),
                payment("p3", "F3", "2026-11-22T10:00:00+08:00", "150.00"),
                payment("p4", "F1", "2026-11-26T10:00:00+08:00", "10.00")));
        Path profiles = Files.write(dir.resolve("profiles.jsonl"), List.of(profile("F1"), profile("F2"), profile("F3")));
        String shipped = new String(getClass().getResourceAsStream("/rules/scenarios/S1-partner-spend.yaml").readAllBytes());
        Path change = Files.writeString(dir.resolve("S1-partner-spend.yaml"),
                shipped.replace("version: 1", "version: 2").replace("gte: 200.00", "gte: 300.00"));
        Path policy = Files.writeString(dir.resolve("policy.yaml"), "holdout: {defaultPercent: 0}\n");

        CliRun run = CliRun.of("rules", "forecast", change.toString(), "--events", events.toString(), "--profiles", profiles.toString(),
                "--days", "7", "--policy", policy.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("the rules in force against the change (S1-partner-spend v2)")
                .containsPattern("S1-partner-spend\\s+2->1 ")
                .contains("  S1-partner-spend: 0 customers newly reached, 1 no longer reached, +0 displaced in arbitration, +0 caps hit")
                .contains("nothing was sent");
    }

    @Test
    void aRejectedChangeIsNamedAndNothingRuns() throws Exception {
        Path events = Files.write(dir.resolve("events.jsonl"), List.of(payment("p1", "F1", "2026-11-20T10:00:00+08:00", "250.00")));
        Path change = Files.writeString(dir.resolve("bad.yaml"), "id: S1-partner-spend\nversion: 2\npriority: 9999\n"
                + "trigger: {event: {type: CARD_PAYMENT}}\noffer: {channel: PUSH, template: x}\n");
        CliRun run = CliRun.of("rules", "forecast", change.toString(), "--events", events.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("The change is rejected:").contains("priority: must be between -1000 and 1000, got 9999");
    }

    private static String payment(String id, String customer, String time, String amount) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"CARD_PAYMENT\",\"customerId\":\"" + customer + "\",\"eventTime\":\"" + time
                + "\",\"amount\":" + amount + ",\"merchantId\":\"M-PARTNER-001\"}";
    }

    private static String profile(String customer) {
        return "{\"customerId\":\"" + customer + "\",\"name\":\"N " + customer + "\",\"consent\":{\"PUSH\":true,\"SMS\":true}}";
    }
}

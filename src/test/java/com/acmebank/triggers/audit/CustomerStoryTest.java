package com.acmebank.triggers.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerStoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> json(String... lines) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String l : lines) {
            nodes.add(JSON.readTree(l));
        }
        return nodes;
    }

    @Test
    void explainsEveryOutcomeOfOneCustomerInLocalTime() throws Exception {
        List<JsonNode> decisions = json(
                "{\"offerId\":\"o2\",\"customerId\":\"C1\",\"ruleId\":\"S2-salary-sip\",\"ruleVersion\":1,\"channel\":\"PUSH\",\"outcome\":\"SUPPRESSED\",\"reason\":\"ARBITRATION\",\"triggerEventIds\":[\"s\"],\"triggerTime\":\"2026-11-10T02:00:00Z\",\"decidedAt\":\"2026-11-10T02:00:00Z\",\"details\":{\"winner\":\"S3-first-salary\",\"winnerPriority\":90,\"priority\":50}}",
                "{\"offerId\":\"o3\",\"customerId\":\"C1\",\"ruleId\":\"S3-first-salary\",\"ruleVersion\":1,\"channel\":\"PUSH\",\"outcome\":\"DEFERRED\",\"reason\":\"QUIET_HOURS\",\"triggerEventIds\":[\"o\",\"s\"],\"triggerTime\":\"2026-11-10T14:00:00Z\",\"decidedAt\":\"2026-11-10T14:00:00Z\",\"details\":{\"sendAt\":\"2026-11-11T00:00:00Z\"}}",
                "{\"offerId\":\"o3\",\"customerId\":\"C1\",\"ruleId\":\"S3-first-salary\",\"ruleVersion\":1,\"channel\":\"PUSH\",\"outcome\":\"SUPPRESSED\",\"reason\":\"NO_CONSENT\",\"triggerEventIds\":[\"o\",\"s\"],\"triggerTime\":\"2026-11-10T14:00:00Z\",\"decidedAt\":\"2026-11-11T00:00:00Z\",\"details\":{\"note\":\"no consent for PUSH\"}}",
                "{\"offerId\":\"o9\",\"customerId\":\"C2\",\"ruleId\":\"S1-partner-spend\",\"ruleVersion\":1,\"channel\":\"PUSH\",\"outcome\":\"SENT\",\"triggerEventIds\":[\"x\"],\"triggerTime\":\"2026-11-10T02:00:00Z\",\"decidedAt\":\"2026-11-10T02:00:00Z\"}");
        List<String> story = CustomerStory.tell("C1", decisions, List.of(), List.of(), ZoneId.of("Asia/Shanghai"));
        assertThat(story).containsExactly(
                "Customer C1: 3 decisions (times in Asia/Shanghai)",
                "2026-11-10 10:00:00  S2-salary-sip v1 fired on event s at 2026-11-10 10:00:00: the PUSH offer was not sent: another rule fired on the same event and won arbitration: S3-first-salary (priority 90 over 50).",
                "2026-11-10 22:00:00  S3-first-salary v1 fired on events o, s at 2026-11-10 22:00:00: the PUSH offer was DEFERRED: it fell in quiet hours and is held until 2026-11-11 08:00:00, when consent, expiry and caps are checked again.",
                "2026-11-11 08:00:00  S3-first-salary v1 fired on events o, s at 2026-11-10 22:00:00: the PUSH offer was not sent: no consent (no consent for PUSH).");
    }

    @Test
    void saysSoWhenNothingFired() {
        assertThat(CustomerStory.tell("C9", List.of(), List.of(), List.of(), ZoneId.of("UTC")))
                .last().asString().startsWith("No rule fired for this customer");
    }
}

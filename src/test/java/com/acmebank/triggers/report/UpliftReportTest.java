package com.acmebank.triggers.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's figures on decisions and conversions counted by hand. */
class UpliftReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode decision(String rule, String variant, String offer, String outcome, String reason) throws Exception {
        return JSON.readTree("{\"ruleId\":\"" + rule + "\",\"offerId\":\"" + offer + "\",\"outcome\":\"" + outcome + "\""
                + (variant == null ? "" : ",\"variant\":\"" + variant + "\"") + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}");
    }

    private static JsonNode conversion(String rule, String variant, String outcome) throws Exception {
        return JSON.readTree("{\"ruleId\":\"" + rule + "\",\"outcome\":\"" + outcome + "\"" + (variant == null ? "" : ",\"variant\":\"" + variant + "\"") + "}");
    }

    @Test
    void ratesUpliftAndIntervalsPerRuleAndVariant() throws Exception {
        List<JsonNode> decisions = new ArrayList<>();
        List<JsonNode> conversions = new ArrayList<>();
        // S2, variant A: 70 sent (56 convert), 80 held out (48 convert); 5 deferred then sent; 3 capped
        for (int i = 0; i < 65; i++) {
            decisions.add(decision("S2", "A", "o" + i, "SENT", null));
        }
        for (int i = 65; i < 70; i++) {
            decisions.add(decision("S2", "A", "o" + i, "DEFERRED", "QUIET_HOURS"));
            decisions.add(decision("S2", "A", "o" + i, "SENT", null));
        }
        for (int i = 0; i < 80; i++) {
            decisions.add(decision("S2", "A", "h" + i, "HELD_OUT", null));
        }
        for (int i = 0; i < 3; i++) {
            decisions.add(decision("S2", "A", "c" + i, "SUPPRESSED", "FREQUENCY_CAP"));
        }
        for (int i = 0; i < 56; i++) {
            conversions.add(conversion("S2", "A", "SENT"));
        }
        for (int i = 0; i < 48; i++) {
            conversions.add(conversion("S2", "A", "HELD_OUT"));
        }
        // S1 without variants: 4 sent, 1 held out: too few to tell
        for (int i = 0; i < 4; i++) {
            decisions.add(decision("S1", null, "s" + i, "SENT", null));
        }
        decisions.add(decision("S1", null, "t0", "HELD_OUT", null));
        UpliftReport report = UpliftReport.of(decisions, conversions);

        UpliftReport.Row s2 = report.rows().stream().filter(r -> r.ruleId.equals("S2")).findFirst().orElseThrow();
        assertThat(s2.variant).isEqualTo("A");
        assertThat(s2.fired()).isEqualTo(70 + 80 + 3);
        assertThat(s2.sent()).isEqualTo(70);
        assertThat(s2.heldOut()).isEqualTo(80);
        assertThat(s2.treatedRate()).isCloseTo(0.8, within(1e-9));
        assertThat(s2.controlRate()).isCloseTo(0.6, within(1e-9));
        assertThat(s2.absoluteUplift().low()).isCloseTo(0.0524, within(0.0001));
        assertThat(s2.warning()).isNull();

        UpliftReport.Row s1 = report.rows().stream().filter(r -> r.ruleId.equals("S1")).findFirst().orElseThrow();
        assertThat(s1.warning()).startsWith("too few to tell: 4 treated, 1 in the control group");

        JsonNode json = report.json(JSON);
        JsonNode row = json.get("rules").get(1);
        assertThat(row.get("ruleId").asText()).isEqualTo("S2");
        assertThat(row.get("suppressed").get("FREQUENCY_CAP").asLong()).isEqualTo(3);
        assertThat(row.get("absoluteUplift").asDouble()).isCloseTo(0.2, within(1e-6));
        assertThat(row.get("relativeUplift").asDouble()).isCloseTo(1.0 / 3, within(1e-6));
        assertThat(row.get("absoluteUpliftInterval").get(1).asDouble()).isCloseTo(0.3339, within(0.0001));
    }
}

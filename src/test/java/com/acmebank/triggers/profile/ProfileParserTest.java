package com.acmebank.triggers.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.event.Parsed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileParserTest {
    private final ProfileParser parser = new ProfileParser();

    @Test
    void readsTheContractExample() {
        Parsed<Profile> p = parser.parse("{\"customerId\": \"C1001\", \"updatedAt\": \"2026-11-01T00:00:00Z\", \"name\": \"Li Wei\", \"tier\": \"GOLD\","
                + " \"segments\": [\"YOUNG_FAMILY\"], \"birthDate\": \"1990-05-01\", \"timezone\": \"Asia/Shanghai\", \"language\": \"zh-CN\","
                + " \"consent\": {\"SMS\": true, \"PUSH\": true, \"EMAIL\": false}}");
        assertThat(p.isOk()).as(p.error()).isTrue();
        Profile profile = p.value();
        assertThat(profile.consents("PUSH")).isTrue();
        assertThat(profile.consents("EMAIL")).isFalse();
        assertThat(profile.consents("RM_TASK")).isFalse();
        assertThat(profile.inSegment("YOUNG_FAMILY")).isTrue();
        assertThat(profile.updatedAt).isEqualTo(java.time.Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void aProfileWithoutUpdatedAtAppliesFromTheStart() {
        assertThat(parser.parse("{\"customerId\":\"C\"}").value().updatedAt).isEqualTo(Profile.NO_TIME);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"x\"}|customerId: missing required field",
        "{\"customerId\":\"C\",\"tier\":\"PLATINUM\"}|tier: expected one of MASS, SILVER, GOLD, DIAMOND, got 'PLATINUM'",
        "{\"customerId\":\"C\",\"birthDate\":\"01/05/1990\"}|birthDate: expected an ISO date like 1990-05-01",
        "{\"customerId\":\"C\",\"timezone\":\"Mars/Base\"}|timezone: unknown time zone 'Mars/Base'",
        "{\"customerId\":\"C\",\"consent\":{\"SMS\":\"yes\"}}|consent.SMS: expected true or false",
        "{\"customerId\":\"C\",\"segments\":\"STUDENT\"}|segments: expected an array of strings",
        "{\"customerId\":\"C\",\"updatedAt\":\"yesterday\"}|updatedAt: 'yesterday' is not an ISO-8601 instant"
    })
    void rejectsWithAReasonNamingTheField(String json, String reason) {
        Parsed<Profile> p = parser.parse(json);
        assertThat(p.isOk()).isFalse();
        assertThat(p.error()).contains(reason);
    }
}

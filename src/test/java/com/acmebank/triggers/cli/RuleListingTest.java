package com.acmebank.triggers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.event.Origin;
import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.kafka.RuleTopics.Published;
import com.acmebank.triggers.kafka.RuleTopics.StatusRecord;
import com.acmebank.triggers.output.RuleStatus;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.ruleset.RuleUpdateJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** rules list, rules history and lists show, from given records of the two topics. */
class RuleListingTest {
    private static final String TOPIC = "rule-updates";
    private static final long T0 = Times.parseInstant("2026-12-02T10:15:00Z");
    private static final long NOW = T0 + 3_600_000;

    private final Map<String, Published> latest = new LinkedHashMap<>();
    private final List<StatusRecord> statuses = new ArrayList<>();

    private RuleUpdate publish(long offset, RuleUpdate u) {
        latest.put(RuleUpdateJson.key(u), new Published(RuleUpdateJson.key(u), 0, offset, T0 + offset * 1000, u));
        return u;
    }

    private static RuleUpdate rule(String id, int version, boolean paused) {
        RuleSource s = new RuleSource(id + ".yaml", "id: " + id);
        s.ruleId = id;
        s.paused = paused;
        RuleUpdate u = RuleUpdate.putRule(s).from(T0);
        u.version = version;
        return u;
    }

    private void answer(long offset, String type, String id, int version, String state, String status, String... messages) {
        RuleStatus s = new RuleStatus();
        s.type = type;
        s.id = id;
        s.version = version;
        s.state = state;
        s.status = status;
        s.effectiveFrom = RuleStatus.ACCEPTED.equals(status) ? T0 + offset * 1000 : Long.MIN_VALUE;
        s.messages = List.of(messages);
        s.origin = Origin.kafka(TOPIC, 0, offset);
        statuses.add(new StatusRecord(RuleUpdateJson.key(type, id), 0, statuses.size(), T0 + offset * 1000 + 500, s));
    }

    @Test
    void theTableShowsWhatTheEngineAcceptedAndNotesWhatIsPendingOrRejected() {
        publish(0, rule("S1-partner-spend", 3, false));
        answer(0, "RULE", "S1-partner-spend", 3, "ACTIVE", "ACCEPTED");
        publish(1, rule("S1-partner-spend", 3, true)); // paused, not answered yet
        publish(2, rule("S2-salary-sip", 1, false));
        answer(2, "RULE", "S2-salary-sip", 1, "ACTIVE", "ACCEPTED");
        publish(3, rule("S2-salary-sip", 2, false));
        answer(3, "RULE", "S2-salary-sip", 2, "ACTIVE", "REJECTED", "S2-salary-sip.yaml: rule S2-salary-sip: priority: too high", "two");
        RuleUpdate list = RuleUpdate.putList("partner-merchants", List.of("M1", "M2")).from(T0);
        list.version = 7;
        publish(4, list);
        answer(4, "LIST", "partner-merchants", 7, "ACTIVE", "ACCEPTED");
        RuleUpdate delete = RuleUpdate.removeRule("S3-first-salary").from(T0);
        delete.version = 2;
        publish(5, delete);
        answer(5, "RULE", "S3-first-salary", 2, "DELETED", "ACCEPTED");
        publish(6, rule("S4-new", 1, false));

        List<RuleListing.Row> rows = RuleListing.rows(latest, statuses, TOPIC, NOW);

        assertThat(RuleListing.table(rows)).containsExactly(
                "ID                 TYPE  VERSION  STATE    EFFECTIVE FROM        NOTE",
                "S1-partner-spend   RULE  3        ACTIVE   2026-12-02T10:15:00Z  PENDING: published version 3 (PAUSED) not yet answered",
                "S2-salary-sip      RULE  1        ACTIVE   2026-12-02T10:15:02Z  last update REJECTED: S2-salary-sip.yaml: rule "
                        + "S2-salary-sip: priority: too high (+1 more: rules history S2-salary-sip)",
                "S3-first-salary    RULE  2        DELETED  2026-12-02T10:15:05Z",
                "S4-new             RULE  -        -        -                     PENDING: published version 1 not yet answered",
                "partner-merchants  LIST  7        ACTIVE   2026-12-02T10:15:04Z");
        assertThat(RuleListing.json(rows.get(0))).isEqualTo("{\"type\":\"RULE\",\"id\":\"S1-partner-spend\",\"version\":3,\"state\":\"ACTIVE\","
                + "\"effectiveFrom\":\"2026-12-02T10:15:00Z\",\"note\":\"PENDING: published version 3 (PAUSED) not yet answered\"}");
        assertThat(RuleListing.json(rows.get(3))).isEqualTo("{\"type\":\"RULE\",\"id\":\"S4-new\","
                + "\"note\":\"PENDING: published version 1 not yet answered\"}");
    }

    @Test
    void anUpdateThatAppliesLaterSaysWhatHoldsUntilThen() {
        publish(0, rule("S1-partner-spend", 3, false));
        answer(0, "RULE", "S1-partner-spend", 3, "ACTIVE", "ACCEPTED");
        publish(1, rule("S1-partner-spend", 3, true));
        answer(1, "RULE", "S1-partner-spend", 3, "PAUSED", "ACCEPTED");
        publish(9000, rule("S1-partner-spend", 3, false).from(T0 + 9_000_000)); // resumed from 2.5 h after T0
        answer(9000, "RULE", "S1-partner-spend", 3, "ACTIVE", "ACCEPTED");
        answer(9000, "RULE", "S1-partner-spend", 3, "ACTIVE", "ACCEPTED", "unchanged: version 3 is in force already");
        assertThat(RuleListing.rows(latest, statuses, TOPIC, NOW).get(0).note()).isEqualTo("until then: version 3 PAUSED");
        assertThat(RuleListing.rows(latest, statuses, TOPIC, T0 + 9_000_000).get(0).note()).isEmpty();

        publish(9001, rule("S2-new", 1, false));
        answer(9001, "RULE", "S2-new", 1, "ACTIVE", "ACCEPTED");
        assertThat(RuleListing.rows(latest, statuses, TOPIC, NOW).get(1).note()).isEqualTo("not in force until then");
    }

    @Test
    void aRejectedMalformedRecordShowsUpThoughItNeverParsed() {
        answer(0, "RULE", "S9-typo", 0, null, "REJECTED", "version: expected a whole number of at least 1, got \"one\"");
        assertThat(RuleListing.table(RuleListing.rows(latest, statuses, TOPIC, NOW))).last().isEqualTo(
                "S9-typo  RULE  -        -      -               last update REJECTED: version: expected a whole number of at least 1, got \"one\"");
    }

    @Test
    void anAnswerFromAnotherUpdatesTopicIsNoAnswer() {
        publish(0, rule("S1-partner-spend", 3, false));
        answer(0, "RULE", "S1-partner-spend", 3, "ACTIVE", "ACCEPTED");
        assertThat(RuleListing.rows(latest, statuses, "other-updates", NOW).get(0).note()).startsWith("PENDING");
    }

    @Test
    void historyListsEveryAnswerWithItsMessagesThenWhatIsPending() {
        publish(0, rule("S1-partner-spend", 3, false));
        answer(0, "RULE", "S1-partner-spend", 3, "ACTIVE", "ACCEPTED");
        answer(1, "RULE", "S1-partner-spend", 3, "ACTIVE", "ACCEPTED", "unchanged: version 3 is in force already");
        answer(2, "RULE", "S1-partner-spend", 2, "ACTIVE", "REJECTED", "S1-partner-spend.yaml: rule S1-partner-spend: version: 2 is older");
        answer(3, "RULE", "S2-other", 1, "ACTIVE", "ACCEPTED");
        publish(4, rule("S1-partner-spend", 4, false));

        assertThat(RuleListing.history("S1-partner-spend", latest, statuses, TOPIC)).containsExactly(
                "TIME (UTC)                TYPE  VERSION  STATE   STATUS    EFFECTIVE FROM",
                "2026-12-02T10:15:00.500Z  RULE  3        ACTIVE  ACCEPTED  2026-12-02T10:15:00Z",
                "2026-12-02T10:15:01.500Z  RULE  3        ACTIVE  ACCEPTED  2026-12-02T10:15:01Z",
                "    unchanged: version 3 is in force already",
                "2026-12-02T10:15:02.500Z  RULE  2        ACTIVE  REJECTED  -",
                "    S1-partner-spend.yaml: rule S1-partner-spend: version: 2 is older",
                "PENDING: 2026-12-02T10:15:04Z published version 4, ACTIVE, effective from 2026-12-02T10:15:00Z (offset 4), not yet answered");
        assertThat(RuleListing.history("S7-never", latest, statuses, TOPIC)).isEmpty();
    }

    @Test
    void listsShowIsItselfAListFile() {
        RuleUpdate list = RuleUpdate.putList("partner-merchants", List.of("M001", "M002")).from(T0);
        list.version = 7;
        publish(4, list);
        answer(4, "LIST", "partner-merchants", 7, "ACTIVE", "ACCEPTED");
        Published p = latest.get("list:partner-merchants");
        assertThat(ListsCommand.show(p, RuleListing.answer(p, RuleListing.answers(statuses, TOPIC), TOPIC))).containsExactly(
                "# list partner-merchants: version 7, 2 values, published 2026-12-02T10:15:04Z (offset 4)",
                "# ACCEPTED, effective from 2026-12-02T10:15:04Z",
                "M001",
                "M002");
        assertThat(ListsCommand.show(p, null)).element(1).isEqualTo("# PENDING: not yet answered by the engine");
        assertThat(com.acmebank.triggers.rule.ReferenceListFiles.values(String.join("\n", ListsCommand.show(p, null))))
                .containsExactly("M001", "M002");
    }

    @Test
    void anAnswerSaysAcceptedWithWarningsOrRejectedWithItsReasons() {
        RuleStatus ok = new RuleStatus();
        ok.status = RuleStatus.ACCEPTED;
        ok.version = 4;
        ok.state = "ACTIVE";
        ok.effectiveFrom = T0;
        ok.warnings = List.of("list partner-merchants is not published yet");
        assertThat(UpdatePublishing.answer("S1-partner-spend", ok)).containsExactly(
                "  S1-partner-spend: ACCEPTED version 4, ACTIVE, effective from 2026-12-02T10:15:00Z",
                "      warning: list partner-merchants is not published yet");
        RuleStatus no = new RuleStatus();
        no.status = RuleStatus.REJECTED;
        no.version = 4;
        no.messages = List.of("a", "b");
        assertThat(UpdatePublishing.answer("S1-partner-spend", no)).containsExactly(
                "  S1-partner-spend: REJECTED version 4", "      a", "      b");
        assertThat(UpdatePublishing.answer("list x", null)).containsExactly("  list x: no answer yet");
    }
}

package com.acmebank.triggers.scenarios;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.jobs.ReplayJob;
import com.acmebank.triggers.jobs.ReplayOutputs;
import com.acmebank.triggers.policy.PolicyFiles;
import com.acmebank.triggers.rule.ReferenceListFiles;
import com.acmebank.triggers.rule.RuleFiles;
import com.acmebank.triggers.testing.TestPolicies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Runs one golden scenario folder (src/test/resources/scenarios/NAME) through the real replay job on the
 * MiniCluster and renders the outputs as the tables its expected-*.txt files hold:
 * decisions "customer rule channel outcome reason triggers decidedAt [variant=V]", offers "customer rule
 * channel triggers sendAt expiresAt payload message [variant=V]", dead letters "line reason", late events
 * "eventId watermark", conversions "customer rule outcome eventId eventTime delay" (checked where the scenario has
 * an expected-conversions.txt).
 */
final class GoldenReplay {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Tables(List<String> decisions, List<String> offers, List<String> deadLetters, List<String> lateEvents,
            List<String> conversions, List<String> ruleStatus) {}

    static Tables run(Path scenario, Path out) throws Exception {
        return run(scenario, out, "hashmap");
    }

    static Tables run(Path scenario, Path out, String stateBackend) throws Exception {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(scenario.resolve("scenario.properties"))) {
            props.load(in);
        }
        EngineConfig config = new EngineConfig();
        config.outOfOrdernessMillis = com.acmebank.triggers.spec.Durations.parse(props.getProperty("outOfOrderness", "60s"));
        config.simulationEnd = Instant.parse(props.getProperty("until")).toEpochMilli();
        Path policy = scenario.resolve("policy.yaml");
        config.policy = Files.exists(policy) ? PolicyFiles.load(policy)
                : "shipped".equals(props.getProperty("policy")) ? PolicyFiles.shipped() : TestPolicies.withoutHoldout();
        Path events = scenario.resolve("events.jsonl");
        config.goLive = props.containsKey("from") ? Instant.parse(props.getProperty("from")).toEpochMilli()
                : firstEventTime(events) - config.outOfOrdernessMillis;
        Path reference = scenario.resolve("reference");
        Path rules = scenario.resolve("rules");
        ReplayJob.run(new ReplayJob.Request(events, scenario.resolve("profiles.jsonl"),
                Files.isDirectory(rules) ? RuleFiles.load(rules) : RuleFiles.shipped(),
                ReferenceListFiles.shippedWith(Files.isDirectory(reference) ? reference : null), config, out, 2, stateBackend,
                Files.exists(scenario.resolve("rule-updates.jsonl")) ? scenario.resolve("rule-updates.jsonl") : null, null));
        ReplayOutputs.sort(out);
        List<String> decisions = new ArrayList<>();
        for (JsonNode d : lines(out.resolve(ReplayJob.DECISIONS))) {
            decisions.add(String.join(" ", d.get("customerId").asText(), d.get("ruleId").asText(), d.get("channel").asText(),
                    d.get("outcome").asText(), d.path("reason").asText("-"), ids(d), d.get("decidedAt").asText())
                    + (d.hasNonNull("variant") ? " variant=" + d.get("variant").asText() : ""));
        }
        List<String> offers = new ArrayList<>();
        for (JsonNode o : lines(out.resolve(ReplayJob.OFFERS))) {
            offers.add(String.join(" ", o.get("customerId").asText(), o.get("ruleId").asText(), o.get("channel").asText(), ids(o),
                    o.get("sendAt").asText(), o.get("expiresAt").asText(), o.get("payload").toString(), o.get("message").asText())
                    + (o.hasNonNull("variant") ? " variant=" + o.get("variant").asText() : ""));
        }
        List<String> dead = new ArrayList<>();
        for (JsonNode d : lines(out.resolve(ReplayJob.DEAD_LETTERS))) {
            dead.add(d.path("source").path("line").asText() + " " + d.get("reason").asText());
        }
        List<String> late = new ArrayList<>();
        for (JsonNode l : lines(out.resolve(ReplayJob.LATE_EVENTS))) {
            late.add(l.get("eventId").asText() + " " + l.get("watermark").asText());
        }
        List<String> conversions = new ArrayList<>();
        for (JsonNode c : lines(out.resolve(ReplayJob.CONVERSIONS))) {
            conversions.add(String.join(" ", c.get("customerId").asText(), c.get("ruleId").asText(), c.get("outcome").asText(),
                    c.get("eventId").asText(), c.get("eventTime").asText(), c.get("delay").asText()));
        }
        // the answers to the timed updates (the rule files' own are left out): "line type id version state status from messages"
        List<String> ruleStatus = new ArrayList<>();
        for (JsonNode st : lines(out.resolve(ReplayJob.RULE_STATUS))) {
            if (st.path("source").has("line")) {
                List<String> messages = new ArrayList<>();
                st.path("messages").forEach(m -> messages.add(m.asText()));
                ruleStatus.add(String.join(" ", st.path("source").path("line").asText(), st.get("type").asText(), st.path("id").asText("-"),
                        st.get("version").asText(), st.path("state").asText("-"), st.get("status").asText(), st.path("effectiveFrom").asText("-"),
                        messages.isEmpty() ? "-" : String.join(" | ", messages)));
            }
        }
        return new Tables(normalise(decisions), normalise(offers), normalise(dead), normalise(late), normalise(conversions),
                normalise(ruleStatus));
    }

    /** The expected lines of a table file: blank lines and # comments are skipped; a missing file expects nothing. */
    static List<String> expected(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                lines.add(l);
            }
        }
        return normalise(lines);
    }

    /** Columns may be aligned with any run of spaces in the expected files. */
    static List<String> normalise(List<String> lines) {
        return lines.stream().map(l -> l.strip().replaceAll("\\s+", " ")).toList();
    }

    private static String ids(JsonNode record) {
        List<String> ids = new ArrayList<>();
        record.get("triggerEventIds").forEach(i -> ids.add(i.asText()));
        return ids.isEmpty() ? "-" : String.join(",", ids);
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        if (Files.exists(file)) {
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                nodes.add(JSON.readTree(l));
            }
        }
        return nodes;
    }

    private static long firstEventTime(Path events) throws IOException {
        var parser = new com.acmebank.triggers.event.EventParser();
        for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
            var parsed = parser.parse(line);
            if (parsed.isOk()) {
                return parsed.value().eventTime;
            }
        }
        return 0;
    }

    private GoldenReplay() {}
}

package com.acmebank.triggers.cli;

import com.acmebank.triggers.event.EventParser;
import com.acmebank.triggers.kafka.RuleTopics;
import com.acmebank.triggers.kafka.TopicSnapshot;
import com.acmebank.triggers.rule.RuleUpdate;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a live engine reads, copied into local files for a forecast: the events topic in event-time order, the
 * profiles topic (the newest record per customer), and the rules and lists in force on rule-updates (the newest
 * record per rule or list that the engine did not reject; paused and deleted rules left out).
 */
final class TopicInput {
    record Snapshot(Path events, Path profiles, Path rules, Path lists) {}

    private TopicInput() {}

    static Snapshot take(String bootstrap, String eventsTopic, String profilesTopic, String updatesTopic, String statusTopic, Duration timeout,
            PrintStream out, PrintStream err) throws CommandFailure {
        KafkaPreflight.quietClientLogs();
        KafkaPreflight.requireTopics(bootstrap, timeout.toMillis(), err, eventsTopic, profilesTopic, updatesTopic, statusTopic);
        try {
            Path dir = Files.createTempDirectory("forecast-input");
            Snapshot s = new Snapshot(dir.resolve("events.jsonl"), dir.resolve("profiles.jsonl"), dir.resolve("rules"), dir.resolve("reference"));
            int events = writeEvents(TopicSnapshot.records(bootstrap, eventsTopic, timeout), s.events());
            int profiles = writeProfiles(TopicSnapshot.records(bootstrap, profilesTopic, timeout), s.profiles());
            int[] inForce = writeRules(new RuleTopics(bootstrap, updatesTopic, statusTopic, timeout), s.rules(), s.lists());
            out.printf("From %s: %,d events (%s), %,d profiles (%s), %d rules and %d lists in force (%s), copied to %s%n", bootstrap, events,
                    eventsTopic, profiles, profilesTopic, inForce[0], inForce[1], updatesTopic, dir);
            if (events == 0) {
                err.println("The events topic " + eventsTopic + " holds no events to forecast on");
                throw new CommandFailure(2);
            }
            return s;
        } catch (IOException e) {
            err.println("Reading the topics failed: " + e.getMessage());
            throw new CommandFailure(1);
        }
    }

    /** The events in event-time order (a replay needs a recording's order; partitions interleave); unreadable ones last. */
    private static int writeEvents(List<TopicSnapshot.Record> records, Path file) throws IOException {
        EventParser parser = new EventParser();
        record Line(long time, long seq, String text) {}
        List<Line> lines = new ArrayList<>();
        long seq = 0;
        for (TopicSnapshot.Record r : records) {
            if (r.value() == null || r.value().isBlank()) {
                continue;
            }
            var parsed = parser.parse(r.value());
            lines.add(new Line(parsed.isOk() ? parsed.value().eventTime : Long.MAX_VALUE, seq++, r.value().replace('\n', ' ')));
        }
        lines.sort(Comparator.comparingLong(Line::time).thenComparingLong(Line::seq));
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Line l : lines) {
                w.write(l.text());
                w.newLine();
            }
        }
        return lines.size();
    }

    /** The newest record per customer; a tombstone deletes the customer. */
    private static int writeProfiles(List<TopicSnapshot.Record> records, Path file) throws IOException {
        Map<String, String> latest = new LinkedHashMap<>();
        List<String> unkeyed = new ArrayList<>();
        for (TopicSnapshot.Record r : records) {
            if (r.key() == null) {
                if (r.value() != null) {
                    unkeyed.add(r.value());
                }
            } else if (r.value() == null) {
                latest.remove(r.key());
            } else {
                latest.put(r.key(), r.value());
            }
        }
        List<String> lines = new ArrayList<>(unkeyed);
        lines.addAll(latest.values());
        Files.write(file, lines.stream().map(l -> l.replace('\n', ' ')).toList(), StandardCharsets.UTF_8);
        return lines.size();
    }

    /** The rules and lists in force ({@link RuleTopics#inForce}) as files: {rules}/FILE and {lists}/NAME.txt. */
    private static int[] writeRules(RuleTopics topics, Path rules, Path lists) throws IOException {
        Files.createDirectories(rules);
        Files.createDirectories(lists);
        int ruleCount = 0;
        int listCount = 0;
        for (RuleTopics.Published p : topics.inForce().values()) {
            RuleUpdate u = p.update();
            if (RuleUpdate.PUT_LIST.equals(u.kind)) {
                Files.write(lists.resolve(u.name + ".txt"), u.values, StandardCharsets.UTF_8);
                listCount++;
            } else if (RuleUpdate.PUT_RULE.equals(u.kind) && !u.paused()) {
                String name = Path.of(u.rule.fileName).getFileName().toString();
                Files.writeString(rules.resolve(name), u.rule.text, StandardCharsets.UTF_8);
                ruleCount++;
            }
        }
        return new int[] {ruleCount, listCount};
    }
}

package com.acmebank.triggers.cli;

import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.kafka.RuleTopics;
import com.acmebank.triggers.output.RuleStatus;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.ruleset.RuleUpdateJson;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Publishes updates and waits for the running engine's answer to each: the part every publishing command shares,
 * with its two options and its exit codes.
 */
final class UpdatePublishing {
    static final int ALL_ACCEPTED = 0;
    static final int KAFKA_ERROR = 1;
    static final int INVALID = 2;
    static final int REJECTED = 3;
    static final int NO_ANSWER = 4;

    @Option(names = "--from", paramLabel = "INSTANT", converter = CliValues.InstantMillis.class,
            description = "The event time from which the change applies, ISO-8601 with an offset or Z (default: from the moment the "
                    + "engine reads it; a fresh job reads the topic before any event, so then from the start; the engine never "
                    + "applies it before the event time it has already judged).")
    Long from;

    @Option(names = "--wait", paramLabel = "DURATION", converter = WaitMillis.class, defaultValue = "60s",
            description = "How long to wait for the running engine's answer on the status topic (default: ${DEFAULT-VALUE}; 0 does not wait).")
    long waitMillis;

    /** A duration, or a bare 0 for "do not wait". */
    static final class WaitMillis implements picocli.CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return value.strip().equals("0") ? 0L : new CliValues.DurationMillis().convert(value);
        }
    }

    /**
     * The instant the updates apply from: --from, else none, which the engine reads as "from now on" (the moment it
     * reads the update; for a fresh job, which reads the topic before any event, the start: retained history builds
     * the rules' state).
     */
    long effectiveFrom() {
        return from != null ? from : RuleUpdate.FROM_START;
    }

    /** Publishes, prints a line per update, waits for the answers and prints them; answers the exit code. */
    int publishAndWait(RuleTopics topics, List<RuleUpdate> updates, PrintStream out, PrintStream err) {
        List<Long> offsets;
        Map<Integer, Long> statusStart;
        try {
            // taken before publishing: an answer written right after the update cannot be missed
            statusStart = waitMillis > 0 ? topics.statusEndOffsets() : Map.of();
            offsets = topics.publish(updates);
        } catch (RuleTopics.PublishFailed e) {
            for (int i = 0; i < updates.size(); i++) {
                long offset = e.offsets().get(i);
                out.println("  " + label(updates.get(i)) + ": " + (offset >= 0 ? "published at offset " + offset : "not published"));
            }
            err.println(e.getMessage());
            return KAFKA_ERROR;
        } catch (IOException e) {
            err.println(e.getMessage());
            return KAFKA_ERROR;
        }
        out.println("Published to " + topics.updatesTopic() + ":");
        for (int i = 0; i < updates.size(); i++) {
            out.println("  " + label(updates.get(i)) + ": " + describe(updates.get(i)) + " (offset " + offsets.get(i) + ")");
        }
        if (waitMillis <= 0) {
            out.println("Not waiting for the engine's answer (--wait 0): rules list shows it once the engine has read the update.");
            return ALL_ACCEPTED;
        }
        err.println("Waiting up to " + seconds(waitMillis) + " for the engine's answer on " + topics.statusTopic() + " ...");
        Map<Long, RuleStatus> answers;
        try {
            answers = topics.awaitStatuses(new HashSet<>(offsets), statusStart, Duration.ofMillis(waitMillis));
        } catch (IOException e) {
            err.println(e.getMessage());
            return KAFKA_ERROR;
        }
        if (answers.isEmpty()) {
            err.println("no running engine answered within " + seconds(waitMillis) + ": is run started on these topics?");
            return NO_ANSWER;
        }
        boolean rejected = false;
        for (int i = 0; i < updates.size(); i++) {
            RuleStatus s = answers.get(offsets.get(i));
            answer(label(updates.get(i)), s).forEach(out::println);
            rejected |= s != null && !s.accepted();
        }
        if (answers.size() < updates.size()) {
            err.println((updates.size() - answers.size()) + " update(s) not answered within " + seconds(waitMillis)
                    + " (rules list shows their answer later)");
        }
        return rejected ? REJECTED : answers.size() < updates.size() ? NO_ANSWER : ALL_ACCEPTED;
    }

    /** The lines for one update's answer (pure, for the tests). */
    static List<String> answer(String label, RuleStatus s) {
        if (s == null) {
            return List.of("  " + label + ": no answer yet");
        }
        List<String> lines = new java.util.ArrayList<>();
        if (s.accepted()) {
            lines.add("  " + label + ": ACCEPTED version " + s.version + (s.state == null ? "" : ", " + s.state) + ", effective from "
                    + instant(s.effectiveFrom) + (s.messages.isEmpty() ? "" : "; " + String.join("; ", s.messages)));
        } else {
            lines.add("  " + label + ": REJECTED version " + s.version);
            s.messages.forEach(m -> lines.add("      " + m));
        }
        s.warnings.forEach(w -> lines.add("      warning: " + w));
        return lines;
    }

    /** How a user names what an update changes: the rule id, or "list NAME". */
    static String label(RuleUpdate u) {
        return RuleUpdate.PUT_LIST.equals(u.kind) ? "list " + u.name : u.ruleId();
    }

    static String describe(RuleUpdate u) {
        String what = switch (u.kind) {
            case RuleUpdate.PUT_LIST -> "version " + u.version + ", " + u.values.size() + " values";
            case RuleUpdate.REMOVE_RULE -> "delete version " + u.version;
            default -> "version " + u.version + ", " + RuleUpdateJson.state(u);
        };
        return what + (u.effectiveFrom == RuleUpdate.FROM_START ? ", from when the engine reads it" : ", effective from " + instant(u.effectiveFrom));
    }

    static String instant(long millis) {
        return millis == Long.MIN_VALUE ? "the start" : Times.format(millis);
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}

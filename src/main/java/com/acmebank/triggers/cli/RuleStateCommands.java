package com.acmebank.triggers.cli;

import com.acmebank.triggers.kafka.RuleTopics;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.ruleset.RuleUpdateJson;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** rules pause, resume and delete: one update about a published rule, built from what rule-updates holds for it. */
final class RuleStateCommands {
    private RuleStateCommands() {}

    /** What to do: publish {@code update}, or nothing, saying {@code message} and ending with {@code exitCode}. */
    record Decision(RuleUpdate update, String message, int exitCode) {}

    static final String PAUSE = "pause";
    static final String RESUME = "resume";
    static final String DELETE = "delete";

    /** The update for {@code action} on the rule whose latest published update is {@code current} (null: none). */
    static Decision decide(String action, String id, RuleUpdate current, long effectiveFrom) {
        if (current == null) {
            return new Decision(null, "No rule " + id + " on the rule-updates topic (rules list shows the published rules)", 2);
        }
        boolean deleted = RuleUpdate.REMOVE_RULE.equals(current.kind);
        if (deleted) {
            return DELETE.equals(action)
                    ? new Decision(null, id + ": deleted already (version " + current.version + ")", 0)
                    : new Decision(null, id + ": deleted at version " + current.version + ", nothing to " + action
                            + " (publish it again with version " + (current.version + 1) + " or higher)", 2);
        }
        if (DELETE.equals(action)) {
            RuleUpdate remove = RuleUpdate.removeRule(id).from(effectiveFrom);
            remove.version = current.version;
            return new Decision(remove, null, 0);
        }
        boolean pause = PAUSE.equals(action);
        if (current.paused() == pause) {
            return new Decision(null, id + ": version " + current.version + " is " + (pause ? "paused" : "active") + " already", 0);
        }
        RuleUpdate u = current.copy().from(effectiveFrom);
        u.sequence = 0;
        u.rule.ruleId = id;
        u.rule.paused = pause;
        return new Decision(u, null, 0);
    }

    /** The shared run: read the rule's latest update, decide, publish and wait. */
    abstract static class Change implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The rule's id.")
        String id;

        @Mixin
        UpdatePublishing publishing;

        @Mixin
        RuleTopicOptions kafka;

        abstract String action();

        @Override
        public Integer call() {
            try {
                RuleTopics topics = kafka.connect(true, System.err);
                // the version in force, not a newer record the engine rejected
                RuleTopics.Published latest = topics.inForce().get(RuleUpdateJson.key(RuleUpdateJson.RULE, id));
                Decision d = decide(action(), id, latest == null ? null : latest.update(), publishing.effectiveFrom());
                if (d.update() == null) {
                    (d.exitCode() == 0 ? System.out : System.err).println(d.message());
                    return d.exitCode();
                }
                return publishing.publishAndWait(topics, List.of(d.update()), System.out, System.err);
            } catch (CommandFailure f) {
                return f.exitCode();
            } catch (IOException e) {
                System.err.println(e.getMessage());
                return UpdatePublishing.KAFKA_ERROR;
            }
        }
    }

    private static final String EXIT_CODES = "Exit codes: 0 accepted (or nothing to do), 1 Kafka error, 2 no such rule or "
            + "deleted, 3 the engine rejected it, 4 no answer within --wait.";

    @Command(name = PAUSE, mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            header = "Pauses a published rule: it keeps its customers' state but sends nothing.",
            description = {"Publishes the rule's version in force again, paused, and waits for the engine's answer. A paused rule "
                    + "is left as it is.", EXIT_CODES})
    static final class Pause extends Change {
        @Override
        String action() {
            return PAUSE;
        }
    }

    @Command(name = RESUME, mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            header = "Resumes a paused rule.",
            description = {"Publishes the rule's version in force again, active, and waits for the engine's answer. An active rule "
                    + "is left as it is.", EXIT_CODES})
    static final class Resume extends Change {
        @Override
        String action() {
            return RESUME;
        }
    }

    @Command(name = DELETE, mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            header = "Deletes a published rule.",
            description = {"Publishes the deletion of the rule's version in force and waits for the engine's answer. The rule can "
                    + "come back later with a higher version (rules publish).", EXIT_CODES})
    static final class Delete extends Change {
        @Override
        String action() {
            return DELETE;
        }
    }
}

package com.acmebank.triggers.cli;

import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.kafka.RuleTopics;
import com.acmebank.triggers.output.RuleStatus;
import com.acmebank.triggers.rule.ReferenceListFiles;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.ruleset.RuleUpdateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Reference lists on the rule-updates topic: publish a new version of one, or show the one published. */
@Command(name = "lists", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Publishes and shows the reference lists of the running engine.",
        description = "lists publish NAME FILE: publishes FILE (one value a line, blank and # lines ignored) as the next version of "
                + "the list NAME. lists show NAME: the list as published, with the engine's answer.",
        subcommands = {ListsCommand.Publish.class, ListsCommand.Show.class})
public final class ListsCommand implements Callable<Integer> {
    /** As the engine checks it: a name that is safe in a key, a file name and a message. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    @Override
    public Integer call() {
        System.err.println("Give a subcommand: lists publish NAME FILE or lists show NAME (lists --help for more).");
        return 2;
    }

    /** What publishing {@code values} as list {@code name} means, given the list's latest published update (null: none). */
    record Decision(RuleUpdate update, String message, int exitCode) {}

    static Decision decide(String name, List<String> values, RuleUpdate current, long effectiveFrom) {
        if (!NAME.matcher(name).matches()) {
            return new Decision(null, "list " + name + ": name: use letters, digits, '.', '_' and '-' only (at most 128), "
                    + "starting with a letter or digit", 2);
        }
        if (current != null && current.values.equals(values)) {
            return new Decision(null, "list " + name + ": version " + current.version + " already published with these "
                    + values.size() + " values, unchanged", 0);
        }
        RuleUpdate u = RuleUpdate.putList(name, List.copyOf(values)).from(effectiveFrom);
        u.version = current == null ? 1 : current.version + 1;
        return new Decision(u, null, 0);
    }

    /** What lists show prints: a header of # lines (so the output is itself a list file), then the values. */
    static List<String> show(RuleTopics.Published p, RuleStatus answer) {
        RuleUpdate u = p.update();
        List<String> lines = new ArrayList<>();
        lines.add("# list " + u.name + ": version " + u.version + ", " + u.values.size() + " values, published "
                + Times.format(p.timestamp()) + " (offset " + p.offset() + ")");
        if (answer == null) {
            lines.add("# PENDING: not yet answered by the engine");
        } else if (answer.accepted()) {
            lines.add("# ACCEPTED, effective from " + UpdatePublishing.instant(answer.effectiveFrom)
                    + (answer.messages.isEmpty() ? "" : "; " + String.join("; ", answer.messages)));
        } else {
            lines.add("# REJECTED: " + String.join("; ", answer.messages));
        }
        lines.addAll(u.values);
        return lines;
    }

    @Command(name = "publish", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            header = "Publishes a file as the next version of a reference list.",
            description = {"Reads FILE (one value a line; blank lines and lines starting with # are ignored) and publishes it as "
                    + "the list NAME, one version above the one published; the same values as published are left as they are. "
                    + "Then waits for the engine's answer.",
                    "Exit codes: 0 accepted (or unchanged), 1 Kafka error, 2 bad name or file, 3 the engine rejected it, "
                            + "4 no answer within --wait."})
    static final class Publish implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The list's name, as rules name it (inList: NAME).")
        String name;

        @Parameters(index = "1", paramLabel = "FILE", description = "The values, one a line.")
        Path file;

        @Mixin
        UpdatePublishing publishing;

        @Mixin
        RuleTopicOptions kafka;

        @Override
        public Integer call() {
            List<String> values;
            try {
                if (!Files.isRegularFile(file)) {
                    System.err.println("No such list file: " + file);
                    return 2;
                }
                values = ReferenceListFiles.values(Files.readString(file));
            } catch (IOException e) {
                System.err.println(ErrorLine.of(e));
                return 2;
            }
            Decision early = decide(name, values, null, 0);
            if (early.update() == null) {
                System.err.println(early.message()); // a bad name needs no broker
                return early.exitCode();
            }
            try {
                RuleTopics topics = kafka.connect(true, System.err);
                RuleTopics.Published latest = topics.latest().get(RuleUpdateJson.key(RuleUpdateJson.LIST, name));
                Decision d = decide(name, values, latest == null ? null : latest.update(), publishing.effectiveFrom());
                if (d.update() == null) {
                    System.out.println(d.message());
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

    @Command(name = "show", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            header = "Shows a reference list as published, with the engine's answer.",
            description = {"Prints # lines with the version, the number of values, when it was published and the engine's answer "
                    + "(ACCEPTED and the event time it applies from, REJECTED and why, or PENDING), then the values one a line: the "
                    + "output is itself a list file.",
                    "Exit codes: 0 shown, 1 Kafka error or no broker, 2 no such list (or a topic missing)."})
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The list's name.")
        String name;

        @Mixin
        RuleTopicOptions kafka;

        @Override
        public Integer call() {
            try {
                RuleTopics topics = kafka.connect(false, System.err);
                RuleTopics.Published p = topics.latest().get(RuleUpdateJson.key(RuleUpdateJson.LIST, name));
                if (p == null) {
                    System.err.println("No list " + name + " on " + topics.updatesTopic() + " (rules list shows the published lists)");
                    return 2;
                }
                RuleStatus answer = RuleListing.answer(p, RuleListing.answers(topics.statuses(), topics.updatesTopic()), topics.updatesTopic());
                show(p, answer).forEach(System.out::println);
                return 0;
            } catch (CommandFailure f) {
                return f.exitCode();
            } catch (IOException e) {
                System.err.println(e.getMessage());
                return UpdatePublishing.KAFKA_ERROR;
            }
        }
    }
}

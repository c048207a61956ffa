package com.acmebank.triggers.cli;

import com.acmebank.triggers.kafka.RuleTopics;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.RuleFiles;
import com.acmebank.triggers.rule.RuleRejectedException;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "publish", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Publishes rule files to the running engine.",
        description = {"Validates every file first (any problem: the same messages as validate, nothing published, exit code 2), "
                + "then compares each rule with what rule-updates holds: a rule whose version and text are published already is left "
                + "out; an older version, or the same version with another text, is refused (exit code 2, nothing published). The "
                + "rest is published, active, and the engine's answer on rule-status is awaited.",
                "Exit codes: 0 all accepted, 1 Kafka error, 2 invalid or refused, 3 the engine rejected one, 4 no answer within --wait."})
public final class RulePublishCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Rule files or folders of them.")
    List<Path> paths;

    @Mixin
    UpdatePublishing publishing;

    @Mixin
    RuleTopicOptions kafka;

    @Override
    public Integer call() {
        RuleFiles.Loaded loaded;
        try {
            loaded = RuleFiles.load(paths);
        } catch (RuleRejectedException e) {
            System.err.println("Rules rejected:");
            e.errors().forEach(x -> System.err.println("  " + x));
            return UpdatePublishing.INVALID;
        } catch (IOException e) {
            System.err.println(e instanceof java.nio.file.FileSystemException ? ErrorLine.of(e) : e.getMessage());
            return UpdatePublishing.INVALID;
        }
        loaded.warnings().forEach(w -> System.err.println("Warning: " + w));
        try {
            RuleTopics topics = kafka.connect(true, System.err);
            Map<String, RuleUpdate> published = new LinkedHashMap<>();
            topics.latest().forEach((key, p) -> published.put(key, p.update()));
            PublishPlan.Outcome plan = PublishPlan.plan(candidates(loaded), published, publishing.effectiveFrom());
            plan.unchanged().forEach(line -> System.out.println("  " + line));
            if (!plan.refused().isEmpty()) {
                plan.refused().forEach(line -> System.err.println("Refused: " + line));
                System.err.println("Nothing published.");
                return UpdatePublishing.INVALID;
            }
            if (plan.publish().isEmpty()) {
                System.out.println("Nothing to publish: every rule is published as it is.");
                return UpdatePublishing.ALL_ACCEPTED;
            }
            plan.notes().forEach(line -> System.out.println("  " + line));
            return publishing.publishAndWait(topics, plan.publish(), System.out, System.err);
        } catch (CommandFailure f) {
            return f.exitCode();
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return UpdatePublishing.KAFKA_ERROR;
        }
    }

    /** The files as published: only the file's own name goes with the text (the local folders are nobody's business). */
    static List<PublishPlan.Candidate> candidates(RuleFiles.Loaded loaded) {
        List<PublishPlan.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < loaded.rules().size(); i++) {
            CompiledRule rule = loaded.rules().get(i);
            RuleSource source = loaded.sources().get(i);
            Path name = Path.of(source.fileName).getFileName();
            candidates.add(new PublishPlan.Candidate(rule.id(), rule.version(), name == null ? source.fileName : name.toString(), source.text));
        }
        return candidates;
    }
}

package com.acmebank.triggers.cli;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.policy.PolicyFiles;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.RuleError;
import com.acmebank.triggers.rule.ReferenceListFiles;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleFiles;
import com.acmebank.triggers.rule.RuleRejectedException;
import com.acmebank.triggers.condition.ReferenceLists;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command that runs the engine shares: rules, reference lists, policy and the engine settings. */
final class EngineOptions {
    @Option(names = "--rules", paramLabel = "DIR", description = "Folder of rule files (*.yaml, *.yml, *.json; docs/rule-format.md) (default: the shipped scenario rules S1-S15).")
    Path rules;

    /** Rule files or folders given by a command as its arguments (validate PATH...): they take the place of --rules. */
    java.util.List<Path> ruleFiles;

    @Option(names = "--reference", paramLabel = "DIR", description = "Folder of reference lists: NAME.txt is the list NAME, one value a line; a list given here replaces the shipped list of the same name (default: the shipped lists only).")
    Path reference;

    @Option(names = "--policy", paramLabel = "FILE", description = "Contact policy file (docs/contact-policy.md) (default: the shipped rules/policy.yaml).")
    Path policy;

    @Option(names = "--dedup-retention", paramLabel = "DURATION", converter = CliValues.DurationMillis.class,
            description = "How long a repeated eventId is recognised and dropped (default: ${DEFAULT-VALUE}).", defaultValue = EngineConfig.DEDUP_RETENTION)
    long dedupRetention;

    @Option(names = "--parallelism", paramLabel = "N", description = "Parallelism of the keyed operators (default: ${DEFAULT-VALUE}).", defaultValue = "2")
    int parallelism;

    /** Rules, lists and policy, loaded and validated; problems go to {@code err} and end the command. */
    record Loaded(RuleFiles.Loaded rules, Map<String, List<String>> lists, EngineConfig config, List<String> warnings) {}

    Loaded load(EngineConfig config, PrintStream out, PrintStream err) throws CommandFailure {
        RuleFiles.Loaded loaded;
        try {
            loaded = ruleFiles != null && !ruleFiles.isEmpty() ? RuleFiles.load(ruleFiles)
                    : rules == null ? RuleFiles.shipped() : RuleFiles.load(rules);
        } catch (RuleRejectedException e) {
            err.println("Rules rejected:");
            e.errors().forEach(x -> err.println("  " + x));
            throw new CommandFailure(2);
        } catch (IOException e) {
            err.println(e instanceof java.nio.file.FileSystemException ? ErrorLine.of(e) : e.getMessage());
            throw new CommandFailure(2);
        }
        if (policy != null && !Files.isRegularFile(policy)) {
            err.println("No such policy file: " + policy);
            throw new CommandFailure(2);
        }
        Map<String, List<String>> lists;
        try {
            lists = ReferenceListFiles.shippedWith(reference);
            config.policy = policy == null ? PolicyFiles.shipped() : PolicyFiles.load(policy);
        } catch (IOException e) {
            err.println(e instanceof java.nio.file.FileSystemException ? ErrorLine.of(e) : e.getMessage());
            throw new CommandFailure(2);
        }
        config.dedupRetentionMillis = dedupRetention;
        List<String> problems = config.validate();
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            throw new CommandFailure(2);
        }
        Map<String, java.util.Set<String>> sets = new java.util.HashMap<>();
        lists.forEach((k, v) -> sets.put(k, new HashSet<>(v)));
        RuleBook book = RuleBook.of(loaded.rules(), new ReferenceLists(sets));
        out.printf("Rules: %d from %s; reference lists: %s%n", loaded.rules().size(),
                ruleFiles != null && !ruleFiles.isEmpty() ? ruleFiles : rules == null ? "the shipped scenarios" : rules, lists.isEmpty() ? "none" : String.join(", ", lists.keySet()));
        List<String> warnings = new java.util.ArrayList<>();
        loaded.warnings().forEach(w -> warnings.add(w.toString()));
        for (CompiledRule r : loaded.rules()) {
            for (String list : new java.util.TreeSet<>(r.referencedLists())) {
                if (!lists.containsKey(list)) {
                    warnings.add(new RuleError(r.file(), r.id(), null, "reference list '" + list + "' is not given (--reference DIR, "
                            + list + ".txt); it matches nothing").toString());
                }
            }
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        loaded.rules().forEach(r -> ids.add(r.id()));
        String policyFile = policy == null ? "the shipped policy.yaml" : policy.toString();
        for (String id : config.policy.rules.keySet()) {
            if (!ids.contains(id)) {
                warnings.add(policyFile + ": rules." + id + ": no rule has this id, so this override never applies");
            }
        }
        config.policy.families.forEach((family, f) -> f.rules.stream().filter(id -> !ids.contains(id)).forEach(id ->
                warnings.add(policyFile + ": families." + family + ".rules: no rule has the id " + id + ", so nothing of it is capped")));
        warnings.forEach(w -> err.println("Warning: " + w));
        return new Loaded(loaded, lists, config, List.copyOf(warnings));
    }
}

package com.acmebank.triggers.cli;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.rule.CompiledRule;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Checks rule files, reference lists and the contact policy.",
        description = "Loads and validates the rules, the reference lists and the contact policy without running anything. "
                + "Lists each rule (version, priority, channels, repeat limit, file), or every problem with the file, the rule, "
                + "the field and what is wrong (exit code 2); warnings (likely mistakes) are printed and fail only with --strict "
                + "(exit code 1). The rule format: docs/rule-format.md.")
public final class ValidateCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @picocli.CommandLine.Parameters(arity = "0..*", paramLabel = "PATH", description = "Rule files or folders of them to check "
            + "(instead of --rules DIR).")
    java.util.List<Path> paths;

    @Option(names = "--strict", description = "Fail (exit code 1) on warnings too: an unknown event type, tier or language, "
            + "conditions that can never hold, a missing reference list, a policy override for no rule. For a marketer's CI.")
    boolean strict;

    @Override
    public Integer call() {
        EngineOptions.Loaded loaded;
        engine.ruleFiles = paths;
        try {
            loaded = engine.load(new EngineConfig(), System.out, System.err);
        } catch (CommandFailure f) {
            return f.exitCode();
        }
        for (CompiledRule r : loaded.rules().rules()) {
            String outputs = r.outputs().stream().map(o -> o.channel()).collect(Collectors.joining("+"));
            System.out.printf("  OK  %-32s v%-3d priority %-4d %-9s %-28s %s%n", r.id(), r.version(), r.priority(), outputs,
                    r.repeat().describe(), r.file());
        }
        com.acmebank.triggers.rule.RuleAnalysis.lines(loaded.rules().rules(), loaded.config().windowCapacity).forEach(System.out::println);
        if (!loaded.warnings().isEmpty()) {
            System.err.printf("%d warning(s)%s%n", loaded.warnings().size(), strict ? ": failing (--strict)" : "");
            return strict ? 1 : 0;
        }
        return 0;
    }
}

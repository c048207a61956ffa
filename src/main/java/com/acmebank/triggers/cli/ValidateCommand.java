package com.acmebank.triggers.cli;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.rule.CompiledRule;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Checks rule files, reference lists and the contact policy.",
        description = "Loads and validates the rules, the reference lists and the contact policy without running anything. "
                + "Lists each rule (version, priority, channels, repeat limit, file), or every problem with the file, the rule, "
                + "the field and what is wrong (exit code 2). The rule format: docs/rule-format.md.")
public final class ValidateCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        EngineOptions.Loaded loaded;
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
        return 0;
    }
}

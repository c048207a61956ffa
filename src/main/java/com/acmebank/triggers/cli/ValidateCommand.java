package com.acmebank.triggers.cli;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.rule.CompiledRule;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks rule files, reference lists and the contact policy without running anything; lists each rule or every problem.")
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

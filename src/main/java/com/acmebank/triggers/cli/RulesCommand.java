package com.acmebank.triggers.cli;

import picocli.CommandLine.Command;

/** Commands about rules before they reach customers. */
@Command(name = "rules", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Rule changes before they reach customers: forecast.",
        description = "rules forecast PATH... --events FILE [--days N]: what a change would have sent (see its --help). "
                + "Validating rule files is the top-level validate command (validate --rules DIR [--strict]).",
        subcommands = {ForecastCommand.class})
public final class RulesCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("Give a subcommand: rules forecast PATH... --events FILE (rules --help for more).");
        return 2;
    }
}

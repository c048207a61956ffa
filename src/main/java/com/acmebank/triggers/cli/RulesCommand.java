package com.acmebank.triggers.cli;

import picocli.CommandLine.Command;

/** Commands about rules before they reach customers. */
@Command(name = "rules", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Rule changes before they reach customers: validate, forecast.",
        description = "rules validate PATH... [--strict]: checks rule files (as the top-level validate does). "
                + "rules forecast PATH... --events FILE [--days N]: what a change would have sent (see its --help).",
        subcommands = {ValidateCommand.class, ForecastCommand.class})
public final class RulesCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("Give a subcommand: rules validate PATH... or rules forecast PATH... --events FILE (rules --help for more).");
        return 2;
    }
}

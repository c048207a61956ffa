package com.acmebank.triggers.cli;

import picocli.CommandLine.Command;

/** Commands about rules: checking them before they reach customers, and changing them in a running engine. */
@Command(name = "rules", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Rule changes: validate and forecast them, publish, pause, resume and delete them in a running engine.",
        description = {"rules validate PATH... [--strict]: checks rule files (as the top-level validate does). "
                + "rules forecast PATH... --events FILE [--days N]: what a change would have sent.",
                "rules publish PATH..., rules pause ID, rules resume ID, rules delete ID: publish on the rule-updates topic and wait "
                        + "for the running engine's answer on rule-status. rules list and rules history ID: what the engine "
                        + "accepted. Each has its --help."},
        subcommands = {ValidateCommand.class, ForecastCommand.class, RulePublishCommand.class, RuleStateCommands.Pause.class,
                RuleStateCommands.Resume.class, RuleStateCommands.Delete.class, RuleListCommand.class, RuleHistoryCommand.class})
public final class RulesCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("Give a subcommand: rules validate, forecast, publish, pause, resume, delete, list or history "
                + "(rules --help for more).");
        return 2;
    }
}

package com.acmebank.triggers.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The engine's command line: one jar, one subcommand per way to run it. */
@Command(name = "trigger-engine",
        mixinStandardHelpOptions = true,
        version = "trigger-engine 0.1.0 (Flink 2.2)",
        description = "Real-time marketing triggers for a retail bank, on Apache Flink.",
        subcommands = {
            ReplayCommand.class,
            ValidateCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        int code = new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
        if (code != 0 || !Boolean.getBoolean("trigger.noExit")) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}

package com.acmebank.triggers.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The engine's command line: one jar, one subcommand per way to run it. */
@Command(name = "trigger-engine",
        mixinStandardHelpOptions = true,
        version = "trigger-engine 0.1.0 (Flink 2.2)",
        description = "Real-time marketing triggers for a retail bank, on Apache Flink.",
        subcommands = {
            DemoCommand.class,
            ReplayCommand.class,
            GenerateCommand.class,
            RunCommand.class,
            ProduceCommand.class,
            OffersCommand.class,
            ExplainCommand.class,
            ValidateCommand.class,
            BenchmarkCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** True once a job was handed to a Flink cluster: main() then runs inside Flink and must not end the JVM. */
    private static volatile boolean stayAlive;

    public static void main(String[] args) {
        int code = new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
        if (!stayAlive) {
            System.exit(code);
        }
    }

    static void stayAlive(boolean submittedToACluster) {
        stayAlive = submittedToACluster;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}

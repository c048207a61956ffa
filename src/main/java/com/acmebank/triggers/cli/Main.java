package com.acmebank.triggers.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The engine's command line: one jar, one subcommand per way to run it. */
@Command(name = "trigger-engine",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        version = "trigger-engine 0.1.0 (Flink 2.2)",
        header = "Real-time marketing triggers for a retail bank, on Apache Flink.",
        description = {
            "Card payments and account events come in, rules written by marketing detect the moments that matter for each "
                    + "customer, the bank's contact policy decides who may be contacted and when, and offers go out, each with "
                    + "an audit decision. The same job replays recorded events deterministically."},
        footer = {
            "",
            "'trigger-engine COMMAND --help' shows a command's options. Formats: docs/contracts.md; scenarios and contact "
                    + "policy: docs/scenarios.md; rules: docs/rule-format.md. Errors are one line; TRIGGER_DEBUG=1 adds the "
                    + "stack trace."},
        subcommands = {
            DemoCommand.class,
            ReplayCommand.class,
            GenerateCommand.class,
            RunCommand.class,
            ProduceCommand.class,
            OffersCommand.class,
            ExplainCommand.class,
            ReportCommand.class,
            RulesCommand.class,
            ListsCommand.class,
            ValidateCommand.class,
            BenchmarkCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** True once a job was handed to a Flink cluster: main() then runs inside Flink and must not end the JVM. */
    private static volatile boolean stayAlive;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        java.util.Optional<Integer> relaunched = ThroughputJvm.relaunch(args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.get());
        }
        ThroughputJvm.followLauncher();
        int code = commandLine().execute(args);
        if (!stayAlive) {
            System.exit(code);
        }
    }

    /**
     * The command line with its settings; set here after the subcommands are registered, they apply to every
     * subcommand: help wraps to the terminal's width (80 columns when there is none), a mistake on the command
     * line is one line and a hint, and an unexpected failure is one line naming its cause (exit code 1).
     */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true)
                .setParameterExceptionHandler(Main::invalidInput)
                .setExecutionExceptionHandler(Main::failed);
        layOut(commandLine);
        return commandLine;
    }

    /** The same sections in every command's help, each after a blank line (the synopsis too, after a header). */
    private static void layOut(CommandLine command) {
        CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        if (usage.header().length > 0) {
            usage.synopsisHeading("%nUsage: ");
        }
        usage.descriptionHeading("%n")
                .parameterListHeading("%nParameters:%n")
                .optionListHeading("%nOptions:%n")
                .commandListHeading("%nCommands:%n");
        command.getSubcommands().values().forEach(Main::layOut);
    }

    static void stayAlive(boolean submittedToACluster) {
        stayAlive = submittedToACluster;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** picocli's message (unknown option, bad value, missing option), its suggestions, and where to read more. */
    private static int invalidInput(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for its options.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        if (e instanceof CommandFailure f) {
            return f.exitCode(); // the command already said what was wrong
        }
        PrintWriter err = command.getErr();
        if (ErrorLine.debug()) {
            e.printStackTrace(err);
        }
        err.println(command.getCommandSpec().qualifiedName() + ": " + ErrorLine.of(e)
                + (ErrorLine.debug() ? "" : " (" + ErrorLine.DEBUG_VARIABLE + "=1 shows the stack trace)"));
        err.flush();
        return 1;
    }
}

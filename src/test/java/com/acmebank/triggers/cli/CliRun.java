package com.acmebank.triggers.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Runs the command line as {@code java -jar trigger-engine.jar ARGS} would, capturing its exit code and output. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        return of(commandLine -> {}, args);
    }

    /** With a change to the command line before it runs (e.g. a test subcommand). */
    static CliRun of(Consumer<CommandLine> setUp, String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            CommandLine commandLine = Main.commandLine();
            commandLine.setOut(new PrintWriter(o, true));
            commandLine.setErr(new PrintWriter(e, true));
            setUp.accept(commandLine);
            int code = commandLine.execute(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    List<String> errLines() {
        return err.lines().toList();
    }
}

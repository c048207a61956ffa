package com.acmebank.triggers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

class CommandLineErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aMissingEventsFileIsOneLineAndExitCode2() {
        Path missing = dir.resolve("missing.jsonl");
        assertOneLine(CliRun.of("replay", "--events", missing.toString(), "--until", "2026-12-01T00:00:00+08:00",
                "--out", dir.resolve("out").toString()), 2, "No such events file: " + missing);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aMissingFileIsOneLineAndExitCode2ForEveryCommandThatReadsFiles() throws IOException {
        Path missing = dir.resolve("missing.jsonl");
        Path events = Files.writeString(dir.resolve("events.jsonl"), "");
        Path replayOut = Files.createDirectories(dir.resolve("replay-out"));
        Files.writeString(replayOut.resolve("decisions.jsonl"), "");
        assertOneLine(CliRun.of("replay", "--events", events.toString(), "--profiles", missing.toString(),
                "--until", "2026-12-01T00:00:00+08:00", "--out", dir.resolve("out").toString()), 2, "No such profiles file: " + missing);
        // no broker is needed to find out that the file is missing
        assertOneLine(CliRun.of("produce", "--events", missing.toString(), "--bootstrap-servers", "127.0.0.1:1"), 2,
                "No such events file: " + missing);
        assertOneLine(CliRun.of("produce", "--profiles", missing.toString(), "--bootstrap-servers", "127.0.0.1:1"), 2,
                "No such profiles file: " + missing);
        assertOneLine(CliRun.of("explain", "--customer", "C1", "--out", dir.resolve("no-replay").toString()), 2,
                "No decisions.jsonl in " + dir.resolve("no-replay"));
        assertOneLine(CliRun.of("explain", "--customer", "C1", "--out", replayOut.toString(), "--profiles", missing.toString()), 2,
                "No such profiles file: " + missing);
        assertOneLine(CliRun.of("validate", "--policy", missing.toString()), 2, "No such policy file: " + missing);
        assertOneLine(CliRun.of("validate", "--rules", dir.resolve("no-rules").toString()), 2, "no-rules");
        assertOneLine(CliRun.of("validate", "--reference", dir.resolve("no-lists").toString()), 2, "no-lists");
    }

    @Test
    void anOutputThatCannotBeWrittenIsOneLineAndExitCode2() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "");
        Path events = Files.writeString(dir.resolve("events.jsonl"), "");
        assertOneLine(CliRun.of("generate", "--customers", "10", "--days", "1", "--events", file.resolve("events.jsonl").toString(),
                "--profiles", file.resolve("profiles.jsonl").toString()), 2, "Cannot create the folder " + file);
        assertOneLine(CliRun.of("generate", "--customers", "10", "--days", "1", "--events", dir.toString(),
                "--profiles", dir.resolve("p.jsonl").toString()), 2, "it is a folder");
        assertOneLine(CliRun.of("replay", "--events", events.toString(), "--until", "2026-12-01T00:00:00+08:00",
                "--out", file.resolve("out").toString()), 2, "Cannot create the output folder " + file.resolve("out"));
    }

    @Test
    void aMistakeOnTheCommandLineIsOneLineAndAHint() {
        CliRun run = CliRun.of("replay", "--events", "e.jsonl", "--until", "2026-12-01T00:00:00+08:00", "--out", "out", "--bogus");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().get(0)).contains("Unknown option: '--bogus'");
        assertThat(run.errLines().get(run.errLines().size() - 1)).isEqualTo("Try 'trigger-engine replay --help' for its options.");
        assertThat(run.out()).isEmpty();

        CliRun badValue = CliRun.of("replay", "--events", "e.jsonl", "--until", "tomorrow", "--out", "out");
        assertThat(badValue.exitCode()).isEqualTo(2);
        assertThat(badValue.errLines()).hasSize(2);
        assertThat(badValue.errLines().get(0)).startsWith("Invalid value for option '--until'").contains("'tomorrow'");
    }

    @Test
    void aManagedMemoryWithoutUnitOrTooSmallIsRefusedByReplayAndRunBeforeAnyBrokerIsAsked() {
        for (String size : new String[] {"1024", "32m", "lots", "99999999999999t"}) {
            CliRun replay = CliRun.of("replay", "--events", "e.jsonl", "--until", "2026-12-01T00:00:00+08:00", "--out", "out",
                    "--managed-memory", size);
            assertThat(replay.exitCode()).as(size).isEqualTo(2);
            assertThat(replay.errLines().get(0)).startsWith("Invalid value for option '--managed-memory'")
                    .contains("at least 64m with its unit").contains("'" + size + "'");
            // no broker answers there: the option is judged first, or this would be a 30 s wait and another message
            CliRun run = CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1", "--managed-memory", size);
            assertThat(run.exitCode()).as(size).isEqualTo(2);
            assertThat(run.errLines()).singleElement().asString()
                    .isEqualTo("--managed-memory: expected a size of at least 64m with its unit, like 512m or 2g; got '" + size + "'");
        }
    }

    @Test
    void aManagedMemoryForTheHeapStateAndABadMetricsPortAreRefusedBeforeAnythingStarts() {
        CliRun heap = CliRun.of("replay", "--events", "e.jsonl", "--until", "2026-12-01T00:00:00+08:00", "--out", "out",
                "--managed-memory", "2g");
        assertThat(heap.exitCode()).isEqualTo(2);
        assertThat(heap.errLines()).singleElement().asString()
                .isEqualTo("--managed-memory: only with --state-backend rocksdb (the hashmap state is on the heap: give the JVM -Xmx instead)");
        // no broker answers there: the port is judged first
        CliRun port = CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1", "--metrics-port", "http");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.errLines()).singleElement().asString()
                .isEqualTo("--metrics-port: expected a port like 9249, a range like 9249-9259, or off; got 'http'");
    }

    @Test
    void anUnexpectedFailureIsOneLineNamingItsCauseAndExitCode1() {
        CliRun run = CliRun.of(commandLine -> commandLine.addSubcommand("boom", new Boom()), "boom");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("trigger-engine boom: IllegalStateException: the job failed")
                .contains("(cause: /data/missing.jsonl: no such file or folder)")
                .contains(ErrorLine.DEBUG_VARIABLE + "=1")
                .doesNotContain("\tat ");
    }

    @Test
    @Timeout(30)
    void aBrokerThatCannotBeReachedIsOneLineNamingItsAddress() throws IOException {
        Path events = Files.writeString(dir.resolve("events.jsonl"), "{}\n");
        // nothing listens on port 1: the connection is refused at once, the short timeout keeps the test fast
        for (String[] args : new String[][] {
                {"offers", "--topic", "nosuchtopic", "--bootstrap-servers", "127.0.0.1:1", "--timeout", "2s"},
                {"produce", "--events", events.toString(), "--bootstrap-servers", "127.0.0.1:1", "--timeout", "2s", "--quiet"}}) {
            long began = System.nanoTime();
            assertOneLine(CliRun.of(args), 1, "No Kafka broker answered at 127.0.0.1:1 within 2s");
            assertThat((System.nanoTime() - began) / 1_000_000).as(args[0] + " took ms").isLessThan(15_000);
        }
    }

    @Test
    void errorLinesNameTheFileAndTheProblem() {
        assertThat(ErrorLine.of(new java.nio.file.NoSuchFileException("/x/y.jsonl"))).isEqualTo("/x/y.jsonl: no such file or folder");
        assertThat(ErrorLine.of(new java.io.UncheckedIOException(new java.nio.file.AccessDeniedException("/x"))))
                .isEqualTo("/x: permission denied");
        assertThat(ErrorLine.of(new java.nio.file.FileSystemException("/x", null, "Read-only file system")))
                .isEqualTo("/x: Read-only file system");
        assertThat(ErrorLine.of(new java.nio.file.FileSystemException("/x"))).isEqualTo("/x: FileSystemException");
        assertThat(ErrorLine.of(new IOException("rules folder r does not exist\nor is not a folder")))
                .isEqualTo("rules folder r does not exist or is not a folder");
        assertThat(ErrorLine.of(new RuntimeException("outer", new IllegalArgumentException("inner"))))
                .isEqualTo("RuntimeException: outer (cause: IllegalArgumentException: inner)");
    }

    private static void assertOneLine(CliRun run, int exitCode, String text) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        assertThat(run.errLines()).as("stderr").singleElement().asString().contains(text);
        assertThat(run.err()).doesNotContain("\tat ", "Exception in thread");
    }

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("the job failed", new java.io.UncheckedIOException(
                    new java.nio.file.NoSuchFileException("/data/missing.jsonl")));
        }
    }
}

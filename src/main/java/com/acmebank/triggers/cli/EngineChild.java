package com.acmebank.triggers.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The live engine ({@code run}) in a child JVM, as a bank runs it, for the benchmark's Kafka parts. The child ends
 * with this JVM however this one ends (killed outright, it follows its launcher; on Ctrl-C a hook stops it), writes
 * its output to a log, and keeps its temporary files (the embedded cluster's, RocksDB's working copy) in a folder of
 * its own, deleted when it is stopped.
 */
final class EngineChild {
    private static final long START_TIMEOUT_SECONDS = 120;

    private final Process process;
    private final Path log;
    private final Path tmp;
    private final Thread hook;
    private final long startedAt;
    private volatile long runningAt;

    private EngineChild(Process process, Path log, Path tmp, long startedAt) {
        this.process = process;
        this.log = log;
        this.tmp = tmp;
        this.startedAt = startedAt;
        this.hook = new Thread(process::destroyForcibly, "stop-benchmark-engine");
    }

    /**
     * Starts {@code run} with these flags and waits until its job runs; fails naming the log when it stops first or
     * does not get there in two minutes.
     */
    static EngineChild start(List<String> runFlags, Path log, Path tmp) throws Exception {
        Files.createDirectories(tmp);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // the child follows this JVM (ThroughputJvm.followLauncher): killed outright, this one runs no hook
        command.add("-D" + ThroughputJvm.CHILD + "=true");
        command.add("-Djava.io.tmpdir=" + tmp.toAbsolutePath());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run"));
        command.addAll(runFlags);
        long startedAt = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // the benchmark's flags say how the engine runs, not settings this shell happens to export
        builder.environment().keySet().removeIf(name -> name.startsWith("TRIGGER_"));
        Process p = builder.start();
        EngineChild child = new EngineChild(p, log, tmp, startedAt);
        // a benchmark stopped by Ctrl-C while the engine is still starting stops it too
        Runtime.getRuntime().addShutdownHook(child.hook);
        AtomicBoolean running = new AtomicBoolean();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    var w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    w.write(line);
                    w.newLine();
                    w.flush();
                    if (line.startsWith("Running (job") && !running.get()) {
                        child.runningAt = System.nanoTime();
                        running.set(true);
                    }
                }
            } catch (IOException e) {
                // the engine ended; its log says why
            }
        }, "engine-log");
        pump.setDaemon(true);
        pump.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (!running.get()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                child.kill();
                throw new IllegalStateException("the engine did not start; its log: " + log);
            }
            Thread.sleep(100); // polling the engine's log for its start line
        }
        return child;
    }

    /** Fails at once, naming the log, when the engine has stopped. */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the engine stopped (exit code " + process.exitValue() + "); its log: " + log);
        }
    }

    long pid() {
        return process.pid();
    }

    /** When the JVM was started ({@link System#nanoTime()}). */
    long startedAt() {
        return startedAt;
    }

    /** Nanoseconds from starting the JVM to the job running (its tasks may still be restoring state). */
    long nanosToRunning() {
        return runningAt - startedAt;
    }

    /** The child's temporary folder: the embedded cluster's files, RocksDB's working copy among them. */
    Path tmp() {
        return tmp;
    }

    /** Ends the engine as a crash would (SIGKILL: no savepoint) and deletes its temporary files. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already: it stops the engine
        }
        deleteTree(tmp);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // what is left is in the benchmark's own folder
        }
    }
}

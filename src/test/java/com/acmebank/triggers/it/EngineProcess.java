package com.acmebank.triggers.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * The packaged engine jar running in its own JVM (usually {@code run}), so a test can kill it like a crash
 * (SIGKILL) or stop it like an operator (SIGTERM).
 *
 * <p>The jar is copied once per test JVM to a temporary file and the copy is run: target/trigger-engine.jar may
 * be rebuilt by someone else while the tests run, and a JVM whose jar is replaced under it fails with
 * NoClassDefFoundError.
 *
 * <p>Several processes of one test may append to the same log; {@link #output()} is what this one wrote.
 */
final class EngineProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final long logStart;

    private EngineProcess(Process process, Path log, long logStart) {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /** {@code java -jar <copy of the engine jar> run ARGS}, stdout and stderr appended to {@code log}. */
    static EngineProcess start(Path log, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        return launch(log, all);
    }

    /** {@code java -jar <copy of the engine jar> COMMAND ARGS...}, stdout and stderr appended to {@code log}. */
    static EngineProcess launch(Path log, List<String> commandAndArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-jar", Jar.COPY.toString()));
        command.addAll(commandAndArgs);
        Files.createDirectories(log.toAbsolutePath().getParent());
        long start = Files.exists(log) ? Files.size(log) : 0;
        Process p = new ProcessBuilder(command).directory(LocalKafka.REPO.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString()))).start();
        return new EngineProcess(p, log, start);
    }

    /** Runs an engine command (replay, generate, ...) to its end; fails when it does not end within {@code limit}. */
    static int runToEnd(Path log, Duration limit, String... commandAndArgs) throws IOException, InterruptedException {
        EngineProcess p = launch(log, List.of(commandAndArgs));
        if (!p.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.kill();
            throw new AssertionError(String.join(" ", commandAndArgs) + " did not end within " + limit.toSeconds() + " s; log " + log);
        }
        return p.process.exitValue();
    }

    /** Waits (at most {@code limit}) for the process to end by itself and returns its exit code. */
    int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("the engine did not end within " + limit.toSeconds() + " s; log " + log);
        }
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** A crash: SIGKILL, no shutdown hooks, no final checkpoint. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /**
     * An operator's stop: SIGTERM, then waits (at most 120 s) for the process to end and returns its exit code.
     * A process that does not end in time is killed and the test fails.
     */
    int stop() throws InterruptedException {
        return stop(Duration.ofSeconds(120));
    }

    int stop(Duration limit) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("the engine did not stop within " + limit.toSeconds() + " s of SIGTERM; log " + log);
        }
        return process.exitValue();
    }

    /** What this process has written to its log so far (not what earlier processes appended to the same file). */
    String output() {
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(logStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until this process has written {@code text} to its log; fails at once if the process ended without.
     * Returns the output so far.
     */
    String awaitOutput(String text, Duration limit) {
        Deadline.await(limit, "'" + text + "' in the engine log " + log, () -> {
            if (output().contains(text)) {
                return true;
            }
            if (!process.isAlive() && !output().contains(text)) {
                throw new AssertionError("the engine ended (exit code " + process.exitValue() + ") without writing '" + text + "'; log "
                        + log + ":\n" + tail(40));
            }
            return false;
        });
        return output();
    }

    /**
     * Waits until the job runs. A fresh start takes its go-live instant (--go-live now) just before: an event stamped
     * before that builds state but gets no decision, so live traffic is produced only once this returned.
     */
    EngineProcess awaitRunning() {
        awaitOutput("Running (job", Duration.ofSeconds(90));
        return this;
    }

    /** The last lines of {@link #output()}. */
    String tail(int lines) {
        List<String> all = output().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** The lines of {@link #output()} that start with {@code prefix}. */
    List<String> linesStartingWith(String prefix) {
        return output().lines().filter(l -> l.startsWith(prefix)).toList();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The copy of the engine jar this test JVM runs, made on first use. */
    private static final class Jar {
        static final Path COPY = copy();

        private static Path copy() {
            Path original = LocalKafka.REPO.resolve("target/trigger-engine.jar");
            Path[] copied = new Path[1];
            // a rebuild may be writing the jar right now: try again until a copy opens as a complete jar
            Deadline.await(Duration.ofMinutes(3), "a complete " + original + " to copy (build it: mvn -B -o -q -DskipTests package)", () -> {
                Path copy = null;
                try {
                    copy = Files.createTempFile("trigger-engine-it-", ".jar");
                    copy.toFile().deleteOnExit();
                    Files.copy(original, copy, StandardCopyOption.REPLACE_EXISTING);
                    try (JarFile jar = new JarFile(copy.toFile())) {
                        if (jar.getManifest() != null && jar.getManifest().getMainAttributes().getValue("Main-Class") != null
                                && jar.getEntry("com/acmebank/triggers/cli/Main.class") != null) {
                            copied[0] = copy;
                            return true;
                        }
                    }
                } catch (IOException incomplete) {
                    // being rewritten: the next try
                }
                try {
                    if (copy != null) {
                        Files.deleteIfExists(copy);
                    }
                } catch (IOException ignored) {
                    // deleted on exit
                }
                return false;
            });
            return copied[0];
        }
    }
}

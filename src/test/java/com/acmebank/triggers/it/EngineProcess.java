package com.acmebank.triggers.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The packaged engine jar running `run` in its own JVM, so a test can kill it like a crash (SIGKILL). */
final class EngineProcess implements AutoCloseable {
    private final Process process;

    private EngineProcess(Process process) {
        this.process = process;
    }

    static EngineProcess start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-jar", LocalKafka.REPO.resolve("target/trigger-engine.jar").toString(), "run"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(LocalKafka.REPO.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString()))).start();
        return new EngineProcess(p);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** A crash: SIGKILL, no shutdown hooks, no final checkpoint. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

package com.acmebank.triggers.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One live job of a test: its own topics, consumer group, transactional id prefix and checkpoint folder (under
 * the test's temp folder), the contact policy without holdout, checkpoints every 2 s and event time following the
 * clock after 1 s of quiet; and the one command line that starts it, the same every time (a restart resumes by
 * itself). Its engine processes append to target/it-logs/NAME.log.
 */
final class LiveRun {
    private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");

    final LocalKafka.Topics topics;
    final Path checkpointDir;
    final Path log;
    /** Where this job's Prometheus endpoint listens (a free port, so jobs of different tests never share one). */
    final int metricsPort;
    private final List<String> args;

    private LiveRun(LocalKafka.Topics topics, Path checkpointDir, Path log, int metricsPort, List<String> args) {
        this.topics = topics;
        this.checkpointDir = checkpointDir;
        this.log = log;
        this.metricsPort = metricsPort;
        this.args = args;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A job whose every start publishes the shipped rules and lists to its rule-updates topic (run --rules, --reference). */
    static LiveRun create(Path temp, String name, LocalKafka.Topics topics, String... extra) throws IOException {
        List<String> all = new ArrayList<>(List.of("--rules", LocalKafka.REPO.resolve("rules/scenarios").toString(),
                "--reference", LocalKafka.REPO.resolve("rules/reference").toString()));
        all.addAll(List.of(extra));
        return withoutRules(temp, name, topics, all.toArray(String[]::new));
    }

    /** A job that uses only what its rule-updates topic holds. */
    static LiveRun withoutRules(Path temp, String name, LocalKafka.Topics topics, String... extra) throws IOException {
        Path policy = Traffic.policyWithoutHoldout(temp);
        Path checkpoints = temp.resolve("checkpoints");
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", LocalKafka.BOOTSTRAP, "--group-id", topics.events(),
                "--transactional-id-prefix", topics.events(), "--checkpoint-interval", "2s",
                "--checkpoint-dir", checkpoints.toUri().toString(), "--idle-advance", "1s", "--status-interval", "5s",
                "--policy", policy.toString()));
        int metricsPort = freePort();
        args.addAll(List.of("--metrics-port", String.valueOf(metricsPort)));
        args.addAll(List.of(topics.flags()));
        args.addAll(List.of(extra));
        Path log = LocalKafka.REPO.resolve("target/it-logs/" + name + ".log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        return new LiveRun(topics, checkpoints, log, metricsPort, List.copyOf(args));
    }

    /** Starts {@code run} with this job's command line. */
    EngineProcess start() throws IOException {
        return EngineProcess.start(log, args.toArray(String[]::new));
    }

    /** Starts {@code run} with this job's command line and more flags. */
    EngineProcess start(String... more) throws IOException {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return EngineProcess.start(log, all.toArray(String[]::new));
    }

    /** When the newest completed checkpoint (a chk-N folder with its _metadata) was written, 0 if there is none. */
    long latestCheckpointTime() {
        if (!Files.isDirectory(checkpointDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(checkpointDir, 3)) {
            long latest = 0;
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().equals("_metadata") && CHECKPOINT.matcher(p.getParent().getFileName().toString()).matches()) {
                    latest = Math.max(latest, Files.getLastModifiedTime(p).toMillis());
                }
            }
            return latest;
        } catch (IOException | UncheckedIOException e) {
            // a checkpoint folder deleted while walking (Flink keeps only the newest): ask again
            return 0;
        }
    }

    /** Waits for a checkpoint completed after {@code epochMillis} (so it holds whatever was processed before then). */
    void awaitCheckpointAfter(long epochMillis, Duration limit) {
        Deadline.await(limit, "a checkpoint completed after " + Traffic.at(epochMillis) + " under " + checkpointDir + "; engine log " + log,
                () -> latestCheckpointTime() > epochMillis);
    }

    /** Savepoint folders (savepoint-...) with their _metadata under the job's savepoints folder. */
    List<Path> savepoints() throws IOException {
        Path dir = checkpointDir.resolve("savepoints");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("savepoint-") && Files.exists(p.resolve("_metadata"))).toList();
        }
    }
}

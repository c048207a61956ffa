package com.acmebank.triggers.jobs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the newest completed checkpoint under a local checkpoint directory (chk-N folders with _metadata). */
public final class Checkpoints {
    private Checkpoints() {}

    public static Optional<Path> latest(String checkpointDir) throws IOException {
        Path root = checkpointDir.startsWith("file:") ? Paths.get(URI.create(checkpointDir)) : Paths.get(checkpointDir);
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> all = Files.walk(root, 3)) {
            return all.filter(p -> p.getFileName().toString().startsWith("chk-") && Files.exists(p.resolve("_metadata")))
                    .max(Comparator.comparingLong(Checkpoints::modified));
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}

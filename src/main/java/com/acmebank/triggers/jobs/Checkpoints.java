package com.acmebank.triggers.jobs;

import java.io.IOException;
import java.util.Optional;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Finds what a job can resume from under its checkpoint directory: the newest completed checkpoint
 * ({@code <job id>/chk-N/_metadata}) or savepoint ({@code savepoints/savepoint-.../_metadata}), by the time its
 * metadata was written. Works on any file system Flink has (file:, s3:, hdfs: ...).
 */
public final class Checkpoints {
    private Checkpoints() {}

    /** Where {@code run} writes the savepoint it takes when stopped. */
    public static String savepointDir(String checkpointDir) {
        return checkpointDir.replaceAll("/+$", "") + "/savepoints";
    }

    /** A checkpoint or savepoint: its folder and when it completed. */
    public record Snapshot(String path, long completedAt, boolean savepoint) {}

    public static Optional<Snapshot> latest(String checkpointDir) throws IOException {
        Path root = new Path(checkpointDir);
        FileSystem fs = root.getFileSystem();
        if (!fs.exists(root)) {
            return Optional.empty();
        }
        Snapshot best = null;
        for (FileStatus child : list(fs, root)) {
            if (!child.isDir()) {
                continue;
            }
            for (FileStatus candidate : list(fs, child.getPath())) {
                String name = candidate.getPath().getName();
                boolean savepoint = name.startsWith("savepoint-");
                if (!candidate.isDir() || !(savepoint || name.startsWith("chk-"))) {
                    continue;
                }
                Path metadata = new Path(candidate.getPath(), "_metadata");
                if (!fs.exists(metadata)) {
                    continue;
                }
                long at = fs.getFileStatus(metadata).getModificationTime();
                if (best == null || at > best.completedAt()) {
                    best = new Snapshot(candidate.getPath().toUri().toString(), at, savepoint);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static FileStatus[] list(FileSystem fs, Path dir) throws IOException {
        FileStatus[] all = fs.listStatus(dir);
        return all == null ? new FileStatus[0] : all;
    }
}

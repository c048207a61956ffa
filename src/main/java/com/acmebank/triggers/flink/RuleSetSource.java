package com.acmebank.triggers.flink;

import com.acmebank.triggers.rule.RuleUpdate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The rule files of a live job as a source that stays open and keeps no progress in checkpoints: on every
 * start, and on every restore, it emits the rule set it was built with (lists, rules, then "keep only these"),
 * so a job resubmitted from a savepoint with edited rule files runs the edited rules, and rules removed from
 * the folder are removed. A bounded source would finish, and a finished source is not run again on restore.
 */
public class RuleSetSource implements Source<RuleUpdate, RuleSetSource.Split, Boolean> {
    private static final long serialVersionUID = 1L;
    private final ArrayList<RuleUpdate> updates;

    public RuleSetSource(List<RuleUpdate> updates) {
        this.updates = new ArrayList<>(updates);
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<RuleUpdate, Split> createReader(SourceReaderContext context) {
        return new Reader(updates);
    }

    @Override
    public SplitEnumerator<Split, Boolean> createEnumerator(SplitEnumeratorContext<Split> context) {
        return new Enumerator(context, false);
    }

    @Override
    public SplitEnumerator<Split, Boolean> restoreEnumerator(SplitEnumeratorContext<Split> context, Boolean assigned) {
        return new Enumerator(context, assigned);
    }

    @Override
    public SimpleVersionedSerializer<Split> getSplitSerializer() {
        return new SplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
        return new AssignedSerializer();
    }

    /** The one split: "the rule files". */
    public static final class Split implements SourceSplit {
        @Override
        public String splitId() {
            return "rule-files";
        }
    }

    static final class Enumerator implements SplitEnumerator<Split, Boolean> {
        private final SplitEnumeratorContext<Split> context;
        private boolean assigned;

        Enumerator(SplitEnumeratorContext<Split> context, boolean assigned) {
            this.context = context;
            this.assigned = assigned;
        }

        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {}

        @Override
        public void addSplitsBack(List<Split> splits, int subtaskId) {
            assigned = false;
            if (context.registeredReaders().containsKey(subtaskId)) {
                addReader(subtaskId);
            }
        }

        @Override
        public void addReader(int subtaskId) {
            if (!assigned) {
                context.assignSplit(new Split(), subtaskId);
                assigned = true;
            }
        }

        @Override
        public Boolean snapshotState(long checkpointId) {
            return assigned;
        }

        @Override
        public void close() {}
    }

    static final class Reader implements SourceReader<RuleUpdate, Split> {
        private final List<RuleUpdate> updates;
        private int next;
        private boolean hasSplit;
        private CompletableFuture<Void> available = new CompletableFuture<>();

        Reader(List<RuleUpdate> updates) {
            this.updates = updates;
        }

        @Override
        public void start() {}

        @Override
        public InputStatus pollNext(ReaderOutput<RuleUpdate> output) {
            if (!hasSplit || next >= updates.size()) {
                return InputStatus.NOTHING_AVAILABLE;
            }
            output.collect(updates.get(next++));
            return next < updates.size() ? InputStatus.MORE_AVAILABLE : InputStatus.NOTHING_AVAILABLE;
        }

        /** No progress is kept: a restored reader emits the whole rule set again. */
        @Override
        public List<Split> snapshotState(long checkpointId) {
            return hasSplit ? List.of(new Split()) : List.of();
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            if (hasSplit && next < updates.size()) {
                return CompletableFuture.completedFuture(null);
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return available;
        }

        @Override
        public void addSplits(List<Split> splits) {
            if (!splits.isEmpty()) {
                hasSplit = true;
                available.complete(null);
            }
        }

        @Override
        public void notifyNoMoreSplits() {}

        @Override
        public void close() {}
    }

    static final class SplitSerializer implements SimpleVersionedSerializer<Split> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Split split) {
            return split.splitId().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Split deserialize(int version, byte[] serialized) throws IOException {
            return new Split();
        }
    }

    static final class AssignedSerializer implements SimpleVersionedSerializer<Boolean> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Boolean assigned) {
            return new byte[] {(byte) (assigned ? 1 : 0)};
        }

        @Override
        public Boolean deserialize(int version, byte[] serialized) {
            return serialized.length > 0 && serialized[0] == 1;
        }
    }
}

package com.acmebank.triggers.jobs;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.flink.JsonLinesFileSink;
import com.acmebank.triggers.flink.LineFileFormat;
import com.acmebank.triggers.flink.TriggerTopology;
import com.acmebank.triggers.flink.Watermarking;
import com.acmebank.triggers.output.RecordJson;
import com.acmebank.triggers.rule.RuleFiles;
import com.acmebank.triggers.rule.RuleUpdates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the job graph on recorded input (bounded files) and writes offers.jsonl, decisions.jsonl,
 * conversions.jsonl, dead-letters.jsonl and late-events.jsonl. Event time comes from the records only, so the same input gives
 * the same records.
 */
public final class ReplayJob {
    public static final String OFFERS = "offers.jsonl";
    public static final String DECISIONS = "decisions.jsonl";
    public static final String DEAD_LETTERS = "dead-letters.jsonl";
    public static final String LATE_EVENTS = "late-events.jsonl";
    public static final String CONVERSIONS = "conversions.jsonl";
    public static final String RULE_STATUS = "rule-status.jsonl";

    private ReplayJob() {}

    /**
     * {@code ruleUpdates}: a file of rule-updates records that change the rules during the replay, or null.
     * {@code managedMemory}: RocksDB's memory, or null for the embedded engine's default.
     */
    public record Request(Path events, Path profiles, RuleFiles.Loaded rules, Map<String, List<String>> lists, EngineConfig config,
            Path out, int parallelism, String stateBackend, Path ruleUpdates, MemorySize managedMemory) {
        public Request(Path events, Path profiles, RuleFiles.Loaded rules, Map<String, List<String>> lists, EngineConfig config,
                Path out, int parallelism, String stateBackend) {
            this(events, profiles, rules, lists, config, out, parallelism, stateBackend, null, null);
        }
    }

    /** What the request sets of the embedded engine beyond FlinkEnvironments' defaults. */
    static Configuration environment(Request r) {
        Configuration conf = new Configuration();
        if (r.managedMemory() != null) {
            conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, r.managedMemory());
        }
        return conf;
    }

    public static JobExecutionResult run(Request r) throws Exception {
        Files.createDirectories(r.out());
        StreamExecutionEnvironment env = FlinkEnvironments.create(r.parallelism(), r.stateBackend(), environment(r));
        DataStream<RawRecord> events = file(env, r.events(), "events");
        Path profilesFile = r.profiles();
        if (profilesFile == null) {
            profilesFile = Files.createTempFile("no-profiles", ".jsonl");
            profilesFile.toFile().deleteOnExit();
        }
        DataStream<RawRecord> profiles = file(env, profilesFile, "profiles");
        // the rule files, then the timed updates: all of them are read before event time moves (a bounded input
        // holds it back until it ends), so each update applies exactly from its effectiveFrom, run after run
        List<RawRecord> ruleRecords = new ArrayList<>(RuleUpdates.records(r.lists(), r.rules()));
        if (r.ruleUpdates() != null) {
            ruleRecords.addAll(lines(r.ruleUpdates()));
        }
        DataStream<RawRecord> rules = env.fromData(ruleRecords, TypeInformation.of(RawRecord.class))
                .uid("rule-files").name("Rule files").setParallelism(1)
                .assignTimestampsAndWatermarks(Watermarking.ruleFiles()).uid("rule-time").name("Rule time").setParallelism(1);
        TriggerTopology.Sinks sinks = new TriggerTopology.Sinks(
                new JsonLinesFileSink<>(r.out().resolve(OFFERS), RecordJson::offer),
                new JsonLinesFileSink<>(r.out().resolve(DECISIONS), RecordJson::decision),
                new JsonLinesFileSink<>(r.out().resolve(DEAD_LETTERS), RecordJson::deadLetter),
                new JsonLinesFileSink<>(r.out().resolve(LATE_EVENTS), RecordJson::lateEvent),
                new JsonLinesFileSink<>(r.out().resolve(CONVERSIONS), RecordJson::conversion),
                new JsonLinesFileSink<>(r.out().resolve(RULE_STATUS), RecordJson::ruleStatus),
                1);
        // rules added by the timed updates react to events the rule files' rules may not: then nothing stops at the gate
        TriggerTopology.wire(new TriggerTopology.Inputs(events, profiles, rules, false, r.ruleUpdates() == null ? r.rules().book() : null),
                sinks, r.config());
        return env.execute("trigger-engine replay");
    }

    /** The non-blank lines of a rule-updates file, each with its file and line. */
    static List<RawRecord> lines(Path file) throws java.io.IOException {
        List<RawRecord> records = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                records.add(new RawRecord(lines.get(i), null, com.acmebank.triggers.event.Origin.fileLine(file.getFileName().toString(), i + 1)));
            }
        }
        return records;
    }

    private static DataStream<RawRecord> file(StreamExecutionEnvironment env, Path path, String what) {
        FileSource<RawRecord> source = FileSource
                .forRecordStreamFormat(new LineFileFormat(path.getFileName().toString()), org.apache.flink.core.fs.Path.fromLocalFile(path.toFile()))
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), what + " file", TypeInformation.of(RawRecord.class))
                .uid(what + "-file").setParallelism(1);
    }
}

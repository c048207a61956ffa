package com.acmebank.triggers.cli;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.jobs.Checkpoints;
import com.acmebank.triggers.jobs.LiveJob;
import com.acmebank.triggers.kafka.KafkaSettings;
import com.acmebank.triggers.rule.Durations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Runs the engine live: events and profiles from Kafka, offers, decisions, dead letters and late events to Kafka,",
            "state in RocksDB with checkpoints. With `java -jar` it runs on an embedded MiniCluster; submitted to a Flink",
            "cluster (bin/local-flink submit -- run ...) it runs there. Each setting comes from its flag, else the",
            "environment variable TRIGGER_<NAME> (e.g. TRIGGER_BOOTSTRAP_SERVERS), else --config FILE (YAML, keys as the",
            "flag names without dashes: bootstrap-servers: ...), else the default."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file of settings (keys as the long flag names).")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", description = "Kafka brokers (default 127.0.0.1:9092).")
    String bootstrapServers;

    @Option(names = "--events-topic", description = "default events") String eventsTopic;
    @Option(names = "--profiles-topic", description = "default profiles (a compacted topic)") String profilesTopic;
    @Option(names = "--offers-topic", description = "default offers") String offersTopic;
    @Option(names = "--decisions-topic", description = "default decisions") String decisionsTopic;
    @Option(names = "--dead-letters-topic", description = "default dead-letters") String deadLettersTopic;
    @Option(names = "--late-events-topic", description = "default late-events") String lateEventsTopic;
    @Option(names = "--group-id", description = "Consumer group id prefix (default trigger-engine).") String groupId;
    @Option(names = "--transactional-id-prefix", description = "Unique per job on a cluster (default trigger-engine).") String transactionalIdPrefix;

    @Option(names = "--delivery", paramLabel = "MODE", description = "exactly-once (default) or at-least-once.")
    String delivery;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", description = "default 5s: offers become visible when a checkpoint completes (exactly-once).")
    String checkpointInterval;

    @Option(names = "--checkpoint-dir", paramLabel = "URI", description = "default file:///tmp/trigger-engine/checkpoints/<group-id>")
    String checkpointDir;

    @Option(names = "--restore", paramLabel = "PATH|latest", description = "Restore from a checkpoint or savepoint path, or the latest checkpoint in --checkpoint-dir.")
    String restore;

    @Option(names = "--state-backend", paramLabel = "NAME", description = "rocksdb (default) or hashmap.")
    String stateBackend;

    @Option(names = "--out-of-orderness", paramLabel = "DURATION", description = "default 5s; later events go to late-events.")
    String outOfOrderness;

    @Option(names = "--idle-advance", paramLabel = "DURATION", description = "default 5s: once no new event came for this long, event time follows the wall clock.")
    String idleAdvance;

    @Option(names = "--max-ahead-of-clock", paramLabel = "DURATION", description = "default 1h: an event stamped further in the future is a dead letter.")
    String maxAheadOfClock;

    @Mixin
    EngineOptions engine;

    private SettingSources settings;

    @Override
    public Integer call() throws Exception {
        settings = new SettingSources(name -> spec.commandLine().getParseResult().hasMatchedOption("--" + name), System.getenv(),
                config == null ? Map.of() : SettingSources.readYaml(config));
        KafkaSettings kafka = new KafkaSettings();
        kafka.bootstrapServers = setting("bootstrap-servers", bootstrapServers, kafka.bootstrapServers);
        kafka.eventsTopic = setting("events-topic", eventsTopic, kafka.eventsTopic);
        kafka.profilesTopic = setting("profiles-topic", profilesTopic, kafka.profilesTopic);
        kafka.offersTopic = setting("offers-topic", offersTopic, kafka.offersTopic);
        kafka.decisionsTopic = setting("decisions-topic", decisionsTopic, kafka.decisionsTopic);
        kafka.deadLettersTopic = setting("dead-letters-topic", deadLettersTopic, kafka.deadLettersTopic);
        kafka.lateEventsTopic = setting("late-events-topic", lateEventsTopic, kafka.lateEventsTopic);
        kafka.groupId = setting("group-id", groupId, kafka.groupId);
        kafka.transactionalIdPrefix = setting("transactional-id-prefix", transactionalIdPrefix, kafka.transactionalIdPrefix);
        String mode = setting("delivery", delivery, "exactly-once");
        try {
            kafka.delivery = KafkaSettings.Delivery.valueOf(mode.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            System.err.println("--delivery: expected exactly-once or at-least-once, got '" + mode + "'");
            return 2;
        }
        List<String> problems = kafka.validate();
        if (!problems.isEmpty()) {
            problems.forEach(System.err::println);
            return 2;
        }
        EngineConfig engineConfig = new EngineConfig();
        engineConfig.outOfOrdernessMillis = Durations.parse(setting("out-of-orderness", outOfOrderness, "5s"));
        engineConfig.idleAdvanceMillis = Durations.parse(setting("idle-advance", idleAdvance, "5s"));
        engineConfig.maxAheadOfClockMillis = Durations.parse(setting("max-ahead-of-clock", maxAheadOfClock, "1h"));
        engineConfig.scheduleOrigin = System.currentTimeMillis();
        // the engine options too may come from the environment or the config file
        String rulesDir = setting("rules", engine.rules == null ? null : engine.rules.toString(), null);
        String referenceDir = setting("reference", engine.reference == null ? null : engine.reference.toString(), null);
        String policyFile = setting("policy", engine.policy == null ? null : engine.policy.toString(), null);
        engine.rules = rulesDir == null ? null : Path.of(rulesDir);
        engine.reference = referenceDir == null ? null : Path.of(referenceDir);
        engine.policy = policyFile == null ? null : Path.of(policyFile);
        engine.parallelism = Integer.parseInt(setting("parallelism", String.valueOf(engine.parallelism), String.valueOf(engine.parallelism)));
        engine.dedupRetention = Durations.parse(setting("dedup-retention", Durations.format(engine.dedupRetention), Durations.format(engine.dedupRetention)));
        EngineOptions.Loaded loaded;
        try {
            loaded = engine.load(engineConfig, System.out, System.err);
        } catch (CommandFailure f) {
            return f.exitCode();
        }

        // On the embedded MiniCluster these defaults apply; on a cluster its flink-conf/config.yaml decides,
        // unless a setting was given explicitly here.
        StreamExecutionEnvironment env = com.acmebank.triggers.jobs.FlinkEnvironments.create(engine.parallelism, null, new Configuration());
        boolean local = env instanceof LocalStreamEnvironment;
        Configuration conf = new Configuration();
        long interval = Durations.parse(setting("checkpoint-interval", checkpointInterval, "5s"));
        // one folder per job (group id), so "--restore latest" never picks up another job's checkpoint
        String dir = setting("checkpoint-dir", checkpointDir, "file:///tmp/trigger-engine/checkpoints/" + kafka.groupId);
        if (local || given("checkpoint-interval", checkpointInterval)) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(interval));
            conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ofMillis(Math.min(1000, interval / 2)));
        }
        if (local || given("checkpoint-dir", checkpointDir)) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
        }
        if (local || given("state-backend", stateBackend)) {
            conf.set(org.apache.flink.configuration.StateBackendOptions.STATE_BACKEND, setting("state-backend", stateBackend, "rocksdb"));
        }
        if (local) {
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(5));
        }
        // the checkpoint mode follows the delivery guarantee everywhere
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                kafka.delivery == KafkaSettings.Delivery.EXACTLY_ONCE ? CheckpointingMode.EXACTLY_ONCE : CheckpointingMode.AT_LEAST_ONCE);
        String restoreFrom = setting("restore", restore, null);
        if ("latest".equals(restoreFrom)) {
            Optional<Path> latest = Checkpoints.latest(dir);
            if (latest.isEmpty()) {
                System.err.println("No completed checkpoint under " + dir + "; starting fresh.");
                restoreFrom = null;
            } else {
                restoreFrom = latest.get().toUri().toString();
            }
        }
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
            System.out.println("Restoring from " + restoreFrom);
        }
        env.configure(conf);
        Main.stayAlive(!(env instanceof LocalStreamEnvironment));
        LiveJob.build(env, kafka, loaded.rules().sources(), loaded.lists(), engineConfig);
        System.out.printf("Reading %s and %s from %s; writing %s, %s, %s, %s (%s%s)%n",
                kafka.eventsTopic, kafka.profilesTopic, kafka.bootstrapServers, kafka.offersTopic, kafka.decisionsTopic,
                kafka.deadLettersTopic, kafka.lateEventsTopic, mode,
                local ? ", checkpoints every " + Durations.format(interval) + " to " + dir : ", on the cluster's checkpoint settings");
        env.execute("trigger-engine");
        return 0;
    }

    /** The flag if given, else TRIGGER_NAME from the environment, else the config file, else the default. */
    private String setting(String name, String flag, String fallback) {
        return settings.value(name, flag, fallback);
    }

    /** True when the setting was given by flag, environment or config file (not left to its default). */
    private boolean given(String name, String flag) {
        return setting(name, flag, null) != null;
    }
}

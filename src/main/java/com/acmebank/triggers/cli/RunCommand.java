package com.acmebank.triggers.cli;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.jobs.Checkpoints;
import com.acmebank.triggers.jobs.LiveJob;
import com.acmebank.triggers.kafka.KafkaSettings;
import com.acmebank.triggers.kafka.RuleTopics;
import java.io.IOException;
import com.acmebank.triggers.spec.Durations;
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
        header = "Runs the engine live on Kafka topics, with checkpointed state.",
        description = {
            "Reads events and profiles from Kafka and writes offers, decisions, dead letters and late events to Kafka, with state in RocksDB and checkpoints. A restart resumes from the newest checkpoint or savepoint of the job by itself; Ctrl-C or SIGTERM stops it with a savepoint. With java -jar it runs on an embedded Flink; submitted to a Flink cluster (bin/local-flink submit -- run ...) it runs there.",
            "Each setting comes from its flag, else the environment variable TRIGGER_<NAME> (e.g. TRIGGER_BOOTSTRAP_SERVERS), else --config FILE (YAML, keys as the flag names without dashes: bootstrap-servers: ...), else its default."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file of settings (keys as the long flag names).")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", description = "Kafka brokers (default 127.0.0.1:9092).")
    String bootstrapServers;

    @Option(names = "--events-topic", paramLabel = "TOPIC", description = "Topic of input events (default events).")
    String eventsTopic;
    @Option(names = "--profiles-topic", paramLabel = "TOPIC", description = "Compacted topic of customer profiles (default profiles).")
    String profilesTopic;
    @Option(names = "--offers-topic", paramLabel = "TOPIC", description = "Topic the offers are written to (default offers).")
    String offersTopic;
    @Option(names = "--decisions-topic", paramLabel = "TOPIC", description = "Topic of the audit decisions (default decisions).")
    String decisionsTopic;
    @Option(names = "--dead-letters-topic", paramLabel = "TOPIC", description = "Topic of records that could not be used (default dead-letters).")
    String deadLettersTopic;
    @Option(names = "--late-events-topic", paramLabel = "TOPIC", description = "Topic of events that came after event time passed them (default late-events).")
    String lateEventsTopic;

    @Option(names = "--conversions-topic", paramLabel = "TOPIC", description = "Topic of conversions: later events linked to the offers (and holdout decisions) they are attributed to (default conversions).")
    String conversionsTopic;
    @Option(names = "--rule-updates-topic", paramLabel = "TOPIC", description = "Compacted topic (one partition) of the rules and reference lists in force: "
            + "what rules publish and lists publish write (default rule-updates).")
    String ruleUpdatesTopic;
    @Option(names = "--rule-status-topic", paramLabel = "TOPIC", description = "Topic of the engine's answer to every rule and list update: ACCEPTED or REJECTED (default rule-status).")
    String ruleStatusTopic;
    @Option(names = "--group-id", paramLabel = "ID", description = "Names the job: consumer groups <ID>-<topic> and the default checkpoint folder (default trigger-engine).")
    String groupId;
    @Option(names = "--transactional-id-prefix", paramLabel = "ID", description = "Prefix of the sinks' Kafka transactional ids; unique per job on a Kafka cluster (default trigger-engine).")
    String transactionalIdPrefix;

    @Option(names = "--delivery", paramLabel = "MODE", description = "exactly-once (default: offers become visible when a checkpoint completes) or at-least-once (at once; after a crash some offers come again, with the same offerId).")
    String delivery;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", description = "How often state is checkpointed (default 5s; on a cluster, the cluster's setting unless given).")
    String checkpointInterval;

    @Option(names = "--checkpoint-dir", paramLabel = "URI", description = "Where checkpoints and the stop savepoint go; give durable storage in production (default file:///tmp/trigger-engine/checkpoints/<group-id>).")
    String checkpointDir;

    @Option(names = "--restore", paramLabel = "PATH|latest",
            description = "Restore from this checkpoint or savepoint (a folder with _metadata). Default: latest, the newest checkpoint or savepoint under --checkpoint-dir, if there is one.")
    String restore;

    @Option(names = "--allow-non-restored-state", description = "Resume from a checkpoint or savepoint that holds state of an operator "
            + "this version no longer has (the rule-set source of a version before rules moved to the rule-updates topic); that state is dropped.")
    boolean allowNonRestoredState;

    @Option(names = "--fresh", description = "Start afresh even if there is a checkpoint to resume from: state is rebuilt from everything the topics retain, and nothing is decided before the go-live instant.")
    boolean fresh;

    @Option(names = "--go-live", paramLabel = "now|INSTANT",
            description = "On a fresh start: events before this instant build state but get no decisions or offers (default now, the moment of the first start; an earlier instant such as 2026-11-01T00:00:00+08:00 also judges the retained events from then on). A resumed job keeps the go-live instant of its first start.")
    String goLive;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", description = "How long to wait for the Kafka broker to answer at start (default 30s).")
    String connectTimeout;

    @Option(names = "--status-interval", paramLabel = "DURATION", description = "How often the status line is printed (default 10s).")
    String statusInterval;

    @Option(names = "--metrics-port", paramLabel = "PORT", description = "Embedded engine: the port (or a range like 9249-9259) where "
            + "Prometheus scrapes the engine's figures at /metrics, or off (default 9249). On a cluster its config.yaml decides.")
    String metricsPort;

    @Option(names = "--managed-memory", paramLabel = "SIZE", description = "Embedded engine: RocksDB's memory for its cache and write buffers, "
            + "off the heap; give it about the state's size (README, Performance: about 700 bytes a customer) (default 1g). On a cluster its config.yaml decides.")
    String managedMemory;

    @Option(names = "--quiet", description = "No status line, only the start and stop messages.")
    boolean quiet;

    @Option(names = "--state-backend", paramLabel = "NAME", description = "State backend: rocksdb (default) or hashmap.")
    String stateBackend;

    @Option(names = "--out-of-orderness", paramLabel = "DURATION", description = "How far out of order events may arrive (default " + EngineConfig.LIVE_OUT_OF_ORDERNESS + "); older ones go to late-events.")
    String outOfOrderness;

    @Option(names = "--idle-advance", paramLabel = "DURATION", description = "Once the sources are caught up and no event came for this long, event time follows the wall clock (default 5s).")
    String idleAdvance;

    @Option(names = "--max-ahead-of-clock", paramLabel = "DURATION", description = "An event stamped further than this ahead of the clock is a dead letter (default 1h).")
    String maxAheadOfClock;

    @Mixin
    EngineOptions engine;

    private SettingSources settings;
    private static final java.io.PrintStream NOWHERE = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());

    @Override
    public Integer call() throws Exception {
        try {
            settings = new SettingSources(name -> spec.commandLine().getParseResult().hasMatchedOption("--" + name), System.getenv(),
                    config == null ? Map.of() : SettingSources.readYaml(config));
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        KafkaSettings kafka = new KafkaSettings();
        kafka.bootstrapServers = setting("bootstrap-servers", bootstrapServers, kafka.bootstrapServers);
        kafka.eventsTopic = setting("events-topic", eventsTopic, kafka.eventsTopic);
        kafka.profilesTopic = setting("profiles-topic", profilesTopic, kafka.profilesTopic);
        kafka.offersTopic = setting("offers-topic", offersTopic, kafka.offersTopic);
        kafka.decisionsTopic = setting("decisions-topic", decisionsTopic, kafka.decisionsTopic);
        kafka.deadLettersTopic = setting("dead-letters-topic", deadLettersTopic, kafka.deadLettersTopic);
        kafka.lateEventsTopic = setting("late-events-topic", lateEventsTopic, kafka.lateEventsTopic);
        kafka.conversionsTopic = setting("conversions-topic", conversionsTopic, kafka.conversionsTopic);
        kafka.ruleUpdatesTopic = setting("rule-updates-topic", ruleUpdatesTopic, kafka.ruleUpdatesTopic);
        kafka.ruleStatusTopic = setting("rule-status-topic", ruleStatusTopic, kafka.ruleStatusTopic);
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
        engineConfig.outOfOrdernessMillis = Durations.parse(setting("out-of-orderness", outOfOrderness, EngineConfig.LIVE_OUT_OF_ORDERNESS));
        engineConfig.idleAdvanceMillis = Durations.parse(setting("idle-advance", idleAdvance, "5s"));
        engineConfig.maxAheadOfClockMillis = Durations.parse(setting("max-ahead-of-clock", maxAheadOfClock, "1h"));
        String goLiveSetting = setting("go-live", goLive, "now");
        try {
            engineConfig.goLive = switch (goLiveSetting) {
                // the moment the process started, so nothing sent while the engine was starting counts as history
                case "now" -> java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                default -> com.acmebank.triggers.event.Times.parseInstant(goLiveSetting);
            };
        } catch (RuntimeException e) {
            System.err.println("--go-live: expected now or an ISO-8601 instant such as 2026-12-01T00:00:00+08:00, got '" + goLiveSetting + "'");
            return 2;
        }
        long statusEvery;
        Duration brokerTimeout;
        try {
            statusEvery = Durations.parse(setting("status-interval", statusInterval, "10s"));
            brokerTimeout = Duration.ofMillis(Durations.parse(setting("connect-timeout", connectTimeout, "30s")));
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        // every setting is judged before the broker is asked, so a typo is not a 30-second wait
        String promPort = setting("metrics-port", metricsPort, "9249");
        boolean prometheus = !"off".equals(promPort);
        if (prometheus && !promPort.matches("\\d{1,5}(-\\d{1,5})?")) {
            System.err.println("--metrics-port: expected a port like 9249, a range like 9249-9259, or off; got '" + promPort + "'");
            return 2;
        }
        org.apache.flink.configuration.MemorySize managedSize;
        try {
            managedSize = CliValues.managedMemory(setting("managed-memory", managedMemory, "1g"));
        } catch (IllegalArgumentException e) {
            System.err.println("--managed-memory: " + e.getMessage());
            return 2;
        }
        // the broker answers and every topic exists, before anything starts; readers never outnumber partitions
        Map<String, Integer> partitions;
        try {
            KafkaPreflight.quietClientLogs();
            partitions = KafkaPreflight.requireTopics(kafka.bootstrapServers, brokerTimeout.toMillis(), System.err, kafka.eventsTopic,
                    kafka.profilesTopic, kafka.offersTopic, kafka.decisionsTopic, kafka.deadLettersTopic, kafka.lateEventsTopic,
                    kafka.conversionsTopic, kafka.ruleUpdatesTopic, kafka.ruleStatusTopic);
        } catch (CommandFailure f) {
            return f.exitCode();
        }
        if (partitions.get(kafka.ruleUpdatesTopic) != 1) {
            System.err.println("Topic '" + kafka.ruleUpdatesTopic + "' has " + partitions.get(kafka.ruleUpdatesTopic) + " partitions: it needs exactly 1, "
                    + "so that every instance applies the updates in one order (create it with 1 partition and cleanup.policy=compact)");
            return 2;
        }
        // the running job's Kafka clients may warn again (a broker going away is worth a line in the log)
        org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.kafka", org.apache.logging.log4j.Level.WARN);
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
        boolean seed = engine.rules != null || engine.reference != null;
        try {
            loaded = engine.load(engineConfig, seed ? System.out : NOWHERE, System.err);
        } catch (CommandFailure f) {
            return f.exitCode();
        }
        try {
            RuleTopics ruleTopics = new RuleTopics(kafka.bootstrapServers, kafka.ruleUpdatesTopic, kafka.ruleStatusTopic, brokerTimeout);
            if (seed) {
                // only the lists of --reference: the shipped ones are examples, not a bank's lists
                RuleSeeding.seed(ruleTopics, engine.rules == null ? null : loaded.rules(),
                        engine.reference == null ? Map.of() : com.acmebank.triggers.rule.ReferenceListFiles.load(engine.reference), System.out, System.err);
            } else {
                int inForce = ruleTopics.latest().size();
                System.out.println(inForce == 0 ? "No rules on " + kafka.ruleUpdatesTopic + " yet: publish them with rules publish and lists publish "
                        + "(the engine applies them as they come)" : "Rules and lists: " + inForce + " on " + kafka.ruleUpdatesTopic);
            }
        } catch (IOException e) {
            System.err.println("Reading " + kafka.ruleUpdatesTopic + " failed: " + e.getMessage());
            return 1;
        }

        // the status line reads the embedded cluster's own metrics in this JVM (a cluster ignores this)
        Configuration cluster = new Configuration();
        cluster.set(org.apache.flink.configuration.TaskManagerOptions.MANAGED_MEMORY_SIZE, managedSize);
        cluster.setString("metrics.reporters", prometheus ? "status,prom" : "status");
        cluster.setString("metrics.reporter.status.factory.class", com.acmebank.triggers.status.MetricsTap.Factory.class.getName());
        if (prometheus) {
            // Flink's own Prometheus reporter: every operator metric, the engine's per-rule counters included
            cluster.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            cluster.setString("metrics.reporter.prom.port", promPort);
        }
        StreamExecutionEnvironment env = com.acmebank.triggers.jobs.FlinkEnvironments.create(engine.parallelism, null, cluster);
        boolean local = env instanceof LocalStreamEnvironment;
        // On the embedded MiniCluster these defaults apply; on a cluster its flink-conf/config.yaml decides,
        // unless a setting was given explicitly here.
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
            // a broker outage or any other failure: restore from the last checkpoint and try again, backing off up
            // to a minute, for as long as it takes (a supervisor restarting the process would do no better)
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofMinutes(1));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD, Duration.ofMinutes(10));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        }
        // the checkpoint mode follows the delivery guarantee everywhere
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                kafka.delivery == KafkaSettings.Delivery.EXACTLY_ONCE ? CheckpointingMode.EXACTLY_ONCE : CheckpointingMode.AT_LEAST_ONCE);
        Optional<String> restoreFrom;
        try {
            Optional<String> submitted = local ? Optional.empty() : env.getConfiguration().getOptional(StateRecoveryOptions.SAVEPOINT_PATH);
            if (submitted.isPresent()) {
                // flink run -s (bin/local-flink submit -s) decided already
                System.out.println("Restoring from " + submitted.get() + " (given to the Flink client)");
                restoreFrom = Optional.empty();
            } else {
                restoreFrom = local || given("checkpoint-dir", checkpointDir) || given("restore", restore) ? restorePoint(dir) : clusterRestore();
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        restoreFrom.ifPresent(path -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path));
        boolean freshStart = restoreFrom.isEmpty() && (local || env.getConfiguration().getOptional(StateRecoveryOptions.SAVEPOINT_PATH).isEmpty());
        if (freshStart) {
            try {
                // a fresh job judges no event before it has read every rule and list the topic holds now
                kafka.ruleUpdatesEndOffsets.putAll(new RuleTopics(kafka.bootstrapServers, kafka.ruleUpdatesTopic, kafka.ruleStatusTopic,
                        brokerTimeout).updatesEndOffsets());
            } catch (IOException e) {
                System.err.println("Reading the end of " + kafka.ruleUpdatesTopic + " failed: " + e.getMessage());
                return 1;
            }
        }
        if (allowNonRestoredState) {
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        }
        env.configure(conf);
        Main.stayAlive(!local);
        kafka.eventReaders = Math.min(partitions.get(kafka.eventsTopic), engine.parallelism);
        kafka.profileReaders = Math.min(partitions.get(kafka.profilesTopic), engine.parallelism);
        LiveJob.build(env, kafka, engineConfig);
        System.out.printf("Reading %s and %s from %s; writing %s, %s, %s, %s, %s (%s%s)%n",
                kafka.eventsTopic, kafka.profilesTopic, kafka.bootstrapServers, kafka.offersTopic, kafka.decisionsTopic,
                kafka.conversionsTopic, kafka.deadLettersTopic, kafka.lateEventsTopic, mode,
                local ? ", checkpoints every " + Durations.format(interval) + " to " + dir : ", on the cluster's checkpoint settings");
        if (local && prometheus) {
            System.out.println("Metrics for Prometheus: http://localhost:" + promPort.split("-")[0] + "/metrics"
                    + (promPort.contains("-") ? " (or the next free port of " + promPort + ")" : ""));
        }
        if (!local) {
            env.execute("trigger-engine");
            return 0;
        }
        return new LiveConsole(quiet ? 0 : statusEvery, Checkpoints.savepointDir(dir), restoreFrom.orElse(null)).run(env);
    }

    /**
     * What the job continues from: the path given, else (unless --fresh) the newest checkpoint or savepoint of this
     * job. Says which on stdout, so an operator sees whether the job resumed.
     */
    private Optional<String> restorePoint(String checkpointDir) throws IOException {
        String given = setting("restore", restore, "latest");
        if (fresh && given("restore", restore)) {
            throw new IllegalArgumentException("--fresh and --restore contradict each other: give one");
        }
        if (fresh) {
            System.out.println("Starting afresh (--fresh): " + goLiveNote());
            return Optional.empty();
        }
        if (!"latest".equals(given)) {
            System.out.println("Restoring from " + given);
            return Optional.of(given);
        }
        Optional<Checkpoints.Snapshot> latest = Checkpoints.latest(checkpointDir);
        if (latest.isEmpty()) {
            System.out.println("No checkpoint under " + checkpointDir + ": starting afresh; " + goLiveNote());
            return Optional.empty();
        }
        Checkpoints.Snapshot snapshot = latest.get();
        System.out.printf("Resuming from %s %s (completed %s); --fresh starts afresh instead%n",
                snapshot.savepoint() ? "savepoint" : "checkpoint", snapshot.path(),
                java.time.Instant.ofEpochMilli(snapshot.completedAt()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        return Optional.of(snapshot.path());
    }

    /**
     * On a cluster without a checkpoint folder of its own, the cluster's folder holds every job's checkpoints: the
     * job is not resumed from a guess. The submitter restores it (flink run -s, bin/local-flink submit -s).
     */
    private Optional<String> clusterRestore() {
        System.out.println("On the cluster's checkpoint folder: restore with bin/local-flink submit -s PATH (or flink run -s),"
                + " or give --checkpoint-dir for this job to resume from its own checkpoints by itself; " + goLiveNote());
        return Optional.empty();
    }

    private String goLiveNote() {
        String value = setting("go-live", goLive, "now");
        return switch (value) {
            case "now" -> "go-live now: older events in the topics build state, offers from now on";
            default -> "go-live " + value + ": older events build state, offers from then on";
        };
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

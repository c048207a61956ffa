package com.acmebank.triggers.peers;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.jobs.FlinkEnvironments;
import com.acmebank.triggers.rule.ReferenceListFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the Flink SQL and CEP peers of the engine on a MiniCluster, each as its own job in the environment the
 * engine's replay uses (parallelism, heap state, object reuse, no Kryo), times each whole (building the job, the
 * embedded Flink, the job) and by the job's net runtime, counts its firings per rule and writes the figures as JSON:
 * for each peer {events, seconds, eventsPerSecond, jobEventsPerSecond, firings, rounds}, medians over the rounds
 * ({@code --warm-up N} rounds first, run and printed but left out: the first runs in a JVM pay for its JIT).
 *
 * <pre>
 * java -XX:+UseParallelGC -cp target/trigger-engine.jar:target/peers/* com.acmebank.triggers.peers.PeerBenchmark \
 *     --events FILE --profiles FILE [--lists DIR] [--from INSTANT] --json FILE [--rounds N] [--warm-up N] [--peers sql,cep-filtered,cep-all]
 *     [--parallelism 2] [--out-of-orderness-ms 60000] [--paced]
 * </pre>
 * {@code --paced}: before each job, wait for a line on standard input (an empty line runs it, "stop" or the end of
 * input stops), and after it print one line {@code peer-result {json}}: so a caller can interleave its own runs
 * with the peers' (engine, peer, engine, peer) while both JVMs stay warm.
 */
public final class PeerBenchmark {
    public static final List<String> PEERS = List.of("sql", "cep-filtered", "cep-all");
    public static final String RESULT = "peer-result ";

    private PeerBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = options(args);
        if (!a.containsKey("events") || !a.containsKey("json")) {
            System.err.println("usage: PeerBenchmark --events FILE [--profiles FILE] [--lists DIR] [--from INSTANT] --json FILE [--rounds N] "
                    + "[--warm-up N] [--peers " + String.join(",", PEERS) + "] [--parallelism N] [--out-of-orderness-ms MS] [--paced]");
            System.exit(2);
        }
        PeerSettings s = new PeerSettings(Path.of(a.get("events")), a.containsKey("profiles") ? Path.of(a.get("profiles")) : null,
                ReferenceListFiles.shippedWith(a.containsKey("lists") ? Path.of(a.get("lists")) : null),
                a.containsKey("from") ? Times.parseInstant(a.get("from")) : Long.MIN_VALUE,
                Long.parseLong(a.getOrDefault("out-of-orderness-ms", String.valueOf(EngineConfig.RECORDED_OUT_OF_ORDERNESS_MILLIS))),
                Integer.parseInt(a.getOrDefault("parallelism", "2")));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "1"));
        int warmUp = Integer.parseInt(a.getOrDefault("warm-up", "0"));
        List<String> peers = a.containsKey("peers") ? Arrays.asList(a.get("peers").split(",")) : PEERS;
        boolean paced = a.containsKey("paced");
        BufferedReader in = paced ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)) : null;
        ObjectMapper json = new ObjectMapper();
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        rounds:
        for (int round = 1 - warmUp; round <= rounds; round++) {
            for (String peer : peers) {
                if (paced) {
                    String line = in.readLine();
                    if (line == null || line.strip().equals("stop")) {
                        break rounds;
                    }
                }
                Run run = run(peer, s);
                if (round > 0) {
                    runs.computeIfAbsent(peer, p -> new ArrayList<>()).add(run);
                }
                if (paced) {
                    System.out.println(RESULT + json.writeValueAsString(Map.of("peer", peer, "round", round, "seconds", run.seconds(),
                            "jobSeconds", run.jobSeconds(), "events", run.events(), "firings", run.firings())));
                } else {
                    System.out.printf("%s, %s: %,d events in %.1f s (job %.1f s): %,.0f events/s; firings %s%n", peer, round > 0 ? "round " + round : "warm-up", run.events(),
                            run.seconds(), run.jobSeconds(), run.events() / run.seconds(), run.firings());
                }
                System.out.flush();
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("settings", Map.of("events", s.events().toString(), "goLive", s.goLive() == Long.MIN_VALUE ? "none" : Times.format(s.goLive()),
                "outOfOrdernessMillis", s.outOfOrdernessMillis(), "parallelism", s.parallelism(), "rounds", rounds, "warmUpRounds", warmUp));
        runs.forEach((peer, list) -> figures.put(peer, summary(list)));
        json.writerWithDefaultPrettyPrinter().writeValue(Path.of(a.get("json")).toFile(), figures);
        System.exit(0);
    }

    /** One run of a peer job. */
    public record Run(long events, double seconds, double jobSeconds, Map<String, Long> firings) {}

    static Run run(String peer, PeerSettings s) throws Exception {
        long began = System.nanoTime();
        StreamExecutionEnvironment env = FlinkEnvironments.create(s.parallelism(), "hashmap", new Configuration());
        List<String> rules;
        switch (peer) {
            case "sql" -> {
                SqlPeer.build(env, s);
                rules = SqlPeer.RULES;
            }
            case "cep-filtered", "cep-all" -> {
                CepPeer.build(env, s, peer.equals("cep-filtered"));
                rules = CepPeer.RULES;
            }
            default -> throw new IllegalArgumentException("no such peer: " + peer + " (" + String.join(", ", PEERS) + ")");
        }
        JobExecutionResult result = env.execute("peer " + peer);
        double seconds = (System.nanoTime() - began) / 1e9;
        return new Run(PeerInput.records(result), seconds, result.getNetRuntime() / 1000.0, FiringCounter.counts(result, rules));
    }

    /** Medians over the rounds; the firings of the first round (every round's are listed when they differ). */
    static Map<String, Object> summary(List<Run> runs) {
        double seconds = median(runs.stream().mapToDouble(Run::seconds).toArray());
        double job = median(runs.stream().mapToDouble(Run::jobSeconds).toArray());
        long events = runs.get(0).events();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", events);
        m.put("seconds", Math.round(seconds * 10) / 10.0);
        m.put("eventsPerSecond", Math.round(events / seconds));
        m.put("jobEventsPerSecond", Math.round(events / job));
        m.put("firings", runs.get(0).firings());
        m.put("rounds", runs.stream().map(r -> Math.round(r.seconds() * 10) / 10.0).toList());
        if (runs.stream().anyMatch(r -> !r.firings().equals(runs.get(0).firings()))) {
            m.put("firingsPerRound", runs.stream().map(Run::firings).toList());
        }
        return m;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
            String name = args[i].substring(2);
            a.put(name, name.equals("paced") ? "true" : args[++i]);
        }
        return a;
    }
}

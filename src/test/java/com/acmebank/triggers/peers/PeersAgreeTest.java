package com.acmebank.triggers.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.cli.PeerComparison;
import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.generator.Settings;
import com.acmebank.triggers.generator.TrafficGenerator;
import com.acmebank.triggers.jobs.ReplayJob;
import com.acmebank.triggers.policy.PolicyFiles;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.ReferenceListFiles;
import com.acmebank.triggers.rule.RuleFiles;
import com.acmebank.triggers.rule.RuleSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's peers detect what the engine detects: the Flink SQL peer's firings of S1, S6, S10 and S12 and both
 * CEP variants' firings of S3 equal the engine's firings of the same rules (replayed with only those rules, from the
 * same go-live instant), on generated traffic and on hand-made boundary cases. Fails when a peer or the engine drifts
 * from the rules' semantics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeersAgreeTest {
    private static final List<String> RULES = List.of("S1", "S3", "S6", "S10", "S12");
    private static final LocalDate START = LocalDate.of(2026, 11, 1);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Map<String, List<String>> LISTS = ReferenceListFiles.shipped();

    private Path dir;

    @BeforeAll
    void folder(@TempDir Path dir) {
        this.dir = dir;
    }

    @Test
    void onGeneratedTrafficThePeersFireAsTheEngineDoes() throws Exception {
        Path events = dir.resolve("events.jsonl");
        Path profiles = dir.resolve("profiles.jsonl");
        new TrafficGenerator(new Settings(500, START, 25, 1, 0, 0, 0)).write(events, profiles);
        PeerSettings settings = settings(events, profiles);
        Map<String, Long> engine = engine(settings, START.plusDays(25), "generated");
        // every rule fires on this input (seed 1: with 500 customers seed 42 has no S10 firing), so equal counts are evidence
        assertThat(engine.values()).allMatch(n -> n > 0);
        assertPeersFire(settings, engine);
    }

    /**
     * The boundaries of docs/scenarios.md, one customer each: 200.00 fires S1 and 199.99 does not; windows include
     * their start (exactly 7 and 30 days), not a second before it; a local month in the customer's zone (London's
     * November ends 8 hours after Shanghai's); the first salary exactly 30 days after the opening is in time, 30 days
     * and a second is not; a second opening restarts the sequence; S10 and S12 fire again on a payment after which
     * their bounds still hold.
     */
    @Test
    void onTheBoundariesThePeersFireAsTheEngineDoes() throws Exception {
        Instant t0 = Instant.parse("2026-11-02T02:00:00Z");
        List<String[]> lines = new ArrayList<>();
        // S1
        pay(lines, "a1", "P1", t0, "200.00", ",\"merchantId\":\"M-PARTNER-001\"");
        pay(lines, "a2", "P1", t0.plus(days(1)), "199.99", ",\"merchantId\":\"M-PARTNER-001\"");
        pay(lines, "a3", "P1", t0.plus(days(2)), "250.00", ",\"merchantId\":\"M-OTHER\"");
        // S12: five of 600.00, the fifth exactly 7 days after the first (fires), or 7 days and a second (does not)
        for (int i = 0; i < 4; i++) {
            pay(lines, "b" + i, "P2", t0.plus(days(i)), "600.00", "");
            pay(lines, "c" + i, "P3", t0.plus(days(i)), "600.00", "");
        }
        pay(lines, "b4", "P2", t0.plus(days(7)), "600.00", "");
        pay(lines, "c4", "P3", t0.plus(days(7)).plusSeconds(1), "600.00", "");
        // an hour later b0 has left, b1..b5 still hold: S12 fires again (its rule fires while the bounds hold)
        pay(lines, "b5", "P2", t0.plus(days(7)).plusSeconds(3600), "600.00", "");
        // S10: three payments abroad summing 20,000, the third exactly 30 days after the first
        pay(lines, "d1", "P4", t0, "10000.00", ",\"country\":\"JP\"");
        pay(lines, "d2", "P4", t0.plus(days(10)), "5000.00", ",\"country\":\"JP\"");
        pay(lines, "d3", "P4", t0.plus(days(30)), "5000.00", ",\"country\":\"JP\"");
        // S10 fires on a 4th payment abroad while the bounds still hold
        pay(lines, "j1", "P10", t0, "10000.00", ",\"country\":\"US\"");
        pay(lines, "j2", "P10", t0.plus(days(1)), "5000.00", ",\"country\":\"US\"");
        pay(lines, "j3", "P10", t0.plus(days(2)), "5000.00", ",\"country\":\"US\"");
        pay(lines, "j4", "P10", t0.plus(days(3)), "100.00", ",\"country\":\"US\"");
        // S6: 4,999.99 + 0.01 on credit cards; the 0.01 at 2026-11-30T20:30Z is November in London, December in Shanghai
        Instant lastNovemberLondon = Instant.parse("2026-11-30T20:30:00Z");
        pay(lines, "e1", "P5", t0.plus(days(5)), "4999.99", ",\"cardType\":\"CREDIT\"");
        pay(lines, "e2", "P5", lastNovemberLondon, "0.01", ",\"cardType\":\"CREDIT\"");
        pay(lines, "f1", "P6", t0.plus(days(5)), "4999.99", ",\"cardType\":\"CREDIT\"");
        pay(lines, "f2", "P6", lastNovemberLondon, "0.01", ",\"cardType\":\"CREDIT\"");
        // S3: a salary exactly 30 days after the opening fires, 30 days and a second does not; a second opening restarts
        event(lines, "g1", "P7", "ACCOUNT_OPENED", t0, "");
        event(lines, "g2", "P7", "SALARY_CREDIT", t0.plus(days(30)), ",\"amount\":2000.00");
        event(lines, "h1", "P8", "ACCOUNT_OPENED", t0, "");
        event(lines, "h2", "P8", "SALARY_CREDIT", t0.plus(days(30)).plusSeconds(1), ",\"amount\":2000.00");
        event(lines, "i1", "P9", "ACCOUNT_OPENED", t0, "");
        event(lines, "i2", "P9", "ACCOUNT_OPENED", t0.plus(days(5)), "");
        event(lines, "i3", "P9", "SALARY_CREDIT", t0.plus(days(33)), ",\"amount\":2000.00");
        lines.sort(Comparator.comparing((String[] l) -> l[0]));
        Path events = Files.write(dir.resolve("boundaries.jsonl"), lines.stream().map(l -> l[1]).toList());
        Path profiles = Files.write(dir.resolve("boundaries-profiles.jsonl"), List.of(
                "{\"customerId\":\"P5\",\"timezone\":\"Europe/London\",\"consent\":{\"PUSH\":true}}",
                "{\"customerId\":\"P6\",\"consent\":{\"PUSH\":true}}"));
        PeerSettings settings = settings(events, profiles);
        Map<String, Long> engine = engine(settings, LocalDate.of(2026, 12, 10), "boundaries");
        assertThat(engine).containsExactlyEntriesOf(expected(1, 2, 1, 3, 2));
        assertPeersFire(settings, engine);
    }

    private static void assertPeersFire(PeerSettings settings, Map<String, Long> engine) throws Exception {
        Map<String, Long> sql = PeerBenchmark.run("sql", settings).firings();
        assertThat(sql).as("Flink SQL peer against the engine %s", engine).containsExactlyInAnyOrderEntriesOf(Map.of(
                "S1", engine.get("S1"), "S6", engine.get("S6"), "S10", engine.get("S10"), "S12", engine.get("S12")));
        assertThat(PeerBenchmark.run("cep-filtered", settings).firings()).as("CEP peer, two types").containsExactlyEntriesOf(Map.of("S3", engine.get("S3")));
        assertThat(PeerBenchmark.run("cep-all", settings).firings()).as("CEP peer, every event").containsExactlyEntriesOf(Map.of("S3", engine.get("S3")));
    }

    private PeerSettings settings(Path events, Path profiles) {
        return new PeerSettings(events, profiles, LISTS, START.atStartOfDay(SHANGHAI).toInstant().toEpochMilli(),
                EngineConfig.RECORDED_OUT_OF_ORDERNESS_MILLIS, 2);
    }

    /** The engine's firings per rule, replayed with only the compared rules from the same go-live until {@code until}. */
    private Map<String, Long> engine(PeerSettings s, LocalDate until, String name) throws Exception {
        EngineConfig config = new EngineConfig();
        config.outOfOrdernessMillis = s.outOfOrdernessMillis();
        config.policy = PolicyFiles.shipped();
        config.goLive = s.goLive();
        config.simulationEnd = until.atStartOfDay(SHANGHAI).toInstant().toEpochMilli();
        Path out = dir.resolve("out-" + name);
        ReplayJob.run(new ReplayJob.Request(s.events(), s.profiles(), shipped(), LISTS, config, out, s.parallelism(), "hashmap"));
        return PeerComparison.firings(out.resolve(ReplayJob.DECISIONS), RULES);
    }

    private static Map<String, Long> expected(long s1, long s3, long s6, long s10, long s12) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("S1", s1);
        m.put("S3", s3);
        m.put("S6", s6);
        m.put("S10", s10);
        m.put("S12", s12);
        return m;
    }

    private static Duration days(int n) {
        return Duration.ofDays(n);
    }

    private static void pay(List<String[]> lines, String id, String customer, Instant at, String amount, String extra) {
        event(lines, id, customer, "CARD_PAYMENT", at, ",\"amount\":" + amount + extra);
    }

    /** A line keyed by its instant, so the file can be written in time order. */
    private static void event(List<String[]> lines, String id, String customer, String type, Instant at, String extra) {
        lines.add(new String[] {at.toString() + id, "{\"eventId\":\"" + id + "\",\"type\":\"" + type + "\",\"customerId\":\"" + customer
                + "\",\"eventTime\":\"" + at + "\"" + extra + "}"});
    }

    /** The shipped rules of the compared short ids. */
    private static RuleFiles.Loaded shipped() throws Exception {
        RuleFiles.Loaded all = RuleFiles.shipped();
        List<RuleSource> sources = new ArrayList<>();
        List<CompiledRule> rules = new ArrayList<>();
        for (int i = 0; i < all.rules().size(); i++) {
            String id = all.rules().get(i).id();
            if (RULES.contains(id.substring(0, id.indexOf('-')))) {
                rules.add(all.rules().get(i));
                sources.add(all.sources().get(i));
            }
        }
        assertThat(rules).hasSameSizeAs(RULES);
        return new RuleFiles.Loaded(sources, rules, List.of());
    }
}

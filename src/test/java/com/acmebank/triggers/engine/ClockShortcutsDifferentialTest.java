package com.acmebank.triggers.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.condition.ReferenceLists;
import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.output.Conversion;
import com.acmebank.triggers.output.DeadLetter;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.profile.ProfileParser;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleCompiler;
import com.acmebank.triggers.rule.RuleFiles;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.testing.EventJson;
import com.acmebank.triggers.testing.ProfileJson;
import com.acmebank.triggers.testing.TestPolicies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The clock's shortcuts never skip a look that matters: the same random inputs (events, profile versions and deletions, rule sets that add, drop, pause, resume and
 * re-add rules) through two timelines: one with the clock's shortcuts, one whose clock forgets them on every read
 * (the full look, as before the shortcuts). The clock slot copies on get and set, as Flink's does. Outputs must be equal.
 */
class ClockShortcutsDifferentialTest {
    private static final String[] EXTRA = {
        """
        id: X1-monthly
        version: 1
        trigger: {schedule: {monthly: 31, at: "10:00"}}
        conversion: {of: {type: PRODUCT_PURCHASE}, within: 3d}
        offer: {channel: PUSH, template: "monthly"}
        """,
        """
        id: X2-tier
        version: 1
        trigger: {profileChange: {field: tier, to: [GOLD]}}
        conversion: {of: {type: CARD_PAYMENT}, within: 2d}
        offer: {channel: SMS, template: "gold"}
        """,
        """
        id: X3-salary
        version: 1
        trigger: {event: {type: SALARY_CREDIT}}
        conversion: {of: {type: PRODUCT_PURCHASE}, within: 1d}
        offer: {channel: PUSH, template: "plan"}
        """,
    };

    private static final long DAY = 86_400_000L;
    static final Map<String, Integer> TOTALS = new java.util.TreeMap<>();
    private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @Test
    void shortcutsNeverChangeOutputs() throws Exception {
        List<RuleSource> sources = new ArrayList<>(RuleFiles.shipped().sources());
        for (int i = 0; i < EXTRA.length; i++) {
            sources.add(new RuleSource("X" + (i + 1) + ".yaml", EXTRA[i]));
        }
        int failures = 0;
        StringBuilder first = new StringBuilder();
        for (int seed = 0; seed < 500; seed++) {
            String diff = run(seed, sources);
            if (diff != null) {
                failures++;
                if (first.length() == 0) {
                    first.append("seed ").append(seed).append(": ").append(diff);
                }
            }
        }
        System.out.println("REVIEW outputs " + TOTALS);
        assertThat(failures).as(first.toString()).isZero();
    }

    private static String run(int seed, List<RuleSource> sources) throws Exception {
        Random r = new Random(seed);
        EngineConfig config = new EngineConfig();
        config.policy = r.nextBoolean() ? TestPolicies.withoutHoldout() : TestPolicies.shipped();
        config.goLive = START;
        config.housekeepingIntervalMillis = (1 + r.nextInt(4)) * DAY;
        Driver a = new Driver(config, false);
        Driver b = new Driver(config, true);
        Map<String, Integer> incarnations = new HashMap<>();
        List<String> log = new ArrayList<>();
        RuleBook book = book(sources, r, incarnations, log);
        a.timeline.rules(book);
        b.timeline.rules(book);
        long now = START - DAY;
        int n = 0;
        String[] customers = {"C1", "C2"};
        for (int step = 0; step < 250; step++) {
            int what = r.nextInt(100);
            String cid = customers[r.nextInt(customers.length)];
            if (what < 55) {
                Event e = event(r, cid, "e" + (n++), now + 1 + (long) (r.nextDouble() * 3 * DAY));
                a.accept(e);
                b.accept(e);
            } else if (what < 65) {
                Profile p = profile(r, cid, now);
                log.add("profile " + cid + " " + p.tier + " " + p.birthDate + " upd=" + p.updatedAt);
                a.accept(p);
                b.accept(p);
            } else if (what < 67) {
                log.add("delete " + cid);
                a.accept(ProfileParser.tombstone(cid));
                b.accept(ProfileParser.tombstone(cid));
            } else if (what < 75) {
                book = book(sources, r, incarnations, log);
                a.timeline.rules(book);
                b.timeline.rules(book);
            } else {
                now += r.nextInt(4) == 0 ? (long) (r.nextDouble() * 40 * DAY) : (long) (r.nextDouble() * DAY);
                a.advanceTo(now);
                b.advanceTo(now);
                String d = a.diff(b);
                if (d != null) {
                    return d + "\n  inputs: " + String.join("\n    ", log.subList(Math.max(0, log.size() - 15), log.size()));
                }
            }
        }
        now += 400 * DAY;
        a.advanceTo(now);
        b.advanceTo(now);
        String d = a.diff(b);
        for (String o : a.out) {
            String[] w = o.split(" ");
            TOTALS.merge(w[0].equals("decision") ? w[0] + " " + w[2] + " " + w[4] : w[0], 1, Integer::sum);
        }
        return d == null ? null : d + "\n  inputs: " + String.join("\n    ", log.subList(Math.max(0, log.size() - 15), log.size()));
    }

    private static RuleBook book(List<RuleSource> sources, Random r, Map<String, Integer> incarnations, List<String> log)
            throws Exception {
        List<CompiledRule> rules = new ArrayList<>();
        Set<String> paused = new HashSet<>();
        for (RuleSource s : sources) {
            if (r.nextInt(3) == 0) {
                continue; // deleted (or not yet published)
            }
            RuleSource c = s.copy();
            String id = s.fileName;
            if (r.nextInt(6) == 0) {
                incarnations.merge(id, 1, Integer::sum);
            }
            c.incarnation = incarnations.getOrDefault(id, 0);
            CompiledRule rule = new RuleCompiler().compile(c);
            rules.add(rule);
            if (r.nextInt(5) == 0) {
                paused.add(rule.id());
            }
        }
        log.add("rules " + rules.stream().map(x -> x.id() + "@" + incarnations.getOrDefault(x.file(), 0)).toList() + " paused " + paused);
        return RuleBook.of(rules, ReferenceLists.empty(), paused);
    }

    private static final String[] TYPES = {"SALARY_CREDIT", "CARD_PAYMENT", "PRODUCT_PURCHASE", "TRANSFER_OUT", "TRANSFER_IN",
        "APP_LOGIN", "PRODUCT_REDEMPTION"};

    private static Event event(Random r, String cid, String id, long time) {
        String type = TYPES[r.nextInt(TYPES.length)];
        EventJson e = EventJson.of(type, id, cid, Instant.ofEpochMilli(time).toString());
        if (!"APP_LOGIN".equals(type)) {
            e.amount(String.valueOf(100 + r.nextInt(20000)));
        }
        if (type.startsWith("PRODUCT")) {
            String[] kinds = {"FUND", "DEPOSIT", "INSURANCE"};
            e.with("productType", kinds[r.nextInt(3)]).with("productId", "P" + r.nextInt(3));
        }
        if ("CARD_PAYMENT".equals(type)) {
            e.with("merchantId", "M" + r.nextInt(5)).with("mcc", "5411");
        }
        return e.event();
    }

    private static Profile profile(Random r, String cid, long now) {
        String[] tiers = {"MASS", "SILVER", "GOLD", "DIAMOND"};
        ProfileJson p = ProfileJson.of(cid).with("tier", tiers[r.nextInt(4)]);
        if (r.nextInt(4) != 0) {
            p.with("birthDate", "19%02d-%02d-%02d".formatted(50 + r.nextInt(50), 1 + r.nextInt(12), 1 + r.nextInt(28)));
        }
        int u = r.nextInt(3);
        if (u == 1) {
            p.with("updatedAt", Instant.ofEpochMilli(now + (long) (r.nextDouble() * 20 * DAY)).toString());
        } else if (u == 2) {
            p.with("updatedAt", Instant.ofEpochMilli(now - (long) (r.nextDouble() * 20 * DAY)).toString());
        }
        return p.profile();
    }

    /** Drives customers as the operator does; the clock slot copies like Flink's, and forgets the shortcuts if asked. */
    private static final class Driver implements TimelineOutput, WakeUps {
        final CustomerTimeline timeline;
        final boolean fullLook;
        final Map<String, TimelineState> states = new HashMap<>();
        final Map<String, TreeSet<Long>> timers = new HashMap<>();
        final List<String> out = new ArrayList<>();
        long watermark = Long.MIN_VALUE;
        String current;

        Driver(EngineConfig config, boolean fullLook) {
            this.timeline = new CustomerTimeline(config, config.goLive);
            this.fullLook = fullLook;
        }

        TimelineState state(String cid) {
            return states.computeIfAbsent(cid, k -> new TimelineState(map(), map(), value(), map(), clock(), map(), map(), value(), map(),
                    map(), map(), map(), map()));
        }

        void accept(Event e) {
            current = e.customerId;
            timeline.accept(e, watermark, state(e.customerId), this);
        }

        void accept(Profile p) {
            current = p.customerId;
            timeline.accept(p, watermark, state(p.customerId), this);
        }

        void advanceTo(long newWatermark) {
            while (true) {
                String next = null;
                long at = Long.MAX_VALUE;
                for (var e : timers.entrySet()) {
                    if (!e.getValue().isEmpty() && e.getValue().first() < at) {
                        at = e.getValue().first();
                        next = e.getKey();
                    }
                }
                if (next == null || at > newWatermark) {
                    break;
                }
                timers.get(next).pollFirst();
                watermark = Math.max(watermark, at);
                current = next;
                timeline.advance(at, next, state(next), this, this);
            }
            watermark = Math.max(watermark, newWatermark);
        }

        String diff(Driver other) {
            if (out.equals(other.out)) {
                return null;
            }
            for (int i = 0; i < Math.max(out.size(), other.out.size()); i++) {
                String x = i < out.size() ? out.get(i) : "<none>";
                String y = i < other.out.size() ? other.out.get(i) : "<none>";
                if (!x.equals(y)) {
                    return "output " + i + ": with shortcuts " + x + " / full look " + y;
                }
            }
            return "?";
        }

        @Override public void at(long time) { timers.computeIfAbsent(current, k -> new TreeSet<>()).add(time); }
        @Override public void cancel(long time) { timers.computeIfAbsent(current, k -> new TreeSet<>()).remove(time); }
        @Override public void offer(Offer o) { out.add("offer " + o.offerId + " " + Instant.ofEpochMilli(o.sendAt)); }
        @Override public void decision(Decision d) {
            out.add("decision " + d.customerId + " " + d.ruleId + " " + d.channel + " " + d.outcome + " " + d.reason + " "
                    + Instant.ofEpochMilli(d.decidedAt) + " " + d.offerId);
        }
        @Override public void conversion(Conversion c) { out.add("conversion " + c.offerId + " " + c.eventId); }
        @Override public void deadLetter(DeadLetter d) { out.add("dead " + d); }

        private static <K, V> MapSlot<K, V> map() {
            Map<K, V> map = new LinkedHashMap<>();
            return new MapSlot<>() {
                @Override public V get(K key) { return map.get(key); }
                @Override public boolean contains(K key) { return map.containsKey(key); }
                @Override public void put(K key, V value) { map.put(key, value); }
                @Override public void remove(K key) { map.remove(key); }
                @Override public Iterable<Map.Entry<K, V>> entries() { return map.entrySet(); }
                @Override public boolean isEmpty() { return map.isEmpty(); }
                @Override public void clear() { map.clear(); }
            };
        }

        private static <T> ValueSlot<T> value() {
            return new ValueSlot<>() {
                private T value;
                @Override public T get() { return value; }
                @Override public void set(T v) { value = v; }
                @Override public void clear() { value = null; }
            };
        }

        private ValueSlot<TimelineClock> clock() {
            return new ValueSlot<>() {
                private TimelineClock value;
                @Override public TimelineClock get() {
                    if (value == null) {
                        return null;
                    }
                    TimelineClock c = copy(value);
                    if (fullLook) {
                        c.schedulesArmed = 0;
                        c.wakeUpsKnown = false;
                        c.firstWakeUp = TimelineClock.NONE;
                        c.attributionKnown = false;
                        c.attributableUntil = TimelineClock.NONE;
                    }
                    return c;
                }
                @Override public void set(TimelineClock v) { value = copy(v); }
                @Override public void clear() { value = null; }
            };
        }

        private static TimelineClock copy(TimelineClock s) {
            TimelineClock c = new TimelineClock();
            c.profileActivation = s.profileActivation;
            c.housekeepingAt = s.housekeepingAt;
            c.pendingProfiles = s.pendingProfiles;
            c.schedulesArmed = s.schedulesArmed;
            c.wakeUpsKnown = s.wakeUpsKnown;
            c.firstWakeUp = s.firstWakeUp;
            c.attributionKnown = s.attributionKnown;
            c.attributableUntil = s.attributableUntil;
            return c;
        }
    }
}

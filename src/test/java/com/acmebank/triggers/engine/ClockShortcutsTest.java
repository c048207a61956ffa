package com.acmebank.triggers.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.condition.ReferenceLists;
import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.output.Conversion;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.DeadLetter;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleCompiler;
import com.acmebank.triggers.rule.RuleRejectedException;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.testing.EventJson;
import com.acmebank.triggers.testing.ProfileJson;
import com.acmebank.triggers.testing.ShippedRules;
import com.acmebank.triggers.testing.TestPolicies;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What the customer's clock lets a visit skip, and that skipping never loses anything: profile-armed schedules are
 * looked for once per rule set (again after a sweep removed a trigger state), rule wake-ups only from the earliest
 * one on, remembered offers only while a window is open. Each shortcut is shown both ways: the reads it saves
 * (counted on the slots) and the offer or conversion it must still give. Times are Shanghai local.
 */
class ClockShortcutsTest {
    private static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);

    private static final String SALARY_WITH_CONVERSION = """
            id: K1-salary
            version: 1
            trigger: {event: {type: SALARY_CREDIT}}
            conversion: {of: {type: PRODUCT_PURCHASE}, within: 2d}
            offer: {channel: PUSH, template: "plan"}
            """;

    // ---- profile-armed schedules

    @Test
    void aScheduleIsLookedForOnceUnderARuleSetNotOnEveryEvent() {
        Driver c = new Driver(withoutSweeps(), shipped("S14-birthday"), shipped("S2-salary-sip"));
        c.accept(ProfileJson.of("C1").with("birthDate", "1990-03-15").profile());
        c.advanceTo(t("2026-01-01T00:00:00"));
        long armed = c.triggerReads("S14-birthday");
        c.accept(salary("s1", "2026-01-05T10:00:00"));
        c.accept(salary("s2", "2026-02-05T10:00:00"));
        c.advanceTo(t("2026-02-06T00:00:00"));
        assertThat(armed).as("reads when the profile took effect").isEqualTo(1);
        assertThat(c.triggerReads("S14-birthday")).as("reads after the two events").isEqualTo(armed);

        c.advanceTo(t("2026-03-16T00:00:00"));
        assertThat(c.decisions()).contains("S14-birthday PUSH SENT @2026-03-15T09:00");
    }

    @Test
    void aScheduleOfARulePublishedLaterIsArmedOnTheNextEventAndLookedForOnlyThen() {
        Driver c = new Driver(withoutSweeps(), shipped("S2-salary-sip"));
        c.accept(ProfileJson.of("C1").with("birthDate", "1990-03-15").profile());
        c.accept(salary("s1", "2026-01-05T10:00:00"));
        c.advanceTo(t("2026-01-06T00:00:00"));

        c.rules(shipped("S14-birthday"), shipped("S2-salary-sip"));
        c.accept(salary("s2", "2026-02-05T10:00:00"));
        c.accept(salary("s3", "2026-03-05T10:00:00"));
        c.advanceTo(t("2026-03-06T00:00:00"));
        assertThat(c.triggerReads("S14-birthday")).isEqualTo(1);

        c.advanceTo(t("2026-03-16T00:00:00"));
        assertThat(c.decisions()).contains("S14-birthday PUSH SENT @2026-03-15T09:00");
    }

    @Test
    void aScheduleWhoseStateASweepRemovedIsArmedAgainOnTheNextEvent() {
        EngineConfig config = config();
        Driver c = new Driver(config, shipped("S14-birthday"), shipped("S2-salary-sip"));
        c.accept(ProfileJson.of("C1").with("birthDate", "1990-03-15").profile());
        c.accept(salary("s1", "2026-01-05T10:00:00"));
        c.advanceTo(t("2026-01-06T00:00:00"));
        assertThat(c.state.triggers().get(stateKey("S14-birthday"))).isNotNull();

        // the schedule is withdrawn; the sweep forgets its state, no event comes while it is away
        c.rules(shipped("S2-salary-sip"));
        c.advanceTo(t("2026-01-05T10:00:00") + 2 * config.housekeepingIntervalMillis);
        assertThat(c.state.triggers().get(stateKey("S14-birthday"))).isNull();

        // back with the very same rule set as before: the next event must arm it again
        c.rules(shipped("S14-birthday"), shipped("S2-salary-sip"));
        c.accept(salary("s2", "2026-02-05T10:00:00"));
        c.advanceTo(t("2026-03-16T00:00:00"));
        assertThat(c.decisions()).contains("S14-birthday PUSH SENT @2026-03-15T09:00");
    }

    // ---- rule wake-ups

    @Test
    void instantsBeforeTheEarliestRuleWakeUpDoNotLookAtTheWakeUps() {
        Driver c = new Driver(config(), shipped("S4-dormant-wakeup"));
        c.accept(ProfileJson.of("C1").profile());
        c.accept(payment("p1", "2026-01-05T10:00:00"));
        c.advanceTo(t("2026-01-05T12:00:00"));
        long before = c.reads("wakeUps");
        for (int day = 6; day <= 20; day++) {
            c.accept(payment("p" + day, "2026-01-%02dT10:00:00".formatted(day)));
        }
        c.advanceTo(t("2026-01-21T00:00:00"));
        assertThat(c.reads("wakeUps")).isEqualTo(before);
    }

    @Test
    void whenTheEarliestWakeUpIsTakenTheNextOneStillComes() {
        // a salary at 22:00 is deferred to 08:00 (the earliest wake-up); the absence deadline 180 days on is the next
        Driver c = new Driver(config(), shipped("S2-salary-sip"), shipped("S4-dormant-wakeup"));
        c.accept(ProfileJson.of("C1").profile());
        c.accept(payment("p1", "2026-01-05T10:00:00"));
        c.accept(salary("s1", "2026-01-05T22:00:00"));
        c.advanceTo(t("2026-07-06T00:00:00"));
        assertThat(c.decisions()).containsExactly(
                "S2-salary-sip PUSH DEFERRED @2026-01-05T22:00",
                "S2-salary-sip PUSH SENT @2026-01-06T08:00",
                "S4-dormant-wakeup SMS SENT @2026-07-04T10:00");
    }

    @Test
    void aWakeUpEarlierThanTheOnesAskedForBeforeIsTaken() {
        // the absence deadline is asked for first; the deferred release asked for later is earlier, and must come
        Driver c = new Driver(config(), shipped("S4-dormant-wakeup"), shipped("S2-salary-sip"));
        c.accept(ProfileJson.of("C1").profile());
        c.accept(payment("p1", "2026-01-05T10:00:00"));
        c.advanceTo(t("2026-01-05T12:00:00"));
        c.accept(salary("s1", "2026-01-05T22:00:00"));
        c.advanceTo(t("2026-01-06T12:00:00"));
        assertThat(c.decisions()).containsExactly("S2-salary-sip PUSH DEFERRED @2026-01-05T22:00", "S2-salary-sip PUSH SENT @2026-01-06T08:00");
    }

    @Test
    void aWithdrawnWakeUpIsJudgedByTheVisitsClockWithoutReadingTheStoredOne() {
        // the opening asks to be woken 7 days on; a payment two days later ends the absence and withdraws the ask
        Driver c = new Driver(withoutSweeps(), shipped("S13-new-customer-nudge"));
        c.accept(ProfileJson.of("C1").profile());
        c.accept(EventJson.of("ACCOUNT_OPENED", "o1", "C1", "2026-01-05T10:00:00+08:00").event());
        c.advanceTo(t("2026-01-05T12:00:00"));
        assertThat(c.wakeUps).contains(t("2026-01-12T10:00:00"));
        long before = c.reads("clock");
        c.accept(payment("p1", "2026-01-07T10:00:00"));
        c.advanceTo(t("2026-01-07T12:00:00"));
        assertThat(c.wakeUps).as("the ask withdrawn").doesNotContain(t("2026-01-12T10:00:00"));
        assertThat(c.reads("clock") - before).as("one read: the visit's own").isEqualTo(1);
        c.advanceTo(t("2026-01-20T00:00:00"));
        assertThat(c.decisions()).isEmpty();
    }

    // ---- remembered offers

    @Test
    void eventsAfterEveryWindowEndedDoNotLookAtRememberedOffersAndANewOfferIsLookedAtAgain() {
        Driver c = new Driver(withoutSweeps(), rule(SALARY_WITH_CONVERSION));
        c.accept(ProfileJson.of("C1").profile());
        c.accept(purchase("b0", "2026-11-01T10:00:00")); // one look: nothing is remembered
        c.accept(salary("s1", "2026-11-02T10:00:00"));
        c.accept(purchase("b1", "2026-11-05T10:00:00")); // the 2-day window ended on Nov 4: no look
        c.accept(purchase("b2", "2026-11-06T10:00:00"));
        c.advanceTo(t("2026-11-06T12:00:00"));
        assertThat(c.reads("attributable")).isEqualTo(1);

        c.accept(salary("s2", "2026-11-10T10:00:00"));
        c.accept(purchase("b3", "2026-11-11T10:00:00")); // within s2's window: a look, and it converts
        c.accept(purchase("b4", "2026-11-20T10:00:00")); // after it: no look
        c.advanceTo(t("2026-11-21T00:00:00"));

        assertThat(c.conversions).extracting(x -> x.eventId).containsExactly("b3");
        assertThat(c.reads("attributable")).isEqualTo(2);
    }

    // ---- helpers

    /** Drives one customer's timeline as the operator does, on slots that count their reads. */
    private static final class Driver implements TimelineOutput, WakeUps {
        final Map<String, Long> counts = new LinkedHashMap<>();
        final Counting counting = new Counting(counts);
        final TimelineState state = counting.state();
        final CustomerTimeline timeline;
        final TreeSet<Long> wakeUps = new TreeSet<>();
        final List<Decision> decisions = new ArrayList<>();
        final List<Conversion> conversions = new ArrayList<>();
        long watermark = Long.MIN_VALUE;

        Driver(EngineConfig config, CompiledRule... rules) {
            timeline = new CustomerTimeline(config, config.goLive);
            rules(rules);
        }

        void rules(CompiledRule... rules) {
            timeline.rules(RuleBook.of(List.of(rules), ReferenceLists.empty()));
        }

        void accept(Event e) {
            timeline.accept(e, watermark, state, this);
        }

        void accept(Profile p) {
            timeline.accept(p, watermark, state, this);
        }

        void advanceTo(long newWatermark) {
            while (!wakeUps.isEmpty() && wakeUps.first() <= newWatermark) {
                long time = wakeUps.pollFirst();
                watermark = time;
                timeline.advance(time, "C1", state, this, this);
            }
            watermark = Math.max(watermark, newWatermark);
        }

        long reads(String slot) {
            return counts.getOrDefault(slot, 0L);
        }

        long triggerReads(String ruleId) {
            return counts.getOrDefault("triggers:" + stateKey(ruleId), 0L);
        }

        List<String> decisions() {
            List<String> lines = new ArrayList<>();
            for (Decision d : decisions) {
                lines.add(d.ruleId + " " + d.channel + " " + d.outcome + " @"
                        + LocalDateTime.ofInstant(Instant.ofEpochMilli(d.decidedAt), SHANGHAI));
            }
            return lines;
        }

        @Override public void at(long time) { wakeUps.add(time); }
        @Override public void cancel(long time) { wakeUps.remove(time); }
        @Override public void offer(Offer offer) { }
        @Override public void decision(Decision d) { decisions.add(d); }
        @Override public void conversion(Conversion c) { conversions.add(c); }
        @Override public void deadLetter(DeadLetter d) { }
    }

    /** Plain-map slots; each get, contains and walk counted under the slot's name (triggers also per state key). */
    private record Counting(Map<String, Long> counts) {
        TimelineState state() {
            return new TimelineState(map("inbox"), map("seenEventIds"), value("profile"), map("pendingProfiles"), value("clock"), map("triggers"),
                    map("lastFired"), value("contactLog"), map("deferred"), map("wakeUps"), map("reversibles"), map("holdings"), map("attributable"));
        }

        private void count(String name) {
            counts.merge(name, 1L, Long::sum);
        }

        private <K, V> MapSlot<K, V> map(String name) {
            Map<K, V> map = new LinkedHashMap<>();
            return new MapSlot<>() {
                @Override public V get(K key) {
                    count(name);
                    count(name + ":" + key);
                    return map.get(key);
                }
                @Override public boolean contains(K key) {
                    count(name);
                    return map.containsKey(key);
                }
                @Override public void put(K key, V value) { map.put(key, value); }
                @Override public void remove(K key) { map.remove(key); }
                @Override public Iterable<Map.Entry<K, V>> entries() {
                    count(name);
                    return map.entrySet();
                }
                @Override public boolean isEmpty() {
                    count(name);
                    return map.isEmpty();
                }
                @Override public void clear() { map.clear(); }
            };
        }

        private <T> ValueSlot<T> value(String name) {
            return new ValueSlot<>() {
                private T value;
                @Override public T get() {
                    count(name);
                    return value;
                }
                @Override public void set(T v) { value = v; }
                @Override public void clear() { value = null; }
            };
        }
    }

    private static String stateKey(String ruleId) {
        return shipped(ruleId).alternatives().get(0).stateKey();
    }

    private static EngineConfig config() {
        EngineConfig config = new EngineConfig();
        config.policy = TestPolicies.withoutHoldout();
        config.goLive = t("2026-01-01T00:00:00");
        return config;
    }

    /** Sweeps walk every slot; without them only the visits' own looks are counted. */
    private static EngineConfig withoutSweeps() {
        EngineConfig config = config();
        config.housekeepingIntervalMillis = 365 * 86_400_000L;
        return config;
    }

    private static CompiledRule shipped(String ruleId) {
        return compile(ShippedRules.source(ruleId));
    }

    private static CompiledRule rule(String yaml) {
        return compile(new RuleSource("K1-salary.yaml", yaml));
    }

    private static CompiledRule compile(RuleSource source) {
        try {
            return new RuleCompiler().compile(source);
        } catch (RuleRejectedException e) {
            throw new IllegalArgumentException(e.errors().toString(), e);
        }
    }

    private static Event salary(String eventId, String local) {
        return EventJson.of("SALARY_CREDIT", eventId, "C1", local + "+08:00").amount("5000").event();
    }

    private static Event payment(String eventId, String local) {
        return EventJson.of("CARD_PAYMENT", eventId, "C1", local + "+08:00").amount("50").event();
    }

    private static Event purchase(String eventId, String local) {
        return EventJson.of("PRODUCT_PURCHASE", eventId, "C1", local + "+08:00").amount("1000").with("productType", "FUND")
                .with("productId", "F1").event();
    }

    private static long t(String local) {
        return LocalDateTime.parse(local).toInstant(SHANGHAI).toEpochMilli();
    }
}

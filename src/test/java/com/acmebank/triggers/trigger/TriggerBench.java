package com.acmebank.triggers.trigger;

import com.acmebank.triggers.condition.Facts;
import com.acmebank.triggers.condition.ReferenceLists;
import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.ReferenceListFiles;
import com.acmebank.triggers.rule.RuleCompiler;
import com.acmebank.triggers.rule.RuleRejectedException;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.testing.EventJson;
import com.acmebank.triggers.testing.ShippedRules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Drives one trigger of a compiled rule on plain Java objects, the way the engine's {@code RuleEvaluation} does, without
 * Flink: {@link #on} is the engine's onEvent ({@code concerns}, then {@code onEvent} on the loaded state, kept
 * only when touched; a stateless event trigger gets no state), {@link #at} its onTime ({@code onDeadline} on
 * a due state, then {@code retain}: false forgets the state), {@link #housekeep} its housekeeping
 * ({@code retain}, false forgets), {@link #profileActivated} its onProfileActivated ({@code onProfile}).
 * What the store would hold is {@link #state()}: null once forgotten.
 */
final class TriggerBench {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String CUSTOMER = "C1";
    static final long DAY = 86_400_000L;
    static final long SECOND = 1_000L;

    private static final ReferenceLists SHIPPED_LISTS = new ReferenceLists(ReferenceListFiles.shipped().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> new HashSet<>(e.getValue()))));

    final CompiledRule rule;
    final Trigger trigger;
    private final Facts facts = new Facts();
    private TriggerContext context = new TriggerContext(new EngineConfig().windowCapacity);
    private Profile profile;
    private ZoneId zone = SHANGHAI;
    private TriggerState stored;

    private TriggerBench(CompiledRule rule, int alternative) {
        this.rule = rule;
        this.trigger = rule.alternatives().get(alternative).trigger();
    }

    /** A rule written for the test: id, version and a plain offer are added around the trigger. */
    static TriggerBench rule(String triggerYaml) {
        String indented = triggerYaml.stripIndent().lines().map(l -> "  " + l).collect(Collectors.joining("\n"));
        String yaml = "id: T1-test\nversion: 1\ntrigger:\n" + indented + "\noffer:\n  channel: PUSH\n  template: \"hello\"\n";
        return new TriggerBench(compile(new RuleSource("T1-test.yaml", yaml)), 0);
    }

    /** A shipped rule (rules/scenarios), its first (or only) trigger. */
    static TriggerBench shipped(String ruleId) {
        return shipped(ruleId, 0);
    }

    static TriggerBench shipped(String ruleId, int alternative) {
        return new TriggerBench(compile(ShippedRules.source(ruleId)), alternative);
    }

    private static CompiledRule compile(RuleSource source) {
        try {
            return new RuleCompiler().compile(source);
        } catch (RuleRejectedException e) {
            throw new IllegalArgumentException(e.errors().toString(), e);
        }
    }

    /** The engine's sliding-window capacity (EngineConfig.windowCapacity). */
    TriggerBench capacity(int capacity) {
        context = new TriggerContext(capacity);
        return this;
    }

    /** The customer's profile; its timezone is the zone (as ContactPolicy.zoneOf), default Asia/Shanghai. */
    TriggerBench profile(Profile p) {
        profile = p;
        zone = p == null || p.timezone == null ? SHANGHAI : ZoneId.of(p.timezone);
        return this;
    }

    Profile profile() {
        return profile;
    }

    ZoneId zone() {
        return zone;
    }

    /** What the store holds for this trigger and customer; null when nothing (or when forgotten). */
    TriggerState state() {
        return stored;
    }

    boolean concerns(EventJson json) {
        Event event = json.event();
        context.set(facts.set(event, profile, SHIPPED_LISTS).at(event.eventTime, zone), zone);
        return trigger.concerns(event, context);
    }

    /** RuleEvaluation.onEvent for this one trigger. */
    Firing on(EventJson json) {
        return on(json.event());
    }

    Firing on(Event event) {
        context.set(facts.set(event, profile, SHIPPED_LISTS).at(event.eventTime, zone), zone);
        if (!trigger.concerns(event, context)) {
            return null;
        }
        if (trigger instanceof EventTrigger et && et.stateless()) {
            return trigger.onEvent(event, null, context);
        }
        TriggerState state = stored != null ? stored : new TriggerState("test");
        state.touched = false;
        Firing firing = trigger.onEvent(event, state, context);
        if (state.touched) {
            stored = state;
        }
        return firing;
    }

    /** RuleEvaluation.onDeadlines for this one trigger: fires a due deadline, then keeps the state only if retained. */
    Firing at(long time) {
        context.set(facts.set(null, profile, SHIPPED_LISTS).at(time, zone), zone);
        if (stored == null || stored.deadline == TriggerState.NONE || stored.deadline > time) {
            return null;
        }
        Firing firing = trigger.onDeadline(time, stored, context);
        if (!trigger.retain(stored, time, context)) {
            stored = null;
        }
        return firing;
    }

    /** The trigger's own onDeadline, called directly: the engine calls it only once the deadline is due. */
    Firing onDeadlineDirectly(long time) {
        context.set(facts.set(null, profile, SHIPPED_LISTS), zone);
        return trigger.onDeadline(time, stored, context);
    }

    /** RuleEvaluation.housekeep for this one trigger: true when the state is kept. */
    boolean housekeep(long time) {
        context.set(facts.set(null, profile, SHIPPED_LISTS), zone);
        if (stored != null && !trigger.retain(stored, time, context)) {
            stored = null;
        }
        return stored != null;
    }

    /** RuleEvaluation.onProfileActivated for this one trigger (the bench's profile must be set). */
    Firing profileActivated(long time) {
        context.set(facts.set(null, profile, SHIPPED_LISTS), zone);
        if (profile == null || profile.deleted) {
            stored = null;
            return null;
        }
        TriggerState state = stored != null ? stored : new TriggerState("test");
        Firing firing = trigger.onProfile(profile, time, state, context);
        stored = state;
        return firing;
    }

    // ---- events and instants

    /** An event of the bench's customer at an instant. */
    static EventJson event(String type, String eventId, long time) {
        return EventJson.of(type, eventId, CUSTOMER, Instant.ofEpochMilli(time).toString());
    }

    static EventJson payment(String eventId, long time, String amount) {
        return event("CARD_PAYMENT", eventId, time).amount(amount);
    }

    /** An ISO-8601 instant with an offset or Z, as epoch milliseconds. */
    static long t(String iso) {
        return Times.parseIsoInstant(iso);
    }

    static long plus(long time, Duration d) {
        return time + d.toMillis();
    }

    static String iso(long time) {
        return Times.format(time);
    }
}

package com.acmebank.triggers.flink;

import com.acmebank.triggers.condition.ReferenceLists;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleCompiler;
import com.acmebank.triggers.rule.RuleRejectedException;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.ruleset.RuleTimeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of one operator instance, bound to broadcast state (what a checkpoint restores): the rules and lists
 * in force, and accepted updates that apply from a later event time. The {@link RuleTimeline} keeps them compiled;
 * broadcast state can only be written when an update arrives, so updates that came due since are folded into it
 * then.
 */
final class LiveRules {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRules.class);

    /** The broadcast states, read-only between updates. */
    record States(ReadOnlyBroadcastState<String, RuleSource> rules, ReadOnlyBroadcastState<String, List<String>> lists,
            ReadOnlyBroadcastState<String, RuleUpdate> pending) {}

    /** How far behind event time an update must be before it joins the rules in force in broadcast state. */
    static final long SETTLED_AFTER_MILLIS = 3_600_000L;

    private RuleTimeline timeline;

    /** The rules an event or deadline at event time {@code time} is judged by. */
    RuleBook at(long time, States states) throws Exception {
        return timeline(states).at(time);
    }

    /** Built from broadcast state on first use (after a restore: what the checkpoint held). */
    RuleTimeline timeline(States states) throws Exception {
        if (timeline == null) {
            RuleCompiler compiler = new RuleCompiler();
            List<CompiledRule> compiled = new ArrayList<>();
            Set<String> paused = new HashSet<>();
            for (Map.Entry<String, RuleSource> e : states.rules().immutableEntries()) {
                try {
                    compiled.add(compiler.compile(e.getValue()));
                    if (e.getValue().paused) {
                        paused.add(e.getKey());
                    }
                } catch (RuleRejectedException ex) {
                    LOG.error("Rule {} in restored state no longer compiles; it is inactive: {}", e.getKey(), ex.getMessage());
                }
            }
            Map<String, Set<String>> values = new HashMap<>();
            for (Map.Entry<String, List<String>> e : states.lists().immutableEntries()) {
                values.put(e.getKey(), new HashSet<>(e.getValue()));
            }
            timeline = new RuleTimeline(RuleBook.of(compiled, new ReferenceLists(values), paused));
            List<RuleUpdate> pending = new ArrayList<>();
            for (Map.Entry<String, RuleUpdate> e : states.pending().immutableEntries()) {
                pending.add(e.getValue());
            }
            pending.sort(java.util.Comparator.comparingLong(u -> u.sequence));
            for (RuleUpdate u : pending) {
                add(u);
            }
        }
        return timeline;
    }

    /**
     * Takes an accepted update arriving while event time is at {@code watermark}: it applies from its instant on
     * (at once when that has passed, as for rule files, which apply from the start).
     */
    void apply(RuleUpdate update, long watermark, BroadcastState<String, RuleSource> rules, BroadcastState<String, List<String>> lists,
            BroadcastState<String, RuleUpdate> pending) throws Exception {
        RuleTimeline t = timeline(new States(rules, lists, pending));
        try {
            for (RuleUpdate gone : t.add(update)) {
                pending.remove(pendingKey(gone));
            }
            pending.put(pendingKey(update), update);
            LOG.info("{} version {} {} from {}", update.subject(), update.version, RuleUpdate.REMOVE_RULE.equals(update.kind) ? "deleted"
                    : update.paused() ? "paused" : "in force", update.effectiveFrom == RuleUpdate.FROM_START ? "the start"
                    : java.time.Instant.ofEpochMilli(update.effectiveFrom));
        } catch (RuleRejectedException e) {
            // the registry accepted it, so only a rule that no longer compiles here (another version of the engine) lands here
            LOG.error("{} version {} does not compile in this engine; the rules in force stay as they were: {}", update.subject(),
                    update.version, e.getMessage());
        }
        t.takeDue(watermark);
        // Broadcast state must be the same on every instance (a rescaled restore hands one instance's copy to others),
        // but each instance's watermark is its own: an update moves into the rules in force there only once it is
        // far behind event time, where every instance has surely passed it; until then it is kept as an update.
        long settled = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - SETTLED_AFTER_MILLIS;
        List<RuleUpdate> due = new ArrayList<>();
        for (Map.Entry<String, RuleUpdate> e : pending.entries()) {
            if (e.getValue().effectiveFrom == RuleUpdate.FROM_START || e.getValue().effectiveFrom <= settled) {
                due.add(e.getValue());
            }
        }
        due.sort(java.util.Comparator.comparingLong((RuleUpdate u) -> u.effectiveFrom).thenComparingLong(u -> u.sequence));
        for (RuleUpdate u : due) {
            pending.remove(pendingKey(u));
            persist(u, rules, lists);
        }
    }

    private void add(RuleUpdate u) {
        try {
            timeline.add(u);
        } catch (RuleRejectedException e) {
            LOG.error("Pending {} in restored state no longer compiles; it is skipped: {}", u.subject(), e.getMessage());
        }
    }

    private static void persist(RuleUpdate u, BroadcastState<String, RuleSource> rules, BroadcastState<String, List<String>> lists)
            throws Exception {
        switch (u.kind) {
            case RuleUpdate.PUT_RULE -> {
                String id = u.rule.ruleId != null ? u.rule.ruleId : new RuleCompiler().compile(u.rule).id();
                rules.put(id, u.rule);
            }
            case RuleUpdate.REMOVE_RULE -> rules.remove(u.name);
            case RuleUpdate.PUT_LIST -> lists.put(u.name, new ArrayList<>(u.values));
            default -> { }
        }
    }

    private static String pendingKey(RuleUpdate u) {
        return String.format("%019d|%s|%d", u.sequence, u.subject(), u.effectiveFrom);
    }
}

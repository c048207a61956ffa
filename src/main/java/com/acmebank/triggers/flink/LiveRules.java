package com.acmebank.triggers.flink;

import com.acmebank.triggers.condition.ReferenceLists;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleCompiler;
import com.acmebank.triggers.rule.RuleRejectedException;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
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
 * The rules in force in one operator instance: broadcast state holds the rule files and lists (what a
 * checkpoint restores), this keeps them compiled. Rules compile once per change, not per event; a rule that
 * fails to compile is rejected and the running rules stay as they were.
 */
final class LiveRules {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRules.class);

    private final RuleCompiler compiler = new RuleCompiler();
    private RuleBook book;

    /** The compiled rules, rebuilt from broadcast state after a restore. */
    RuleBook book(ReadOnlyBroadcastState<String, RuleSource> rules, ReadOnlyBroadcastState<String, List<String>> lists) throws Exception {
        if (book == null) {
            List<CompiledRule> compiled = new ArrayList<>();
            for (Map.Entry<String, RuleSource> e : rules.immutableEntries()) {
                try {
                    compiled.add(compiler.compile(e.getValue()));
                } catch (RuleRejectedException ex) {
                    LOG.error("Rule {} in restored state no longer compiles; it is inactive: {}", e.getKey(), ex.getMessage());
                }
            }
            Map<String, Set<String>> values = new HashMap<>();
            for (Map.Entry<String, List<String>> e : lists.immutableEntries()) {
                values.put(e.getKey(), new HashSet<>(e.getValue()));
            }
            book = RuleBook.of(compiled, new ReferenceLists(values));
        }
        return book;
    }

    /** Applies an update; returns the rejection reason, or null when applied. */
    String apply(RuleUpdate update, BroadcastState<String, RuleSource> rules, BroadcastState<String, List<String>> lists) throws Exception {
        RuleBook current = book(rules, lists);
        switch (update.kind) {
            case RuleUpdate.PUT_RULE -> {
                try {
                    CompiledRule rule = compiler.compile(update.rule);
                    rules.put(rule.id(), update.rule);
                    book = current.withRule(rule);
                    LOG.info("Rule {} version {} active", rule.id(), rule.version());
                    return null;
                } catch (RuleRejectedException e) {
                    return e.getMessage();
                }
            }
            case RuleUpdate.REMOVE_RULE -> {
                rules.remove(update.name);
                book = current.withoutRule(update.name);
                LOG.info("Rule {} removed", update.name);
                return null;
            }
            case RuleUpdate.KEEP_ONLY -> {
                java.util.Set<String> keepRules = new HashSet<>(update.values == null ? List.of() : update.values);
                java.util.Set<String> keepLists = new HashSet<>(update.lists == null ? List.of() : update.lists);
                List<String> goneRules = new ArrayList<>();
                for (Map.Entry<String, RuleSource> e : rules.entries()) {
                    if (!keepRules.contains(e.getKey())) {
                        goneRules.add(e.getKey());
                    }
                }
                List<String> goneLists = new ArrayList<>();
                for (Map.Entry<String, List<String>> e : lists.entries()) {
                    if (!keepLists.contains(e.getKey())) {
                        goneLists.add(e.getKey());
                    }
                }
                for (String id : goneRules) {
                    rules.remove(id);
                    LOG.info("Rule {} removed: not in the rule set any more", id);
                }
                for (String name : goneLists) {
                    lists.remove(name);
                }
                if (!goneRules.isEmpty() || !goneLists.isEmpty()) {
                    book = null;
                    book(rules, lists);
                }
                return null;
            }
            case RuleUpdate.PUT_LIST -> {
                List<String> values = update.values == null ? List.of() : update.values;
                lists.put(update.name, new ArrayList<>(values));
                book = current.withLists(current.lists().with(update.name, new HashSet<>(values)));
                LOG.info("Reference list {} has {} values", update.name, values.size());
                return null;
            }
            default -> {
                return "unknown rule update kind '" + update.kind + "'";
            }
        }
    }
}

package com.acmebank.triggers.ruleset;

import com.acmebank.triggers.event.Origin;
import com.acmebank.triggers.output.RuleStatus;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.RuleCompiler;
import com.acmebank.triggers.rule.RuleError;
import com.acmebank.triggers.rule.RuleRejectedException;
import com.acmebank.triggers.rule.RuleUpdate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The one place that judges rule and list updates, before they reach the engine's operators: a rule must
 * validate, versions only go up (a repeat of what is in force is accepted as unchanged), pause and resume keep
 * the version, a deleted rule comes back only with a higher version. Every update gets a {@link RuleStatus};
 * only accepted ones go on, stamped with the event time they apply from and a running number. A rejected update
 * leaves everything in force as it was.
 */
public final class RuleRegistry {
    /** What became of an update: {@code accepted} is what the operators apply (null when rejected or unchanged). */
    public record Verdict(RuleUpdate accepted, RuleStatus status) {}

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final RuleCompiler compiler = new RuleCompiler();
    /** By subject (rule:ID, list:NAME): the last accepted update (REMOVE_RULE for a deleted rule). */
    private final Map<String, RuleUpdate> inForce = new TreeMap<>();
    private long sequence;

    /**
     * Judges {@code u}, read while the rules' event time is at {@code watermark}: an accepted update applies from
     * its effectiveFrom, but never before event time the engine may already have passed (watermark + 1).
     */
    public Verdict judge(RuleUpdate u, long watermark, Origin origin) {
        return switch (u.kind == null ? "" : u.kind) {
            case RuleUpdate.PUT_RULE -> putRule(u, watermark, origin);
            case RuleUpdate.REMOVE_RULE -> removeRule(u, watermark, origin);
            case RuleUpdate.PUT_LIST -> putList(u, watermark, origin);
            default -> rejected(RuleUpdateJson.RULE, u.ruleId(), u.version, null, origin, List.of("unknown update kind '" + u.kind + "'"));
        };
    }

    /** A record that could not be read as an update at all. */
    public Verdict malformed(RuleUpdateJson.Malformed m, Origin origin) {
        return rejected(m.type() == null ? RuleUpdateJson.RULE : m.type(), m.id(), 0, null, origin, List.of(m.getMessage()));
    }

    private Verdict putRule(RuleUpdate u, long watermark, Origin origin) {
        String state = RuleUpdateJson.state(u);
        RuleCompiler.Checked checked;
        try {
            checked = compiler.check(u.rule);
        } catch (RuleRejectedException e) {
            return rejected(RuleUpdateJson.RULE, u.ruleId(), u.version, state, origin, e.errors().stream().map(RuleError::toString).toList());
        }
        CompiledRule rule = checked.rule();
        String where = u.rule.fileName + ": rule " + rule.id() + ": ";
        if (u.rule.ruleId != null && !u.rule.ruleId.equals(rule.id())) {
            return rejected(RuleUpdateJson.RULE, u.rule.ruleId, u.version, state, origin,
                    List.of(where + "id: the update is for rule " + u.rule.ruleId + " but the file's id is " + rule.id()));
        }
        if (u.version != 0 && u.version != rule.version()) {
            return rejected(RuleUpdateJson.RULE, rule.id(), u.version, state, origin,
                    List.of(where + "version: the update says " + u.version + " but the file says " + rule.version()));
        }
        String key = RuleUpdateJson.key(RuleUpdateJson.RULE, rule.id());
        RuleUpdate current = inForce.get(key);
        if (current != null && RuleUpdate.REMOVE_RULE.equals(current.kind) && rule.version() <= current.version) {
            return rejected(RuleUpdateJson.RULE, rule.id(), rule.version(), state, origin, List.of(where + "version: " + rule.version()
                    + " was deleted at version " + current.version + "; add it again with version " + (current.version + 1) + " or higher"));
        }
        if (current != null && RuleUpdate.PUT_RULE.equals(current.kind)) {
            if (rule.version() < current.version) {
                return rejected(RuleUpdateJson.RULE, rule.id(), rule.version(), state, origin, List.of(where + "version: " + rule.version()
                        + " is older than version " + current.version + " in force (versions only go up)"));
            }
            if (rule.version() == current.version) {
                if (!Objects.equals(current.rule.text, u.rule.text)) {
                    return rejected(RuleUpdateJson.RULE, rule.id(), rule.version(), state, origin, List.of(where + "version: " + rule.version()
                            + " is in force with another text; give the change version " + (current.version + 1)));
                }
                if (current.paused() == u.paused()) {
                    return unchanged(RuleUpdateJson.RULE, rule.id(), rule.version(), state, current.effectiveFrom, origin);
                }
            }
        }
        RuleUpdate accepted = u.copy();
        accepted.rule.ruleId = rule.id();
        accepted.version = rule.version();
        // a rule added again after a delete starts afresh for every customer, swept yet or not
        accepted.rule.incarnation = current == null ? 0
                : RuleUpdate.REMOVE_RULE.equals(current.kind) ? (int) (sequence + 1) : current.rule.incarnation;
        List<String> warnings = new ArrayList<>(checked.warnings().stream().map(RuleError::toString).toList());
        for (String list : new java.util.TreeSet<>(rule.referencedLists())) {
            if (!inForce.containsKey(RuleUpdateJson.key(RuleUpdateJson.LIST, list))) {
                warnings.add(where + "list " + list + " is not published yet: conditions on it match nothing until it is");
            }
        }
        return accept(key, accepted, watermark, RuleUpdateJson.RULE, rule.id(), state, origin, warnings);
    }

    private Verdict removeRule(RuleUpdate u, long watermark, Origin origin) {
        String key = RuleUpdateJson.key(RuleUpdateJson.RULE, u.name);
        RuleUpdate current = inForce.get(key);
        if (current == null && u.version > 0) {
            // what a fresh job reads of a rule deleted long ago, once the topic is compacted: it keeps the version floor
            RuleUpdate floor = u.copy();
            floor.sequence = ++sequence;
            inForce.put(key, floor);
            return unchanged(RuleUpdateJson.RULE, u.name, u.version, RuleUpdateJson.DELETED, u.effectiveFrom, origin);
        }
        if (current == null || RuleUpdate.REMOVE_RULE.equals(current.kind)) {
            return rejected(RuleUpdateJson.RULE, u.name, u.version, RuleUpdateJson.DELETED, origin,
                    List.of("rule " + u.name + ": no such rule in force" + (current == null ? "" : " (deleted at version " + current.version + ")")));
        }
        if (u.version != 0 && u.version != current.version) {
            return rejected(RuleUpdateJson.RULE, u.name, u.version, RuleUpdateJson.DELETED, origin, List.of("rule " + u.name
                    + ": version: the delete is for version " + u.version + " but version " + current.version + " is in force"));
        }
        RuleUpdate accepted = u.copy();
        accepted.version = current.version;
        return accept(key, accepted, watermark, RuleUpdateJson.RULE, u.name, RuleUpdateJson.DELETED, origin, List.of());
    }

    private Verdict putList(RuleUpdate u, long watermark, Origin origin) {
        String key = RuleUpdateJson.key(RuleUpdateJson.LIST, u.name);
        if (u.name == null || !NAME.matcher(u.name).matches()) {
            return rejected(RuleUpdateJson.LIST, u.name, u.version, RuleUpdateJson.ACTIVE, origin, List.of("list " + u.name
                    + ": name: use letters, digits, '.', '_' and '-' only (at most 128), starting with a letter or digit"));
        }
        if (u.values == null) {
            return rejected(RuleUpdateJson.LIST, u.name, u.version, RuleUpdateJson.ACTIVE, origin, List.of("list " + u.name + ": values: missing"));
        }
        RuleUpdate current = inForce.get(key);
        int currentVersion = current == null ? 0 : current.version;
        int version = u.version == 0 ? currentVersion + 1 : u.version;
        if (current != null && version <= currentVersion) {
            if (version == currentVersion && current.values.equals(u.values)) {
                return unchanged(RuleUpdateJson.LIST, u.name, version, RuleUpdateJson.ACTIVE, current.effectiveFrom, origin);
            }
            return rejected(RuleUpdateJson.LIST, u.name, version, RuleUpdateJson.ACTIVE, origin, List.of("list " + u.name + ": version: " + version
                    + " is not newer than version " + currentVersion + " in force (versions only go up)"));
        }
        RuleUpdate accepted = u.copy();
        accepted.version = version;
        return accept(key, accepted, watermark, RuleUpdateJson.LIST, u.name, RuleUpdateJson.ACTIVE, origin, List.of());
    }

    private Verdict accept(String key, RuleUpdate accepted, long watermark, String type, String id, String state, Origin origin,
            List<String> warnings) {
        if (watermark != Long.MIN_VALUE && accepted.effectiveFrom <= watermark) {
            // the engine may have judged events up to the watermark already: the change applies from just after it,
            // the same instant on every operator instance
            accepted.effectiveFrom = watermark + 1;
        }
        accepted.sequence = ++sequence;
        inForce.put(key, accepted);
        RuleStatus s = status(type, id, accepted.version, state, RuleStatus.ACCEPTED, origin);
        s.effectiveFrom = accepted.effectiveFrom;
        s.warnings = List.copyOf(warnings);
        return new Verdict(accepted, s);
    }

    private static Verdict unchanged(String type, String id, int version, String state, long effectiveFrom, Origin origin) {
        RuleStatus s = status(type, id, version, state, RuleStatus.ACCEPTED, origin);
        s.effectiveFrom = effectiveFrom;
        s.messages = List.of("unchanged: version " + version + " is in force already");
        return new Verdict(null, s);
    }

    private static Verdict rejected(String type, String id, int version, String state, Origin origin, List<String> messages) {
        RuleStatus s = status(type, id, version, state, RuleStatus.REJECTED, origin);
        s.messages = List.copyOf(messages);
        return new Verdict(null, s);
    }

    private static RuleStatus status(String type, String id, int version, String state, String status, Origin origin) {
        RuleStatus s = new RuleStatus();
        s.type = type;
        s.id = id;
        s.version = version;
        s.state = state;
        s.status = status;
        s.origin = origin;
        return s;
    }

    /** What is in force, for a checkpoint: the last accepted update per rule and list. */
    public List<RuleUpdate> snapshot() {
        return new ArrayList<>(inForce.values());
    }

    public void restore(Collection<RuleUpdate> updates) {
        inForce.clear();
        for (RuleUpdate u : updates) {
            inForce.put(RuleUpdateJson.key(u), u);
            sequence = Math.max(sequence, u.sequence);
        }
    }
}

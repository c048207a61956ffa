package com.acmebank.triggers.ruleset;

import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleCompiler;
import com.acmebank.triggers.rule.RuleRejectedException;
import com.acmebank.triggers.rule.RuleUpdate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;

/**
 * The rules in force over event time, in one operator instance: the rules in force now, and accepted updates
 * that apply from a later instant. An event (or a deadline) at time t is judged by {@link #at(long) at(t)}, so a
 * change applies from its effective instant on every instance alike, wherever the broadcast found each of them.
 * Every rule is compiled once, when its update arrives.
 */
public final class RuleTimeline {
    private static final Comparator<RuleUpdate> ORDER =
            Comparator.comparingLong((RuleUpdate u) -> u.effectiveFrom).thenComparingLong(u -> u.sequence);

    private final RuleCompiler compiler = new RuleCompiler();
    private RuleBook now;
    /** Updates still to come, in the order they apply; {@code steps[i]} is the book once pending[0..i] apply. */
    private final List<RuleUpdate> pending = new ArrayList<>();
    private final List<CompiledRule> pendingRules = new ArrayList<>();
    private RuleBook[] steps = new RuleBook[0];

    public RuleTimeline(RuleBook now) {
        this.now = now;
    }

    /** The rules an event or deadline at event time {@code time} is judged by. */
    public RuleBook at(long time) {
        RuleBook book = now;
        for (int i = 0; i < pending.size() && pending.get(i).effectiveFrom <= time; i++) {
            book = steps[i];
        }
        return book;
    }

    /** The rules in force before any pending update. */
    public RuleBook now() {
        return now;
    }

    public List<RuleUpdate> pending() {
        return List.copyOf(pending);
    }

    /**
     * Adds an accepted update that applies from its effectiveFrom (compiling it now). Returns the pending updates it
     * supersedes: older ones for the same rule or list that would apply at or after it, and so never will.
     */
    public List<RuleUpdate> add(RuleUpdate u) throws RuleRejectedException {
        CompiledRule rule = compile(u);
        List<RuleUpdate> superseded = new ArrayList<>();
        String subject = RuleUpdateJson.key(u);
        for (int i = pending.size() - 1; i >= 0; i--) {
            RuleUpdate p = pending.get(i);
            if (RuleUpdateJson.key(p).equals(subject) && p.effectiveFrom >= u.effectiveFrom && p.sequence < u.sequence) {
                superseded.add(pending.remove(i));
                pendingRules.remove(i);
            }
        }
        int at = 0;
        while (at < pending.size() && ORDER.compare(pending.get(at), u) <= 0) {
            at++;
        }
        pending.add(at, u);
        pendingRules.add(at, rule);
        rebuild();
        return superseded;
    }

    /** Moves the pending updates due by {@code watermark} into the rules in force now; returns them, in order. */
    public List<RuleUpdate> takeDue(long watermark) {
        List<RuleUpdate> due = new ArrayList<>();
        Iterator<RuleUpdate> it = pending.iterator();
        int i = 0;
        while (it.hasNext()) {
            RuleUpdate u = it.next();
            if (u.effectiveFrom > watermark) {
                break;
            }
            now = steps[i];
            due.add(u);
            i++;
        }
        if (!due.isEmpty()) {
            pending.subList(0, due.size()).clear();
            pendingRules.subList(0, due.size()).clear();
            rebuild();
        }
        return due;
    }

    private CompiledRule compile(RuleUpdate u) throws RuleRejectedException {
        return RuleUpdate.PUT_RULE.equals(u.kind) ? compiler.compile(u.rule) : null;
    }

    private void rebuild() {
        RuleBook[] books = new RuleBook[pending.size()];
        RuleBook book = now;
        for (int i = 0; i < books.length; i++) {
            book = apply(book, pending.get(i), pendingRules.get(i));
            books[i] = book;
        }
        steps = books;
    }

    private static RuleBook apply(RuleBook book, RuleUpdate u, CompiledRule rule) {
        return switch (u.kind) {
            case RuleUpdate.PUT_RULE -> book.withRule(rule, u.paused());
            case RuleUpdate.REMOVE_RULE -> book.withoutRule(u.name);
            case RuleUpdate.PUT_LIST -> book.withLists(book.lists().with(u.name, new HashSet<>(u.values)));
            default -> book;
        };
    }
}

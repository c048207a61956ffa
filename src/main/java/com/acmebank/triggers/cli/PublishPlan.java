package com.acmebank.triggers.cli;

import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.ruleset.RuleUpdateJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What `rules publish` would send, judged against what rule-updates holds, with the engine's rules (versions only
 * go up, a version is one text, a deleted rule comes back with a higher version) so that a refusal is known before
 * anything is published. A file equal to what is published is left out.
 */
final class PublishPlan {
    /** A validated rule file: its id and version as compiled, its file name and text as written. */
    record Candidate(String id, int version, String fileName, String text) {}

    /** The updates to publish, the rules left out as unchanged, the refusals, and notes worth a line. */
    record Outcome(List<RuleUpdate> publish, List<String> unchanged, List<String> refused, List<String> notes) {}

    private PublishPlan() {}

    /** {@code published}: the latest update per key (rule:ID), as {@code RuleTopics.latest()} has it. */
    static Outcome plan(List<Candidate> candidates, Map<String, RuleUpdate> published, long effectiveFrom) {
        List<RuleUpdate> publish = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Candidate c : candidates) {
            RuleUpdate current = published.get(RuleUpdateJson.key(RuleUpdateJson.RULE, c.id()));
            String id = c.id();
            if (current != null && RuleUpdate.REMOVE_RULE.equals(current.kind)) {
                if (c.version() <= current.version) {
                    refused.add(id + ": version " + c.version() + ": the rule was deleted at version " + current.version
                            + "; publish it again with version " + (current.version + 1) + " or higher");
                    continue;
                }
            } else if (current != null) {
                if (c.version() < current.version) {
                    refused.add(id + ": version " + c.version() + " is older than version " + current.version
                            + " already published (versions only go up)");
                    continue;
                }
                if (c.version() == current.version) {
                    if (Objects.equals(c.text(), current.rule == null ? null : current.rule.text)) {
                        unchanged.add(id + ": version " + c.version() + " already published, unchanged"
                                + (current.paused() ? " (paused: rules resume " + id + " resumes it)" : ""));
                    } else {
                        refused.add(id + ": version " + c.version() + " is already published with another text; give the change version "
                                + (current.version + 1));
                    }
                    continue;
                }
                if (current.paused()) {
                    notes.add(id + ": version " + current.version + " is paused; version " + c.version() + " will be active");
                }
            }
            RuleSource source = new RuleSource(c.fileName(), c.text());
            source.ruleId = id;
            source.paused = false;
            RuleUpdate u = RuleUpdate.putRule(source).from(effectiveFrom);
            u.version = c.version();
            publish.add(u);
        }
        return new Outcome(List.copyOf(publish), List.copyOf(unchanged), List.copyOf(refused), List.copyOf(notes));
    }
}

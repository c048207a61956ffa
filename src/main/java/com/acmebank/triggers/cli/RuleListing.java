package com.acmebank.triggers.cli;

import com.acmebank.triggers.event.Origin;
import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.kafka.RuleTopics.Published;
import com.acmebank.triggers.kafka.RuleTopics.StatusRecord;
import com.acmebank.triggers.output.RuleStatus;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.ruleset.RuleUpdateJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What `rules list`, `rules history` and `lists show` print, from the records of the two topics (pure, so the
 * tests need no broker). The state shown is what the engine accepted, never what was only published.
 */
final class RuleListing {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One rule or list: what the engine last accepted (version 0 and state null if nothing yet) and a note, if any. */
    record Row(String type, String id, int version, String state, long effectiveFrom, String note) {}

    private RuleListing() {}

    /** {@code now}: the wall clock, to tell an accepted update that applies only from a later instant. */
    static List<Row> rows(Map<String, Published> latest, List<StatusRecord> statuses, String updatesTopic, long now) {
        Map<String, List<RuleStatus>> accepted = new LinkedHashMap<>();
        Map<String, RuleStatus> last = new LinkedHashMap<>();
        for (StatusRecord r : statuses) {
            RuleStatus s = r.status();
            if (s.id == null || s.type == null) {
                continue;
            }
            String key = RuleUpdateJson.key(s.type, s.id);
            last.put(key, s);
            if (s.accepted()) {
                accepted.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
            }
        }
        TreeSet<String> keys = new TreeSet<>(Comparator.comparing((String k) -> k.startsWith("list:")).thenComparing(k -> k));
        keys.addAll(latest.keySet());
        keys.addAll(last.keySet());
        Map<Origin, RuleStatus> answers = answers(statuses, updatesTopic);
        List<Row> rows = new ArrayList<>();
        for (String key : keys) {
            List<RuleStatus> all = accepted.getOrDefault(key, List.of());
            RuleStatus a = all.isEmpty() ? null : all.get(all.size() - 1);
            String type = key.startsWith("list:") ? RuleUpdateJson.LIST : RuleUpdateJson.RULE;
            String id = key.substring(key.indexOf(':') + 1);
            String note = String.join("; ", java.util.stream.Stream.of(future(all, now), note(latest.get(key), last.get(key), answers, updatesTopic))
                    .filter(n -> !n.isEmpty()).toList());
            rows.add(a == null ? new Row(type, id, 0, null, Long.MIN_VALUE, note) : new Row(type, id, a.version, a.state, a.effectiveFrom, note));
        }
        return rows;
    }

    /** When the last accepted update applies only from a later instant: what holds until then. */
    private static String future(List<RuleStatus> accepted, long now) {
        if (accepted.isEmpty() || accepted.get(accepted.size() - 1).effectiveFrom <= now) {
            return "";
        }
        RuleStatus a = accepted.get(accepted.size() - 1);
        for (int i = accepted.size() - 2; i >= 0; i--) {
            RuleStatus before = accepted.get(i);
            // repeats of the same answer (an unchanged update, a restarted engine) are not what came before
            if (before.version != a.version || !java.util.Objects.equals(before.state, a.state) || before.effectiveFrom != a.effectiveFrom) {
                return "until then: version " + before.version + " " + before.state;
            }
        }
        return "not in force until then";
    }

    /** PENDING when the latest published update has no answer yet; else the last answer if it was a rejection. */
    private static String note(Published published, RuleStatus last, Map<Origin, RuleStatus> answers, String updatesTopic) {
        if (published != null && answer(published, answers, updatesTopic) == null) {
            RuleUpdate u = published.update();
            String state = RuleUpdateJson.state(u);
            return "PENDING: published version " + u.version + (RuleUpdateJson.ACTIVE.equals(state) ? "" : " (" + state + ")")
                    + " not yet answered";
        }
        if (last != null && !last.accepted()) {
            return "last update REJECTED: " + (last.messages.isEmpty() ? "(no reason given)" : last.messages.get(0)
                    + (last.messages.size() > 1 ? " (+" + (last.messages.size() - 1) + " more: rules history " + last.id + ")" : ""));
        }
        return "";
    }

    /** The engine's last answer per update of {@code updatesTopic}, by where the update is. */
    static Map<Origin, RuleStatus> answers(List<StatusRecord> statuses, String updatesTopic) {
        Map<Origin, RuleStatus> answers = new HashMap<>();
        for (StatusRecord r : statuses) {
            Origin o = r.status().origin;
            if (o != null && updatesTopic.equals(o.topic)) {
                answers.put(o, r.status());
            }
        }
        return answers;
    }

    static RuleStatus answer(Published p, Map<Origin, RuleStatus> answers, String updatesTopic) {
        return answers.get(Origin.kafka(updatesTopic, p.partition(), p.offset()));
    }

    static List<String> table(List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"ID", "TYPE", "VERSION", "STATE", "EFFECTIVE FROM", "NOTE"});
        for (Row r : rows) {
            cells.add(new String[] {r.id(), r.type(), r.state() == null ? "-" : String.valueOf(r.version()), r.state() == null ? "-" : r.state(),
                    r.state() == null ? "-" : UpdatePublishing.instant(r.effectiveFrom()), r.note()});
        }
        return align(cells);
    }

    static String json(Row r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", r.type());
        o.put("id", r.id());
        if (r.state() != null) {
            o.put("version", r.version());
            o.put("state", r.state());
            if (r.effectiveFrom() != Long.MIN_VALUE) {
                o.put("effectiveFrom", Times.format(r.effectiveFrom()));
            }
        }
        if (!r.note().isEmpty()) {
            o.put("note", r.note());
        }
        return o.toString();
    }

    /** Every answer about {@code id} (rule or list) in order, then the latest update if still unanswered; empty if the id never appears. */
    static List<String> history(String id, Map<String, Published> latest, List<StatusRecord> statuses, String updatesTopic) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"TIME (UTC)", "TYPE", "VERSION", "STATE", "STATUS", "EFFECTIVE FROM"});
        List<List<String>> details = new ArrayList<>();
        details.add(List.of());
        for (StatusRecord r : statuses) {
            RuleStatus s = r.status();
            if (!id.equals(s.id)) {
                continue;
            }
            cells.add(new String[] {Times.format(r.timestamp()), s.type, String.valueOf(s.version), s.state == null ? "-" : s.state, s.status,
                    s.accepted() ? UpdatePublishing.instant(s.effectiveFrom) : "-"});
            List<String> lines = new ArrayList<>();
            s.messages.forEach(m -> lines.add("    " + m));
            s.warnings.forEach(w -> lines.add("    warning: " + w));
            details.add(lines);
        }
        List<String> out = new ArrayList<>();
        if (cells.size() > 1) {
            List<String> rows = align(cells);
            for (int i = 0; i < rows.size(); i++) {
                out.add(rows.get(i));
                out.addAll(details.get(i));
            }
        }
        Map<Origin, RuleStatus> answers = answers(statuses, updatesTopic);
        for (String key : List.of(RuleUpdateJson.key(RuleUpdateJson.RULE, id), RuleUpdateJson.key(RuleUpdateJson.LIST, id))) {
            Published p = latest.get(key);
            if (p != null && answer(p, answers, updatesTopic) == null) {
                out.add("PENDING: " + Times.format(p.timestamp()) + " published " + UpdatePublishing.describe(p.update()) + " (offset "
                        + p.offset() + "), not yet answered");
            }
        }
        return out;
    }

    /** Columns padded to their widest cell, two spaces apart; the last column is not padded. */
    private static List<String> align(List<String[]> cells) {
        int columns = cells.get(0).length;
        int[] width = new int[columns];
        for (String[] row : cells) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(c == columns - 1 ? row[c] : String.format("%-" + width[c] + "s  ", row[c]));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}

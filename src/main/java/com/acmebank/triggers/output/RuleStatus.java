package com.acmebank.triggers.output;

import com.acmebank.triggers.event.Origin;
import java.util.List;

/**
 * The engine's answer to one rule or list update (topic rule-status, file rule-status.jsonl): ACCEPTED with the
 * version, state and the event time it applies from, or REJECTED with every problem, as validate names them.
 */
public class RuleStatus {
    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";

    /** RULE or LIST. */
    public String type;
    /** The rule id or list name (null when not even that could be read). */
    public String id;
    public int version;
    /** RULE: ACTIVE, PAUSED or DELETED; LIST: ACTIVE. */
    public String state;
    public String status;
    /** The event time from which an accepted update applies ({@link Long#MIN_VALUE}: from the start). */
    public long effectiveFrom = Long.MIN_VALUE;
    /** REJECTED: why; ACCEPTED: empty, or "unchanged" for a repeat of what is in force. */
    public List<String> messages = List.of();
    /** Allowed but probably a mistake (a list no rule can find yet, a misspelt event type). */
    public List<String> warnings = List.of();
    /** Where the update came from: the topic, partition and offset, or the file. */
    public Origin origin;

    public RuleStatus() {}

    public boolean accepted() {
        return ACCEPTED.equals(status);
    }
}

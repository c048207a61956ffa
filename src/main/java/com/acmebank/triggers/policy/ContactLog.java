package com.acmebank.triggers.policy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The marketing contacts a customer received recently, for frequency caps and per-rule cooldowns. A POJO. */
public class ContactLog {
    /** Send times of contacts that count toward caps, ascending, kept for the longest cap window. */
    public long[] sends = new long[0];
    /** The rule of each send, in the same order (empty in logs written before per-rule caps: such sends count for no rule). */
    public String[] sendRules = new String[0];
    /** Per rule, the trigger time of the last firing that reached the customer, for per-rule cooldowns. */
    public Map<String, Long> lastByRule = new HashMap<>();

    public ContactLog() {}

    /** A contact sent at {@code sentAt} for a firing of the rule at {@code triggerTime}. */
    public void record(String ruleId, long sentAt, long triggerTime, boolean counted) {
        if (counted) {
            if (sendRules.length != sends.length) {
                sendRules = Arrays.copyOf(sendRules, sends.length); // a log from before per-rule caps: those sends name no rule
            }
            int at = sends.length;
            while (at > 0 && sends[at - 1] > sentAt) {
                at--;
            }
            long[] grown = new long[sends.length + 1];
            String[] rules = new String[sends.length + 1];
            System.arraycopy(sends, 0, grown, 0, at);
            System.arraycopy(sendRules, 0, rules, 0, at);
            grown[at] = sentAt;
            rules[at] = ruleId;
            System.arraycopy(sends, at, grown, at + 1, sends.length - at);
            System.arraycopy(sendRules, at, rules, at + 1, sends.length - at);
            sends = grown;
            sendRules = rules;
        }
        lastByRule.merge(ruleId, triggerTime, Math::max);
    }

    /** The rule of the i-th send, or null when the log predates per-rule caps. */
    public String ruleOf(int i) {
        return i < sendRules.length ? sendRules[i] : null;
    }

    /** Forgets what no rule or cap can look at any more; false when nothing is left. */
    public boolean prune(long now, long capWindow, long longestCooldown) {
        int keepFrom = 0;
        while (keepFrom < sends.length && sends[keepFrom] < now - capWindow) {
            keepFrom++;
        }
        if (keepFrom > 0) {
            sends = Arrays.copyOfRange(sends, keepFrom, sends.length);
            sendRules = sendRules.length >= keepFrom ? Arrays.copyOfRange(sendRules, keepFrom, sendRules.length) : new String[0];
        }
        lastByRule.values().removeIf(t -> t < now - longestCooldown);
        return sends.length > 0 || !lastByRule.isEmpty();
    }
}

package com.acmebank.triggers.policy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The marketing contacts a customer received recently, for frequency caps and per-rule cooldowns. A POJO. */
public class ContactLog {
    /** Send times of contacts that count toward caps, ascending, kept for the longest cap window. */
    public long[] sends = new long[0];
    /** Per rule, the trigger time of the last firing that reached the customer, for per-rule cooldowns. */
    public Map<String, Long> lastByRule = new HashMap<>();

    public ContactLog() {}

    /** A contact sent at {@code sentAt} for a firing of the rule at {@code triggerTime}. */
    public void record(String ruleId, long sentAt, long triggerTime, boolean counted) {
        if (counted) {
            long[] grown = Arrays.copyOf(sends, sends.length + 1);
            grown[sends.length] = sentAt;
            Arrays.sort(grown);
            sends = grown;
        }
        lastByRule.merge(ruleId, triggerTime, Math::max);
    }

    /** Forgets what no rule or cap can look at any more; false when nothing is left. */
    public boolean prune(long now, long capWindow, long longestCooldown) {
        int keepFrom = 0;
        while (keepFrom < sends.length && sends[keepFrom] < now - capWindow) {
            keepFrom++;
        }
        if (keepFrom > 0) {
            sends = Arrays.copyOfRange(sends, keepFrom, sends.length);
        }
        lastByRule.values().removeIf(t -> t < now - longestCooldown);
        return sends.length > 0 || !lastByRule.isEmpty();
    }
}

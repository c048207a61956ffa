package com.acmebank.triggers.testing;

import com.acmebank.triggers.rule.ReferenceListFiles;
import com.acmebank.triggers.rule.RuleFiles;
import com.acmebank.triggers.rule.RuleRejectedException;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The shipped scenario rules and reference lists, as broadcast updates for tests. */
public final class ShippedRules {
    private ShippedRules() {}

    public static RuleSource source(String ruleId) {
        try {
            return RuleFiles.shipped().sources().stream().filter(s -> s.fileName.startsWith(ruleId + ".")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no shipped rule " + ruleId));
        } catch (RuleRejectedException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RuleUpdate rule(String ruleId) {
        return RuleUpdate.putRule(source(ruleId));
    }

    public static List<RuleUpdate> lists() {
        List<RuleUpdate> updates = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : ReferenceListFiles.shipped().entrySet()) {
            updates.add(RuleUpdate.putList(e.getKey(), e.getValue()));
        }
        return updates;
    }
}

package com.acmebank.triggers.rule;

import com.acmebank.triggers.condition.Condition;
import com.acmebank.triggers.template.MessageTemplate;
import com.acmebank.triggers.template.Payload;
import java.util.List;
import java.util.Map;

/** One offer a rule makes when it fires: a channel, who gets it, the message variants, payload and expiry. */
public record Output(int index, String channel, Condition audience, List<Variant> variants, Payload payload, long expiresAfter) {
    public static final String RM_TASK = "RM_TASK";

    /** A message variant; the name is null when the rule has no A/B variants. Templates by language, first is the fallback. */
    public record Variant(String name, int weight, Map<String, MessageTemplate> templates) {
        public MessageTemplate template(String language) {
            if (language != null) {
                MessageTemplate exact = templates.get(language);
                if (exact != null) {
                    return exact;
                }
                String prefix = language.split("-")[0];
                for (Map.Entry<String, MessageTemplate> e : templates.entrySet()) {
                    if (e.getKey().split("-")[0].equalsIgnoreCase(prefix)) {
                        return e.getValue();
                    }
                }
            }
            return templates.values().iterator().next();
        }
    }

    public boolean internal() {
        return RM_TASK.equals(channel);
    }
}

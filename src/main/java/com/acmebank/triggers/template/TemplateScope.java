package com.acmebank.triggers.template;

import java.util.Map;
import java.util.Set;

/**
 * What a template of one rule may refer to, known when the rule is compiled: the event fields guaranteed on
 * the triggering event (null when the rule fires on a timer), the payload keys and the trigger's facts.
 */
public record TemplateScope(Set<String> guaranteedEventFields, Map<String, ValueKind> payloadKeys, Set<String> detailKeys) {
    public boolean firesOnEvent() {
        return guaranteedEventFields != null;
    }
}

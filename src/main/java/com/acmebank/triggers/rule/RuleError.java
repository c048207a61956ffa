package com.acmebank.triggers.rule;

/** One problem in one rule: which file, which rule, which field, what is wrong. */
public record RuleError(String file, String ruleId, String field, String problem) {
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (file != null) {
            s.append(file).append(": ");
        }
        s.append("rule ").append(ruleId == null ? "(no id)" : ruleId);
        if (field != null && !field.isEmpty()) {
            s.append(": ").append(field);
        }
        return s.append(": ").append(problem).toString();
    }
}

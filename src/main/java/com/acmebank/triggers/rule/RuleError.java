package com.acmebank.triggers.rule;

/** One problem in one rule: which file, which rule, which field, what is wrong. */
public record RuleError(String file, String ruleId, String field, String problem) {
    /** The problems found in one rule document, each naming its file, rule and field. */
    public static java.util.List<RuleError> of(String file, String ruleId, com.acmebank.triggers.spec.SpecNode.Problems problems) {
        return problems.all().stream().map(p -> new RuleError(file, ruleId, p.path(), p.message())).toList();
    }

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

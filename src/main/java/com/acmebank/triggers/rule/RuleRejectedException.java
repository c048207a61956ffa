package com.acmebank.triggers.rule;

import java.util.List;
import java.util.stream.Collectors;

/** A rule (or several) failed validation; the message lists every problem, one a line. */
public class RuleRejectedException extends Exception {
    private final List<RuleError> errors;

    public RuleRejectedException(List<RuleError> errors) {
        super(errors.stream().map(RuleError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<RuleError> errors() {
        return errors;
    }
}

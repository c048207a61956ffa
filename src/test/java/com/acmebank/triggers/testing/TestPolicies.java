package com.acmebank.triggers.testing;

import com.acmebank.triggers.policy.PolicyConfig;
import com.acmebank.triggers.policy.PolicyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/** The shipped contact policy, optionally without the holdout group (so scenario tests see every offer). */
public final class TestPolicies {
    private TestPolicies() {}

    public static PolicyConfig shipped() {
        try {
            return PolicyFiles.shipped();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PolicyConfig withoutHoldout() {
        PolicyConfig p = shipped();
        p.holdout.defaultPercent = BigDecimal.ZERO;
        return p;
    }
}

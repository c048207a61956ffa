package com.acmebank.triggers.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The intervals against published values. */
class ProportionsTest {
    @Test
    void wilsonScoreInterval() {
        // 10 of 100: 0.0552 to 0.1744 (Wilson 1927; as in Newcombe 1998, Table I)
        Proportions.Interval i = Proportions.wilson(10, 100);
        assertThat(i.low()).isCloseTo(0.0552, within(0.0001));
        assertThat(i.high()).isCloseTo(0.1744, within(0.0001));
        assertThat(Proportions.wilson(0, 20).low()).isEqualTo(0.0);
    }

    @Test
    void newcombeHybridScoreIntervalForADifference() {
        // Newcombe (1998), "Interval estimation for the difference between independent proportions", example (a):
        // 56/70 - 48/80 = 0.2000, method 10: 0.0524 to 0.3339
        Proportions.Interval d = Proportions.difference(56, 70, 48, 80);
        assertThat(d.low()).isCloseTo(0.0524, within(0.0001));
        assertThat(d.high()).isCloseTo(0.3339, within(0.0001));
    }

    @Test
    void katzLogIntervalForARatio() {
        // 10/100 against 5/100: ratio 2, se of ln = sqrt(1/10 - 1/100 + 1/5 - 1/100) = sqrt(0.28)
        Proportions.Interval r = Proportions.ratio(10, 100, 5, 100);
        double se = Math.sqrt(0.28);
        assertThat(r.low()).isCloseTo(2 * Math.exp(-1.959964 * se), within(1e-6));
        assertThat(r.high()).isCloseTo(2 * Math.exp(1.959964 * se), within(1e-6));
        assertThat(Double.isNaN(Proportions.ratio(0, 100, 5, 100).low())).isTrue();
    }
}

package com.acmebank.triggers.window;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlidingWindowTest {
    @Test
    void keepsEntriesFromTheCutoffOnward() {
        SlidingWindow w = new SlidingWindow();
        w.add(100, 5, 16);
        w.add(200, 7, 16);
        w.add(300, 11, 16);
        w.evictBefore(200);
        assertThat(w.totalCount).isEqualTo(2);
        assertThat(w.totalValue).isEqualTo(18);
        assertThat(w.oldest()).isEqualTo(200);
        assertThat(w.max()).isEqualTo(11);
        assertThat(w.min()).isEqualTo(7);
    }

    @Test
    void staysBoundedAndExactInTotalsWhenManyEventsArrive() {
        SlidingWindow w = new SlidingWindow();
        long total = 0;
        for (int i = 0; i < 10_000; i++) {
            w.add(i * 60_000L, i, 256);
            total += i;
        }
        assertThat(w.size).isLessThanOrEqualTo(256);
        assertThat(w.times.length).isLessThanOrEqualTo(257);
        assertThat(w.totalCount).isEqualTo(10_000);
        assertThat(w.totalValue).isEqualTo(total);
        assertThat(w.max()).isEqualTo(9_999);
    }

    @Test
    void evictingEverythingEmptiesIt() {
        SlidingWindow w = new SlidingWindow();
        w.add(1, 1, 4);
        w.evictBefore(2);
        assertThat(w.isEmpty()).isTrue();
        assertThat(w.totalCount).isZero();
        assertThat(w.totalValue).isZero();
    }
}

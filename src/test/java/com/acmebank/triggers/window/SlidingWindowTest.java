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

    @Test
    void aWholeTakeOutRemovesTheEntryEvenBesideAnotherAtTheSameTime() {
        SlidingWindow w = new SlidingWindow();
        w.add(100, 5, 16);
        w.add(200, 7, 16);
        w.add(200, 30, 16);
        assertThat(w.takeOut(200, 7, true)).isTrue();
        assertThat(w.size).isEqualTo(2);
        assertThat(w.totalCount).isEqualTo(2);
        assertThat(w.totalValue).isEqualTo(35);
        assertThat(w.max()).isEqualTo(30);
        assertThat(w.min()).isEqualTo(5);
    }

    @Test
    void aPartialTakeOutKeepsTheCountAndLowersTheValue() {
        SlidingWindow w = new SlidingWindow();
        w.add(100, 50, 16);
        assertThat(w.takeOut(100, 20, false)).isTrue();
        assertThat(w.totalCount).isEqualTo(1);
        assertThat(w.totalValue).isEqualTo(30);
        assertThat(w.max()).isEqualTo(30);
    }

    @Test
    void aTakeOutFromAMergedEntryLowersItsTotals() {
        SlidingWindow w = new SlidingWindow();
        w.add(100, 5, 2);
        w.add(110, 7, 2);
        w.add(500, 11, 2);
        // capacity 2: 100 and 110 were merged into one entry at 100
        assertThat(w.size).isEqualTo(2);
        assertThat(w.takeOut(110, 7, true)).isTrue();
        assertThat(w.totalCount).isEqualTo(2);
        assertThat(w.totalValue).isEqualTo(16);
        assertThat(w.counts[0]).isEqualTo(1);
    }

    @Test
    void aTakeOutOfSomethingAlreadyEvictedChangesNothing() {
        SlidingWindow w = new SlidingWindow();
        w.add(100, 5, 16);
        w.add(200, 7, 16);
        w.evictBefore(150);
        assertThat(w.takeOut(100, 5, true)).isFalse();
        assertThat(w.totalCount).isEqualTo(1);
        assertThat(w.totalValue).isEqualTo(7);
    }
}

package com.acmebank.triggers.window;

import java.util.Arrays;

/**
 * The contributions to a sliding time window, bounded in size: exact while the window holds at most
 * {@code capacity} entries; beyond that the two entries closest in time are merged and the merged entry
 * leaves the window with its older member (so the oldest contributions may leave early by up to that gap,
 * erring toward not firing), so a customer with 10,000 events in 90 days keeps a few kilobytes, not 10,000
 * entries. Entries arrive in time order (the engine sorts by event time).
 * Public primitive arrays, a Flink POJO (written by the rule state's explicit serializer).
 */
public class SlidingWindow {
    public long[] times = new long[4];
    public long[] values = new long[4];
    public int[] counts = new int[4];
    /** Largest single value per entry (for max); equals values for unmerged entries. */
    public long[] maxima = new long[4];
    public long[] minima = new long[4];
    /** Per entry, how many of its contributions were marked (for a ratio measure); null until one is. */
    public int[] marks;
    public int size;
    public long totalCount;
    public long totalValue;
    public long totalMarked;

    public SlidingWindow() {}

    /** Drops entries older than the cutoff (entries at exactly the cutoff stay: windows include their start). */
    public void evictBefore(long cutoff) {
        int drop = 0;
        while (drop < size && times[drop] < cutoff) {
            totalCount -= counts[drop];
            totalValue -= values[drop];
            if (marks != null) {
                totalMarked -= marks[drop];
            }
            drop++;
        }
        if (drop > 0) {
            int keep = size - drop;
            System.arraycopy(times, drop, times, 0, keep);
            System.arraycopy(values, drop, values, 0, keep);
            System.arraycopy(counts, drop, counts, 0, keep);
            System.arraycopy(maxima, drop, maxima, 0, keep);
            System.arraycopy(minima, drop, minima, 0, keep);
            if (marks != null) {
                System.arraycopy(marks, drop, marks, 0, keep);
            }
            size = keep;
        }
    }

    public void add(long time, long value, int capacity) {
        add(time, value, false, capacity);
    }

    /** {@code marked}: the contribution counts toward a ratio measure's numerator. */
    public void add(long time, long value, boolean marked, int capacity) {
        if (marked && marks == null) {
            marks = new int[times.length];
        }
        if (size == times.length) {
            int grown = Math.min(Math.max(4, size * 2), capacity + 1);
            if (grown > size) {
                times = Arrays.copyOf(times, grown);
                values = Arrays.copyOf(values, grown);
                counts = Arrays.copyOf(counts, grown);
                maxima = Arrays.copyOf(maxima, grown);
                minima = Arrays.copyOf(minima, grown);
                if (marks != null) {
                    marks = Arrays.copyOf(marks, grown);
                }
            }
        }
        if (size == times.length) {
            mergeClosestPair();
        }
        times[size] = time;
        values[size] = value;
        counts[size] = 1;
        maxima[size] = value;
        minima[size] = value;
        if (marks != null) {
            marks[size] = marked ? 1 : 0;
            totalMarked += marked ? 1 : 0;
        }
        size++;
        totalCount++;
        totalValue += value;
        if (size > capacity) {
            mergeClosestPair();
        }
    }

    private void mergeClosestPair() {
        int best = 0;
        long bestGap = Long.MAX_VALUE;
        for (int i = 0; i + 1 < size; i++) {
            long gap = times[i + 1] - times[i];
            if (gap < bestGap) {
                bestGap = gap;
                best = i;
            }
        }
        int j = best + 1;
        values[best] += values[j];
        counts[best] += counts[j];
        maxima[best] = Math.max(maxima[best], maxima[j]);
        minima[best] = Math.min(minima[best], minima[j]);
        if (marks != null) {
            marks[best] += marks[j];
            System.arraycopy(marks, j + 1, marks, j, size - j - 1);
        }
        int tail = size - j - 1;
        System.arraycopy(times, j + 1, times, j, tail);
        System.arraycopy(values, j + 1, values, j, tail);
        System.arraycopy(counts, j + 1, counts, j, tail);
        System.arraycopy(maxima, j + 1, maxima, j, tail);
        System.arraycopy(minima, j + 1, minima, j, tail);
        size--;
    }

    /**
     * Takes {@code value} of a contribution at {@code time} out again (a reversed payment), and the contribution
     * from the count when {@code whole}: from its own entry, or from the merged entry that holds it (whose max and
     * min then stay as they were). False when no entry holds that time any more.
     */
    public boolean takeOut(long time, long value, boolean whole) {
        int at = -1;
        for (int i = size - 1; i >= 0 && times[i] >= time; i--) {
            if (times[i] == time && counts[i] == 1 && (!whole || values[i] == value)) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            for (int i = size - 1; i >= 0; i--) {
                if (times[i] <= time) {
                    at = i;
                    break;
                }
            }
        }
        if (at < 0) {
            return false;
        }
        values[at] -= value;
        totalValue -= value;
        if (counts[at] == 1) {
            maxima[at] = values[at];
            minima[at] = values[at];
        }
        if (whole) {
            counts[at]--;
            totalCount--;
            if (marks != null && marks[at] > counts[at]) {
                // a whole reversal of a marked contribution (merged entries cannot tell which; err toward fewer)
                marks[at]--;
                totalMarked--;
            }
            if (counts[at] == 0) {
                int tail = size - at - 1;
                if (marks != null) {
                    System.arraycopy(marks, at + 1, marks, at, tail);
                }
                System.arraycopy(times, at + 1, times, at, tail);
                System.arraycopy(values, at + 1, values, at, tail);
                System.arraycopy(counts, at + 1, counts, at, tail);
                System.arraycopy(maxima, at + 1, maxima, at, tail);
                System.arraycopy(minima, at + 1, minima, at, tail);
                size--;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long max() {
        long m = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            m = Math.max(m, maxima[i]);
        }
        return m;
    }

    public long min() {
        long m = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            m = Math.min(m, minima[i]);
        }
        return m;
    }

    public long oldest() {
        return size == 0 ? Long.MIN_VALUE : times[0];
    }
}

package com.acmebank.triggers.generator;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The event lines of one pass over the simulated period, produced lazily day by day: generates a day for every
 * customer and the market, releases the events that no later day can precede, in event-time order, and mixes in
 * the deliberate disorder, upstream retries and malformed lines. Only about one day of events is held at a time.
 */
final class EventStream implements Iterator<String> {
    /** Share of events moved earlier in the output when disorder is on. */
    private static final double DISORDER_SHARE = 0.05;
    /** Share of events whose eventTime is written as epoch milliseconds rather than ISO-8601. */
    private static final double EPOCH_SHARE = 0.05;
    /** A retried event reappears within this much event time of the original (1 to 20 seconds later). */
    private static final long RETRY_WITHIN_MILLIS = 20_000;
    private static final JsonLines.Defect[] DEFECTS = JsonLines.Defect.values();
    private static final Comparator<GeneratedEvent> OUTPUT_ORDER =
            Comparator.<GeneratedEvent>comparingLong(e -> e.key).thenComparingLong(e -> e.seq);

    private static final char[] BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private record Retry(long due, long order, String line) {}

    private final Settings settings;
    private final CustomerPersona[] personas;
    private final Account[] accounts;
    private final CustomerDay customerDay;
    private final MarketDay market;
    private final JsonLines json = new JsonLines();
    private final long emissionSeed;
    private final Map<String, Long> counts = new LinkedHashMap<>();

    /** Generated but not yet released: can still be preceded by events of the next day. */
    private ArrayList<GeneratedEvent> held = new ArrayList<>();
    private ArrayList<GeneratedEvent> ready = new ArrayList<>();
    private int readyPosition;
    private int nextDay;
    private boolean generationDone;
    private long sequence;
    private long badIds;
    private long retryOrder;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final PriorityQueue<Retry> retries = new PriorityQueue<>(
            Comparator.comparingLong(Retry::due).thenComparingLong(Retry::order));

    EventStream(Settings settings, CustomerPersona[] personas) {
        this.settings = settings;
        this.personas = personas;
        this.accounts = new Account[personas.length];
        for (int i = 0; i < personas.length; i++) {
            accounts[i] = new Account(personas[i]);
        }
        this.customerDay = new CustomerDay(settings);
        this.market = new MarketDay(settings);
        this.emissionSeed = Rng.mix(settings.seed() ^ Rng.mix(Rng.EMISSION));
        for (String type : GeneratedEvent.TYPES) {
            counts.put(type, 0L);
        }
        counts.put("malformed", 0L);
        counts.put("duplicate", 0L);
    }

    @Override
    public boolean hasNext() {
        fill();
        return !lines.isEmpty();
    }

    @Override
    public String next() {
        fill();
        String line = lines.poll();
        if (line == null) {
            throw new NoSuchElementException();
        }
        return line;
    }

    /** Lines so far per event type (types that occurred, in contract order), plus "malformed" and "duplicate". */
    Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((type, n) -> {
            if (n > 0 || type.equals("malformed") || type.equals("duplicate")) {
                out.put(type, n);
            }
        });
        return out;
    }

    private void fill() {
        while (lines.isEmpty()) {
            if (readyPosition >= ready.size() && !generationDone) {
                generateNextDay();
                continue;
            }
            GeneratedEvent next = readyPosition < ready.size() ? ready.get(readyPosition) : null;
            if (!retries.isEmpty() && (next == null || retries.peek().due() <= next.key)) {
                retry();
            } else if (next != null) {
                emit(next);
                ready.set(readyPosition++, null);
            } else {
                return;
            }
        }
    }

    private void retry() {
        lines.add(retries.poll().line());
        counts.merge("duplicate", 1L, Long::sum);
    }

    private void emit(GeneratedEvent e) {
        // draws tied to the event, not to its place in the output: the rates and the disorder change only the
        // defects around an event, never the event itself
        double form = unit(e.seq, 1);
        double bad = unit(e.seq, 2);
        double again = unit(e.seq, 3);
        String line = json.event(e, id('E', e.seq + 1), form < EPOCH_SHARE);
        lines.add(line);
        counts.merge(e.type, 1L, Long::sum);
        if (bad < settings.malformedRate()) {
            JsonLines.Defect defect = DEFECTS[Math.min(DEFECTS.length - 1, (int) (bad / settings.malformedRate() * DEFECTS.length))];
            lines.add(json.malformed(e, id('B', ++badIds), defect, Rng.mix(e.seq)));
            counts.merge("malformed", 1L, Long::sum);
        }
        if (again < settings.duplicateRate()) {
            long delay = 1_000 + (long) (again / settings.duplicateRate() * (RETRY_WITHIN_MILLIS - 1_000));
            retries.add(new Retry(e.time + delay, retryOrder++, line));
        }
    }

    /** A uniform draw in [0, 1) fixed by the seed, the event and the purpose. */
    private double unit(long seq, long purpose) {
        return (Rng.mix(emissionSeed ^ Rng.mix(seq * 4 + purpose)) >>> 11) * 0x1.0p-53;
    }

    private void generateNextDay() {
        int day = nextDay++;
        int first = held.size();
        if (day == 0) {
            List<GeneratedEvent> history = new ArrayList<>();
            for (CustomerPersona p : personas) {
                for (GeneratedEvent e : p.history) {
                    history.add(e.copy());
                }
            }
            history.sort(Comparator.comparingLong(e -> e.time));
            held.addAll(history);
        }
        LocalDate date = settings.start().plusDays(day);
        DayFrame[] frames = new DayFrame[Catalog.ZONES.length];
        for (int z = 0; z < frames.length; z++) {
            frames[z] = new DayFrame(date, Catalog.ZONES[z]);
        }
        for (int i = 0; i < personas.length; i++) {
            customerDay.generate(personas[i], accounts[i], day, frames[personas[i].zoneIndex], held);
        }
        market.generate(day, held);

        long disorder = settings.disorderMillis();
        SplittableRandom shifts = Rng.of(settings.seed(), Rng.DISORDER, day);
        for (int k = first; k < held.size(); k++) {
            GeneratedEvent e = held.get(k);
            e.seq = sequence++;
            double u = shifts.nextDouble();
            e.key = disorder > 0 && u < DISORDER_SHARE ? e.time - 1 - (long) (u / DISORDER_SHARE * disorder) : e.time;
        }
        boolean last = !settings.endless() && nextDay >= settings.days();
        long cutoff = last ? Long.MAX_VALUE : earliestStart(date.plusDays(1)) - disorder;
        sortForOutput(held);
        int split = 0;
        while (split < held.size() && held.get(split).key < cutoff) {
            split++;
        }
        ready = new ArrayList<>(held.subList(0, split));
        held = new ArrayList<>(held.subList(split, held.size()));
        readyPosition = 0;
        generationDone = last;
    }

    /**
     * Sorts by output key, ties in list order (which is sequence order: carried events come first, sorted, then the
     * new day's in generation order). Packs key and index into one long when they fit, which sorts several times
     * faster than comparing objects; falls back to the comparator otherwise.
     */
    private static void sortForOutput(ArrayList<GeneratedEvent> events) {
        int n = events.size();
        if (n < 2) {
            return;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (GeneratedEvent e : events) {
            min = Math.min(min, e.key);
            max = Math.max(max, e.key);
        }
        int indexBits = 64 - Long.numberOfLeadingZeros(n);
        if (max - min < 0 || 64 - Long.numberOfLeadingZeros(max - min) + indexBits > 62) {
            events.sort(OUTPUT_ORDER);
            return;
        }
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = (events.get(i).key - min) << indexBits | i;
        }
        java.util.Arrays.sort(packed);
        GeneratedEvent[] sorted = new GeneratedEvent[n];
        long mask = (1L << indexBits) - 1;
        for (int i = 0; i < n; i++) {
            sorted[i] = events.get((int) (packed[i] & mask));
        }
        for (int i = 0; i < n; i++) {
            events.set(i, sorted[i]);
        }
    }

    /** When the given date begins in the earliest of the customers' time zones: nothing of that date comes sooner. */
    private static long earliestStart(LocalDate date) {
        long earliest = Long.MAX_VALUE;
        for (ZoneId zone : Catalog.ZONES) {
            earliest = Math.min(earliest, date.atStartOfDay(zone).toInstant().toEpochMilli());
        }
        return earliest;
    }

    /** E0000001-style ids: a prefix and a base-36 counter, zero-padded to eight digits. */
    static String id(char prefix, long n) {
        char[] out = new char[9];
        out[0] = prefix;
        for (int i = 8; i >= 1; i--) {
            out[i] = BASE36[(int) (n % 36)];
            n /= 36;
        }
        if (n > 0) {
            return prefix + Long.toString(n, 36).toUpperCase(java.util.Locale.ROOT) + new String(out, 1, 8);
        }
        return new String(out);
    }
}

package com.acmebank.triggers.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.EventParser;
import com.acmebank.triggers.event.Parsed;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.profile.ProfileParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficGeneratorTest {
    private static final LocalDate START = LocalDate.of(2026, 11, 1);
    private static final long DAY = 86_400_000L;
    private static final Pattern MONEY = Pattern.compile("\"(amount|balance)\":(-?[0-9.eE+]+)");

    /** One clean month of 2,000 customers, read once: what most tests look at. */
    private static Month month;

    @BeforeAll
    static void generateAMonth() {
        month = Month.read(new TrafficGenerator(Settings.of(2_000, START, 30, 42)));
    }

    @Test
    void sameSeedGivesIdenticalTraffic() {
        Settings settings = new Settings(300, START, 10, 7, 0.01, 0.01, 30_000);

        String first = digest(new TrafficGenerator(settings).events());
        String second = digest(new TrafficGenerator(settings).events());
        String otherSeed = digest(new TrafficGenerator(new Settings(300, START, 10, 8, 0.01, 0.01, 30_000)).events());

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(new TrafficGenerator(settings).profiles()).isEqualTo(new TrafficGenerator(settings).profiles());
    }

    @Test
    void everyEventAndProfileLineParses() {
        assertThat(month.rejected).isEmpty();
        ProfileParser parser = new ProfileParser();
        List<String> profiles = new TrafficGenerator(Settings.of(2_000, START, 30, 42)).profiles();
        assertThat(profiles).allSatisfy(line -> assertThat(parser.parse(line).isOk()).as(line).isTrue());
    }

    @Test
    void eventsAreInEventTimeOrderWithoutDisorder() {
        assertThat(month.outOfOrder).as("first line out of order").isNull();
    }

    @Test
    void allTwelveContractEventTypesAppearInAMonth() {
        assertThat(month.types.keySet()).containsExactlyInAnyOrder(GeneratedEvent.TYPES);
        assertThat(month.types.get("CARD_PAYMENT")).isGreaterThan(month.types.get("BALANCE_SNAPSHOT"));
    }

    @Test
    void everyCustomerInTheEventsHasAProfileExceptAFewDeliberatelyMissing() {
        Set<String> profiled = new HashSet<>();
        ProfileParser parser = new ProfileParser();
        for (String line : new TrafficGenerator(Settings.of(2_000, START, 30, 42)).profiles()) {
            profiled.add(parser.parse(line).value().customerId);
        }
        Set<String> missing = new HashSet<>(month.customers);
        missing.removeAll(profiled);

        assertThat(month.customers).allMatch(id -> id.matches("C\\d{7}") && Integer.parseInt(id.substring(1)) <= 2_000);
        assertThat(missing).isNotEmpty();
        assertThat(missing.size()).isLessThanOrEqualTo(month.customers.size() / 100);   // about 0.5%
    }

    @Test
    void eventIdsAreUniqueWithoutRetries() {
        assertThat(month.repeatedIds).isZero();
    }

    @Test
    void moneyIsWrittenAsNumbersWithTwoDecimals() {
        assertThat(month.badMoney).as("amounts or balances not in 0.00 form").isEmpty();
        assertThat(month.moneyFields).isGreaterThan(month.lines / 2);
    }

    @Test
    void eventTimesComeInBothContractForms() {
        assertThat(month.epochTimes).isBetween(month.lines / 40, month.lines / 10);       // about 5%
        assertThat(month.isoOffsets).contains("+08:00").hasSizeGreaterThan(1);
    }

    @Test
    void thresholdEdgeCasesArePlanted() {
        assertThat(month.partnerAmounts).contains(new BigDecimal("200.00"), new BigDecimal("199.99"));
        assertThat(month.salaries).contains(new BigDecimal("3000.00"));
        assertThat(month.salaries.stream().filter(s -> s.compareTo(new BigDecimal("3000")) < 0)).isNotEmpty();
        assertThat(month.marketMoves).contains(new BigDecimal("-5.0"), new BigDecimal("-6.2"), new BigDecimal("-8.0"),
                new BigDecimal("-4.9"));
        assertThat(month.balances).contains(new BigDecimal("50000.00"));
        assertThat(month.historyEvents).as("dormant customers' last transactions, 150-200 days before the start").isPositive();
        assertThat(month.foreignPayments).isPositive();
    }

    @Test
    void malformedRateProducesLinesTheParserRejects() {
        TrafficGenerator generator = new TrafficGenerator(new Settings(400, START, 5, 42, 0.02, 0, 0));
        EventParser parser = new EventParser();
        Map<String, Integer> reasons = new TreeMap<>();
        int rejected = 0;
        int lines = 0;
        for (Iterator<String> it = generator.events(); it.hasNext(); ) {
            Parsed<Event> parsed = parser.parse(it.next());
            lines++;
            if (!parsed.isOk()) {
                rejected++;
                String reason = parsed.error();
                reasons.merge(reason.startsWith("not valid JSON") ? "json" : reason.substring(0, reason.indexOf(':')), 1, Integer::sum);
            }
        }

        assertThat(rejected).isBetween(lines / 100, lines / 25);
        assertThat(reasons.keySet()).containsExactlyInAnyOrder("json", "eventId", "amount", "eventTime");
    }

    @Test
    void duplicateRateRepeatsEarlierEventsUnchangedWithinSeconds() {
        TrafficGenerator generator = new TrafficGenerator(new Settings(400, START, 5, 42, 0, 0.01, 0));
        EventParser parser = new EventParser();
        Map<String, String> firstLine = new HashMap<>();
        int repeats = 0;
        int lines = 0;
        long latest = Long.MIN_VALUE;
        for (Iterator<String> it = generator.events(); it.hasNext(); lines++) {
            String line = it.next();
            Event e = parser.parse(line).value();
            if (firstLine.containsKey(e.eventId)) {
                repeats++;
                assertThat(line).isEqualTo(firstLine.get(e.eventId));
                assertThat(latest - e.eventTime).as("retried within 20 s of event time").isLessThanOrEqualTo(20_000);
            } else {
                firstLine.put(e.eventId, line);
            }
            latest = Math.max(latest, e.eventTime);
        }

        assertThat(repeats).isBetween(lines / 200, lines / 50);
    }

    @Test
    void disorderMovesSomeEventsEarlierByAtMostTheBoundWithoutChangingTheTraffic() {
        long bound = 30_000;
        List<String> disordered = lines(new TrafficGenerator(new Settings(400, START, 5, 42, 0, 0, bound)).events());
        List<String> ordered = lines(new TrafficGenerator(new Settings(400, START, 5, 42, 0, 0, 0)).events());

        EventParser parser = new EventParser();
        long latest = Long.MIN_VALUE + bound;
        int behind = 0;
        for (String line : disordered) {
            long time = parser.parse(line).value().eventTime;
            assertThat(time).as(line).isGreaterThanOrEqualTo(latest - bound);
            if (time < latest) {
                behind++;
            }
            latest = Math.max(latest, time);
        }
        assertThat(behind).isPositive();
        assertThat(disordered).isNotEqualTo(ordered);
        assertThat(disordered.stream().sorted().toList()).isEqualTo(ordered.stream().sorted().toList());
    }

    @Test
    void endlessGeneratorKeepsProducingPastDayForty() {
        Iterator<String> events = new TrafficGenerator(Settings.of(30, START, 0, 42)).events();
        long dayForty = START.plusDays(40).atStartOfDay().toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
        EventParser parser = new EventParser();
        long latest = Long.MIN_VALUE;
        int read = 0;
        while (latest < dayForty + DAY && read < 200_000) {
            assertThat(events.hasNext()).isTrue();
            latest = Math.max(latest, parser.parse(events.next()).value().eventTime);
            read++;
        }
        assertThat(latest).isGreaterThanOrEqualTo(dayForty + DAY);
    }

    @Test
    void writeReturnsCountsThatMatchTheFiles(@TempDir Path dir) throws IOException {
        TrafficGenerator generator = new TrafficGenerator(new Settings(200, START, 7, 42, 0.01, 0.01, 0));
        Path events = dir.resolve("out/events.jsonl");
        Path profiles = dir.resolve("out/profiles.jsonl");

        Map<String, Long> counts = generator.write(events, profiles);

        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        List<String> written = Files.readAllLines(events, StandardCharsets.UTF_8);
        assertThat(written).hasSize((int) total).isEqualTo(lines(generator.events()));
        assertThat(counts).containsKeys("CARD_PAYMENT", "BALANCE_SNAPSHOT", "malformed", "duplicate");
        assertThat(counts.get("malformed")).isPositive();
        assertThat(counts.get("duplicate")).isPositive();
        assertThat(Files.readAllLines(profiles, StandardCharsets.UTF_8)).isEqualTo(generator.profiles());
    }

    @Test
    void anEndlessGeneratorCannotBeWrittenToAFile(@TempDir Path dir) {
        TrafficGenerator endless = new TrafficGenerator(Settings.of(10, START, 0, 42));
        assertThatThrownBy(() -> endless.write(dir.resolve("e.jsonl"), dir.resolve("p.jsonl")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void profilesFollowThePopulationMix() {
        ProfileParser parser = new ProfileParser();
        List<Profile> profiles = new ArrayList<>();
        new TrafficGenerator(Settings.of(2_000, START, 30, 42)).profiles().forEach(line -> profiles.add(parser.parse(line).value()));
        long startMillis = START.atStartOfDay().toInstant(ZoneOffset.ofHours(8)).toEpochMilli();

        assertThat(profiles.get(0).customerId).isEqualTo("C0000001");
        assertThat(share(profiles, p -> "MASS".equals(p.tier))).isBetween(0.65, 0.75);
        assertThat(share(profiles, p -> "DIAMOND".equals(p.tier))).isBetween(0.015, 0.045);
        assertThat(share(profiles, p -> "Asia/Shanghai".equals(p.timezone))).isBetween(0.92, 0.98);
        assertThat(share(profiles, p -> p.inSegment("STUDENT"))).isBetween(0.05, 0.11);
        assertThat(share(profiles, p -> p.consents("PUSH"))).isBetween(0.80, 0.90);
        assertThat(share(profiles, p -> !p.consents("PUSH") && !p.consents("SMS") && !p.consents("EMAIL"))).isBetween(0.01, 0.06);
        assertThat(profiles).extracting(p -> p.updatedAt).allMatch(t -> t < startMillis);
        assertThat(profiles).extracting(p -> p.segments.size()).allMatch(n -> n <= 2);
        assertThat(profiles).extracting(p -> p.name).allMatch(name -> name.matches("[A-Z][a-z]+ [A-Z][a-z]+"));
    }

    @Test
    void heavySkewMakesMostCustomersQuietAndAFewVeryActiveAtAboutTheSameVolume() {
        long[] mild = paymentsPerCustomer(Settings.of(1_000, START, 20, 42));
        long[] heavy = paymentsPerCustomer(new Settings(1_000, START, 20, 42, 0, 0, 0, Settings.HEAVY_SKEW));

        // the busiest tenth pays about a quarter of the payments at the default spread, more than half at the heavy one
        assertThat(topTenthShare(mild)).isBetween(0.18, 0.32);
        assertThat(topTenthShare(heavy)).isGreaterThan(0.48);
        assertThat(heavy[heavy.length / 2]).isLessThan(mild[mild.length / 2] / 2);
        assertThat(heavy[heavy.length - 1]).isGreaterThan(4 * mild[mild.length - 1]);
        // the same mean: the spread moves payments between customers, it does not add traffic
        assertThat((double) java.util.Arrays.stream(heavy).sum()).isCloseTo(java.util.Arrays.stream(mild).sum(),
                org.assertj.core.data.Percentage.withPercentage(20));
    }

    @Test
    void settingsRejectNonsense() {
        assertThatThrownBy(() -> new Settings(0, START, 30, 1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Settings(10, START, 30, 1, 1.5, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Settings(10, START, 30, 1, 0, -0.1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Settings(10, START, 30, 1, 0, 0, -5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Settings(10, START, 30, 1, 0, 0, 0, -0.5)).hasMessageContaining("skew");
        assertThatThrownBy(() -> new Settings(10, START, 30, 1, 0, 0, 0, 2.5)).hasMessageContaining("skew must be between 0 and 2");
    }

    private static double share(List<Profile> profiles, java.util.function.Predicate<Profile> test) {
        return profiles.stream().filter(test).count() / (double) profiles.size();
    }

    /** Card payments per paying customer, ascending. */
    private static long[] paymentsPerCustomer(Settings settings) {
        Map<String, Long> counts = new HashMap<>();
        Pattern customer = Pattern.compile("\"customerId\":\"([A-Z0-9]+)\"");
        new TrafficGenerator(settings).events().forEachRemaining(line -> {
            Matcher m = customer.matcher(line);
            if (line.contains("\"type\":\"CARD_PAYMENT\"") && m.find()) {
                counts.merge(m.group(1), 1L, Long::sum);
            }
        });
        return counts.values().stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static double topTenthShare(long[] ascending) {
        long all = java.util.Arrays.stream(ascending).sum();
        long top = java.util.Arrays.stream(ascending, ascending.length - ascending.length / 10, ascending.length).sum();
        return top / (double) all;
    }

    private static List<String> lines(Iterator<String> events) {
        List<String> lines = new ArrayList<>();
        events.forEachRemaining(lines::add);
        return lines;
    }

    private static String digest(Iterator<String> lines) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            lines.forEachRemaining(line -> {
                sha.update(line.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            });
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What one pass over a generated month showed. */
    private static final class Month {
        long lines;
        final Map<String, Long> types = new TreeMap<>();
        final Set<String> customers = new HashSet<>();
        final List<String> rejected = new ArrayList<>();
        String outOfOrder;
        long repeatedIds;
        final List<String> badMoney = new ArrayList<>();
        long moneyFields;
        long epochTimes;
        final Set<String> isoOffsets = new HashSet<>();
        final Set<BigDecimal> partnerAmounts = new HashSet<>();
        final Set<BigDecimal> salaries = new HashSet<>();
        final Set<BigDecimal> marketMoves = new HashSet<>();
        final Set<BigDecimal> balances = new HashSet<>();
        long historyEvents;
        long foreignPayments;

        static Month read(TrafficGenerator generator) {
            Month m = new Month();
            EventParser parser = new EventParser();
            Set<String> ids = new HashSet<>();
            long startMillis = START.atStartOfDay().toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
            long latest = Long.MIN_VALUE;
            for (Iterator<String> it = generator.events(); it.hasNext(); ) {
                String line = it.next();
                m.lines++;
                Parsed<Event> parsed = parser.parse(line);
                if (!parsed.isOk()) {
                    m.rejected.add(parsed.error() + ": " + line);
                    continue;
                }
                Event e = parsed.value();
                m.types.merge(e.type, 1L, Long::sum);
                if (e.customerId != null) {
                    m.customers.add(e.customerId);
                }
                if (e.eventTime < latest && m.outOfOrder == null) {
                    m.outOfOrder = line;
                }
                latest = Math.max(latest, e.eventTime);
                if (!ids.add(e.eventId)) {
                    m.repeatedIds++;
                }
                Matcher money = MONEY.matcher(line);
                while (money.find()) {
                    m.moneyFields++;
                    if (!money.group(2).matches("\\d+\\.\\d{2}")) {
                        m.badMoney.add(line);
                    }
                }
                Matcher time = Pattern.compile("\"eventTime\":(\"[^\"]*\"|\\d+)").matcher(line);
                if (time.find()) {
                    String t = time.group(1);
                    if (t.startsWith("\"")) {
                        m.isoOffsets.add(t.length() > 21 ? t.substring(20, t.length() - 1) : t);
                    } else {
                        m.epochTimes++;
                    }
                }
                switch (e.type) {
                    case "CARD_PAYMENT" -> {
                        if (e.merchantId != null && e.merchantId.startsWith("M-PARTNER-")) {
                            m.partnerAmounts.add(e.amount);
                        }
                        if (!"CN".equals(e.country)) {
                            m.foreignPayments++;
                        }
                    }
                    case "SALARY_CREDIT" -> m.salaries.add(e.amount);
                    case "MARKET_MOVE" -> m.marketMoves.add(e.changePct);
                    case "BALANCE_SNAPSHOT" -> m.balances.add(e.balance);
                    default -> { }
                }
                if (e.eventTime < startMillis - 149 * DAY && e.eventTime > startMillis - 201 * DAY) {
                    m.historyEvents++;
                }
            }
            return m;
        }
    }
}

package com.acmebank.triggers.peers;

import com.acmebank.triggers.event.Event;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/**
 * S1, S6, S10 and S12 as a Flink SQL team would write them: one table of events with an event-time attribute and a
 * watermark of the engine's out-of-orderness bound, S1 as a filter, S6, S10 and S12 as OVER aggregations partitioned by
 * customer (RANGE INTERVAL ... PRECEDING, which includes rows exactly the interval old, as the engine's windows do),
 * all four in one job. As in the engine's rules, S6 fires on the row that makes its sum reach 5,000 when it did not
 * just before it ("just before" is the row's own aggregate minus the row), and S10 and S12 on every row after which
 * their bounds hold (their rules say {@code fires: whileHolding}).
 *
 * <p>What SQL does not do as the engine does (none of it occurs in generated traffic without reversals, but it
 * would in production): rows of one customer at the same millisecond share one aggregate (Flink's OVER emits all
 * peers of a timestamp with the aggregate after all of them; the engine takes them one by one in eventId order, so
 * for S6 the first that crosses fires, and for S10 and S12 only the rows after which its running total holds); a PAYMENT_REVERSAL does not take a payment out of a window; the window is not capped
 * at 256 entries; an eventId repeated by an upstream retry counts twice. The peers do no dedup, no contact policy, no
 * repeat limits and no arbitration: every firing is counted, as the engine writes a decision for each (COOLDOWN and
 * ARBITRATION included).
 */
final class SqlPeer {
    static final List<String> RULES = List.of("S1", "S6", "S10", "S12");

    private SqlPeer() {}

    static void build(StreamExecutionEnvironment env, PeerSettings s) throws IOException {
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        // DATE_FORMAT renders TIMESTAMP_LTZ in the session zone: UTC, converted per customer below
        tables.getConfig().set("table.local-time-zone", "UTC");
        Map<String, String> zones = PeerInput.zones(s.profiles());
        DataStream<Row> rows = PeerInput.events(env, s.events()).flatMap(new ToRow(zones), ROW).name("To rows").setParallelism(1);
        if (s.outOfOrdernessMillis() % 1000 != 0) {
            throw new IllegalArgumentException("the SQL peer's watermark takes whole seconds");
        }
        Table events = tables.fromDataStream(rows, Schema.newBuilder()
                .column("customerId", DataTypes.STRING())
                .column("type", DataTypes.STRING())
                .column("amount", DataTypes.DECIMAL(18, 4))
                .column("merchantId", DataTypes.STRING())
                .column("country", DataTypes.STRING())
                .column("cardType", DataTypes.STRING())
                .column("zone", DataTypes.STRING())
                .column("ts", DataTypes.TIMESTAMP_LTZ(3))
                .watermark("ts", "ts - " + interval(s.outOfOrdernessMillis()))
                .build());
        tables.createTemporaryView("events", events);
        Table firings = tables.sqlQuery(String.join("\nUNION ALL\n", s1(s), s6(s), s10(s), s12(s)));
        tables.toDataStream(firings).map(r -> (String) r.getField(0), Types.STRING).name("Rule")
                .process(new FiringCounter(RULES)).name("Count firings")
                .sinkTo(new DiscardingSink<>()).name("Discard");
    }

    /** One card payment of 200.00 or more at a merchant on the partner list (a literal IN list: it is read at start, as the engine reads it). */
    static String s1(PeerSettings s) {
        String partners = s.lists().getOrDefault("partner-merchants", List.of()).stream()
                .map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "));
        return """
                SELECT CAST('S1' AS STRING) AS rule FROM events
                WHERE type = 'CARD_PAYMENT' AND amount >= 200.00 AND merchantId IN (%s)%s"""
                .formatted(partners.isEmpty() ? "NULL" : partners, goLive(s, "AND"));
    }

    /**
     * Credit-card payments in the customer's local calendar month reaching 5,000: the month is the local date's
     * yyyy-MM in the customer's zone, a partition key of an unbounded OVER (its state is one accumulator per
     * customer and month; no state TTL, which in Flink is processing time and so no use in a replay).
     */
    static String s6(PeerSettings s) {
        return """
                SELECT CAST('S6' AS STRING) AS rule FROM (
                  SELECT ts, amount, SUM(amount) OVER (PARTITION BY customerId, localMonth ORDER BY ts
                      RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS monthSum
                  FROM (SELECT customerId, ts, amount,
                          SUBSTRING(CONVERT_TZ(DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm:ss'), 'UTC', zone), 1, 7) AS localMonth
                        FROM events WHERE type = 'CARD_PAYMENT' AND cardType = 'CREDIT'))
                WHERE monthSum >= 5000 AND monthSum - amount < 5000%s"""
                .formatted(goLive(s, "AND"));
    }

    /** 3 or more card payments outside CN within 30 days (inclusive) summing 20,000 or more. */
    static String s10(PeerSettings s) {
        return whileHolding("S10", "type = 'CARD_PAYMENT' AND country <> 'CN'", 30, 3, "20000", s);
    }

    /** 5 or more card payments within 7 days (inclusive) summing 3,000 or more. */
    static String s12(PeerSettings s) {
        return whileHolding("S12", "type = 'CARD_PAYMENT'", 7, 5, "3000", s);
    }

    /** A count and sum over a sliding window, firing on every row after which both hold. */
    private static String whileHolding(String rule, String where, int days, int count, String sum, PeerSettings s) {
        return """
                SELECT CAST('%1$s' AS STRING) AS rule FROM (
                  SELECT ts, amount, COUNT(*) OVER w AS n, SUM(amount) OVER w AS total
                  FROM events WHERE %2$s
                  WINDOW w AS (PARTITION BY customerId ORDER BY ts RANGE BETWEEN INTERVAL '%3$d' DAY PRECEDING AND CURRENT ROW))
                WHERE n >= %4$d AND total >= %5$s%6$s"""
                .formatted(rule, where, days, count, sum, goLive(s, "AND"));
    }

    /** A bound as a SQL interval literal, e.g. INTERVAL '0 00:01:00' DAY TO SECOND for 60 s. */
    static String interval(long millis) {
        long sec = millis / 1000;
        return "INTERVAL '%d %02d:%02d:%02d' DAY TO SECOND".formatted(sec / 86_400, sec / 3600 % 24, sec / 60 % 60, sec % 60);
    }

    private static String goLive(PeerSettings s, String glue) {
        return s.goLive() == Long.MIN_VALUE ? "" : " " + glue + " ts >= TO_TIMESTAMP_LTZ(" + s.goLive() + ", 3)";
    }

    private static final String[] NAMES = {"customerId", "type", "amount", "merchantId", "country", "cardType", "zone", "ts"};
    private static final TypeInformation<Row> ROW = Types.ROW_NAMED(NAMES, Types.STRING, Types.STRING, Types.BIG_DEC, Types.STRING,
            Types.STRING, Types.STRING, Types.STRING, Types.INSTANT);

    /** An event as a row of what the conditions read, with the customer's zone; events of no customer are left out. */
    static final class ToRow implements FlatMapFunction<Event, Row> {
        private static final long serialVersionUID = 1L;
        private final Map<String, String> zones;

        ToRow(Map<String, String> zones) {
            this.zones = new java.util.HashMap<>(zones);
        }

        @Override
        public void flatMap(Event e, Collector<Row> out) {
            if (e.customerId == null) {
                return;
            }
            out.collect(Row.of(e.customerId, e.type, e.amount, e.merchantId, e.country, e.cardType,
                    zones.getOrDefault(e.customerId, PeerInput.DEFAULT_ZONE), java.time.Instant.ofEpochMilli(e.eventTime)));
        }
    }
}

package com.acmebank.triggers.peers;

import com.acmebank.triggers.event.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * S3 (an account opened, then the first salary within 30 days) as a Flink CEP pattern on event time, keyed by
 * customer: {@code begin(opened).followedBy(salary).within(30 days + 1 ms)}.
 *
 * <ul>
 *   <li>followedBy (skip till next match) takes the first salary after the opening, as the engine's sequence does;
 *       a salary after the window finds the partial match already timed out, so it ends the sequence without
 *       firing, as in the engine.</li>
 *   <li>within: CEP times a partial match out when {@code now - start >= window}; the engine's "within 30 days"
 *       includes exactly 30 days, hence the extra millisecond (timestamps are milliseconds).</li>
 *   <li>skip past last event: a second opening while a sequence runs starts a partial match of its own; the
 *       salary completes both, and only one is emitted, as the engine, which restarts the sequence from the newer
 *       opening, fires once.</li>
 * </ul>
 * Two variants: only the two event types reach CEP (filtered before keyBy), or every customer event does (CEP
 * buffers each one in keyed state until the watermark passes it). Events of one customer at the same millisecond
 * reach the NFA in arrival order (the engine orders them by eventId); no repeat limit ("once ever": the engine
 * writes a COOLDOWN decision for a second firing, so both count it).
 */
final class CepPeer {
    static final List<String> RULES = List.of("S3");
    static final long WITHIN = Duration.ofDays(30).toMillis();

    private CepPeer() {}

    /** A customer event as the pattern needs it. A Flink POJO. */
    public static class Move {
        public String customerId;
        public String type;
        public long eventTime;

        public Move() {}
    }

    static void build(StreamExecutionEnvironment env, PeerSettings s, boolean filtered) {
        // watermarks at the source, from every event, so event time moves as in the engine whatever reaches CEP
        DataStream<Move> moves = PeerInput.events(env, s.events())
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofMillis(s.outOfOrdernessMillis()))
                        .withTimestampAssigner((e, t) -> e.eventTime)).name("Event time").setParallelism(1)
                .flatMap(new ToMove(filtered), TypeInformation.of(Move.class)).name(filtered ? "Openings and salaries" : "Customer events")
                .setParallelism(1);
        Pattern<Move, ?> pattern = Pattern.<Move>begin("opened", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(m -> "ACCOUNT_OPENED".equals(m.type)))
                .followedBy("salary")
                .where(SimpleCondition.of(m -> "SALARY_CREDIT".equals(m.type)))
                .within(Duration.ofMillis(WITHIN + 1));
        CEP.pattern(moves.keyBy(m -> m.customerId), pattern).inEventTime()
                .process(new Matches(s.goLive()), TypeInformation.of(String.class)).name("S3 pattern")
                .process(new FiringCounter(RULES)).name("Count firings")
                .sinkTo(new DiscardingSink<>()).name("Discard");
    }

    /** Customer events (a MARKET_MOVE names none and cannot be keyed), or only openings and salaries. */
    static final class ToMove implements FlatMapFunction<Event, Move> {
        private static final long serialVersionUID = 1L;
        private final boolean filtered;

        ToMove(boolean filtered) {
            this.filtered = filtered;
        }

        @Override
        public void flatMap(Event e, Collector<Move> out) {
            if (e.customerId == null || (filtered && !"ACCOUNT_OPENED".equals(e.type) && !"SALARY_CREDIT".equals(e.type))) {
                return;
            }
            Move m = new Move();
            m.customerId = e.customerId;
            m.type = e.type;
            m.eventTime = e.eventTime;
            out.collect(m);
        }
    }

    /** A match counts when its salary is at or after the go-live instant (the opening may be history). */
    static final class Matches extends PatternProcessFunction<Move, String> {
        private static final long serialVersionUID = 1L;
        private final long goLive;

        Matches(long goLive) {
            this.goLive = goLive;
        }

        @Override
        public void processMatch(Map<String, List<Move>> match, Context ctx, Collector<String> out) {
            if (match.get("salary").get(0).eventTime >= goLive) {
                out.collect("S3");
            }
        }
    }
}

package com.acmebank.triggers.flink;

import com.acmebank.triggers.rule.RuleBook;
import java.util.Set;
import com.acmebank.triggers.event.Event;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Right after the watermarks are assigned: an event at or before the watermark is late and goes, whole, to
 * the late-events output. Others continue to their customer; purchases and redemptions also feed the holdings
 * index, and a market move (or any event that names no customer) goes only there, to every shard of its product.
 */
public class EventGate extends ProcessFunction<Event, Event> {
    private static final long serialVersionUID = 1L;
    private final int shards;
    /** Recorded input: the bound of the exact event time kept here; live input: negative, Flink's watermark is exact. */
    private final long recordedBound;
    /** Recorded input with fixed rules: the event types a customer's rules react to (null: all go on). */
    private final Set<String> wantedTypes;
    private transient RecordedTime recorded;

    /** Live input: judged against the watermark made at the source. */
    public EventGate(int shards) {
        this(shards, -1, null);
    }

    private EventGate(int shards, long recordedBound, Set<String> wantedTypes) {
        this.shards = shards;
        this.recordedBound = recordedBound;
        this.wantedTypes = wantedTypes == null ? null : Set.copyOf(wantedTypes);
    }

    /**
     * Recorded input: judged against the exact watermark of the records seen so far, the same one the generator
     * computes ({@link OrderedWatermarks} emits it in coarser steps).
     */
    public static EventGate recorded(int shards, long outOfOrdernessMillis) {
        return new EventGate(shards, outOfOrdernessMillis, null);
    }

    /**
     * Recorded input whose rules cannot change while it runs (replay, demo): an event no customer rule reacts to
     * is not sent to the customers at all (the holdings index still gets purchases and redemptions). Outputs are
     * the same as without the filter: the customer operator would keep nothing of it.
     */
    public static EventGate recorded(int shards, long outOfOrdernessMillis, RuleBook fixedRules) {
        return new EventGate(shards, outOfOrdernessMillis, fixedRules.eventTypesInUse());
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Event> out) {
        long watermark;
        if (recordedBound >= 0) {
            if (recorded == null) {
                recorded = new RecordedTime(recordedBound);
            }
            // the generator saw this record after emitting it: its watermark is that of the records before
            watermark = recorded.watermark();
            recorded.observe(e.eventTime);
        } else {
            watermark = ctx.timerService().currentWatermark();
        }
        if (e.eventTime <= watermark) {
            ctx.output(OutputTags.LATE_EVENTS, CustomerTriggerFunction.late(e, watermark));
            return;
        }
        if (!Event.PAYMENT_REVERSAL.equals(e.type)) {
            // a reversal keeps its text and source: the customer operator may have to reject it (unknown payment)
            e.raw = null;
            e.origin = null;
        }
        if (e.customerId == null || Event.MARKET_MOVE.equals(e.type)) {
            // a market move concerns the holders of its product, never one customer (a customerId on it is ignored)
            if (e.productId != null) {
                for (int s = 0; s < shards; s++) {
                    ctx.output(OutputTags.HOLDINGS, new HoldingsInput(HoldingsInput.shardOf(e.productId, s), e));
                }
            }
            return;
        }
        if (wantedTypes == null || wantedTypes.contains(e.type)) {
            out.collect(e);
        }
        if (e.productId != null && (HoldingsFanOutFunction.PURCHASE.equals(e.type) || HoldingsFanOutFunction.REDEMPTION.equals(e.type))) {
            ctx.output(OutputTags.HOLDINGS, new HoldingsInput(HoldingsInput.shardOf(e.productId, HoldingsInput.shardFor(e.customerId, shards)), e));
        }
    }
}

package com.acmebank.triggers.flink;

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

    public EventGate(int shards) {
        this.shards = shards;
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Event> out) {
        long watermark = ctx.timerService().currentWatermark();
        if (e.eventTime <= watermark) {
            ctx.output(OutputTags.LATE_EVENTS, CustomerTriggerFunction.late(e, watermark));
            return;
        }
        e.raw = null;
        e.origin = null;
        if (e.customerId == null || Event.MARKET_MOVE.equals(e.type)) {
            // a market move concerns the holders of its product, never one customer (a customerId on it is ignored)
            if (e.productId != null) {
                for (int s = 0; s < shards; s++) {
                    ctx.output(OutputTags.HOLDINGS, new HoldingsInput(HoldingsInput.shardOf(e.productId, s), e));
                }
            }
            return;
        }
        out.collect(e);
        if (e.productId != null && (HoldingsFanOutFunction.PURCHASE.equals(e.type) || HoldingsFanOutFunction.REDEMPTION.equals(e.type))) {
            ctx.output(OutputTags.HOLDINGS, new HoldingsInput(HoldingsInput.shardOf(e.productId, HoldingsInput.shardFor(e.customerId, shards)), e));
        }
    }
}

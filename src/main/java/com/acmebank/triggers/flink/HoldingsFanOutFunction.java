package com.acmebank.triggers.flink;

import com.acmebank.triggers.condition.Facts;
import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.engine.EventInbox;
import com.acmebank.triggers.engine.MapSlot;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.Money;
import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleUpdate;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The holdings index, keyed by product shard: keeps who holds the product (PRODUCT_PURCHASE minus
 * PRODUCT_REDEMPTION, per customer) and turns an event that names no customer (MARKET_MOVE) into one copy per
 * current holder, which then reaches that customer's keyed state like any other event. A product's holders
 * are spread over shards so one popular product does not load one task. Works in event-time order, through the
 * same {@link EventInbox} as the customer operator.
 */
public class HoldingsFanOutFunction extends KeyedBroadcastProcessFunction<String, HoldingsInput, RuleUpdate, Event> {
    private static final long serialVersionUID = 1L;
    public static final String PURCHASE = "PRODUCT_PURCHASE";
    public static final String REDEMPTION = "PRODUCT_REDEMPTION";

    private final EngineConfig config;
    private transient LiveRules liveRules;
    private transient MapSlot<Long, List<Event>> inbox;
    private transient MapSlot<String, Long> seen;
    private transient MapState<String, Long> holdings;
    private transient ValueState<Long> housekeepingAt;
    private transient Facts facts;
    private transient Counter delivered;

    public HoldingsFanOutFunction(EngineConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        liveRules = new LiveRules();
        inbox = FlinkSlots.map(getRuntimeContext().getMapState(StateDescriptors.buffer()));
        seen = FlinkSlots.map(getRuntimeContext().getMapState(StateDescriptors.seenEventIds()));
        holdings = getRuntimeContext().getMapState(StateDescriptors.holdings());
        housekeepingAt = getRuntimeContext().getState(StateDescriptors.housekeepingAt());
        facts = new Facts();
        delivered = getRuntimeContext().getMetricGroup().counter("fanOutDeliveries");
    }

    @Override
    public void processElement(HoldingsInput in, ReadOnlyContext ctx, Collector<Event> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (in.event.eventTime <= watermark) {
            // purchases also reach the customer operator, which reports them; an event for no customer is reported here
            if (in.event.customerId == null || Event.MARKET_MOVE.equals(in.event.type)) {
                ctx.output(OutputTags.LATE_EVENTS, CustomerTriggerFunction.late(in.event, watermark));
            }
            return;
        }
        if (EventInbox.accept(in.event, inbox, seen)) {
            ctx.timerService().registerEventTimeTimer(in.event.eventTime);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Event> out) throws Exception {
        List<Event> events = EventInbox.take(time, inbox);
        if (events != null) {
            RuleBook book = liveRules.at(time, CustomerTriggerFunction.states(ctx));
            for (Event e : events) {
                apply(e, book, out);
            }
            if (housekeepingAt.value() == null) {
                housekeepingAt.update(time + config.housekeepingIntervalMillis);
                ctx.timerService().registerEventTimeTimer(time + config.housekeepingIntervalMillis);
            }
        }
        Long sweep = housekeepingAt.value();
        if (sweep != null && sweep == time) {
            if (EventInbox.forgetBefore(time - config.dedupRetentionMillis, seen)) {
                housekeepingAt.update(time + config.housekeepingIntervalMillis);
                ctx.timerService().registerEventTimeTimer(time + config.housekeepingIntervalMillis);
            } else {
                housekeepingAt.clear();
            }
        }
    }

    private void apply(Event e, RuleBook book, Collector<Event> out) throws Exception {
        if (PURCHASE.equals(e.type) || REDEMPTION.equals(e.type)) {
            long units = e.amount == null ? 0 : Money.toUnits(e.amount);
            Long held = holdings.get(e.customerId);
            long now = (held == null ? 0 : held) + (PURCHASE.equals(e.type) ? units : -units);
            if (now > 0) {
                holdings.put(e.customerId, now);
            } else {
                holdings.remove(e.customerId);
            }
            return;
        }
        // no customer yet: local-time conditions of a fan-out rule are judged here in the default zone
        facts.set(e, null, book.lists()).at(e.eventTime, Facts.DEFAULT_ZONE);
        boolean wanted = false;
        for (CompiledRule rule : book.fanOutRules(e.type)) {
            wanted |= rule.fanOut().eventFilter().test(facts);
        }
        if (!wanted) {
            return;
        }
        for (Map.Entry<String, Long> holder : holdings.entries()) {
            if (holder.getValue() > 0) {
                out.collect(e.copyFor(holder.getKey()));
                delivered.inc();
            }
        }
    }

    @Override
    public void processBroadcastElement(RuleUpdate update, Context ctx, Collector<Event> out) throws Exception {
        liveRules.apply(update, ctx.currentWatermark(), ctx.getBroadcastState(StateDescriptors.RULES),
                ctx.getBroadcastState(StateDescriptors.REFERENCE_LISTS), ctx.getBroadcastState(StateDescriptors.PENDING_RULE_UPDATES));
    }
}

package com.acmebank.triggers.flink;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.engine.CustomerTimeline;
import com.acmebank.triggers.engine.TimelineOutput;
import com.acmebank.triggers.engine.TimelineState;
import com.acmebank.triggers.engine.WakeUps;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.output.Conversion;
import com.acmebank.triggers.output.DeadLetter;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.LateEvent;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.output.RecordJson;
import com.acmebank.triggers.rule.RuleUpdate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The keyed operator of the engine: binds a customer's {@link CustomerTimeline} to keyed state, turns the
 * instants the timeline asks for into event-time timers, and emits what it decides. Rules arrive as a broadcast
 * stream and are compiled once per change. Main output: offers; side outputs: decisions, late events, rejected
 * rules.
 */
public class CustomerTriggerFunction extends KeyedBroadcastProcessFunction<String, CustomerInput, RuleUpdate, Offer>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private final EngineConfig config;

    /** The go-live instant in force: the configured one on a fresh start, the first start's after a restore. */
    private transient long goLive;
    private transient ListState<Long> goLiveState;

    private transient CustomerTimeline timeline;
    private transient LiveRules liveRules;
    private transient TimelineState state;
    private transient Timers timers;
    private transient Emitter emitter;
    private transient Counter duplicates;
    private transient Counter lateEvents;
    private transient Counter conversions;
    private transient Map<String, Counter> outcomes;
    private transient DurableCounters counters;

    /** Rules published while the job runs may arrive after events they apply to: then every event is kept. */
    private final boolean rulesChangeLive;

    public CustomerTriggerFunction(EngineConfig config) {
        this(config, false);
    }

    public CustomerTriggerFunction(EngineConfig config, boolean rulesChangeLive) {
        this.config = config;
        this.rulesChangeLive = rulesChangeLive;
    }

    /**
     * The go-live instant is kept in the checkpoints, so a restored job judges what arrived while it was down like
     * any other event, instead of treating it as history. (A checkpoint written before the go-live instant was kept
     * restores with the configured one, the moment of this start.)
     */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        goLiveState = context.getOperatorStateStore().getUnionListState(StateDescriptors.goLive());
        counters = new DurableCounters();
        counters.initialize(context);
        goLive = config.goLive;
        if (context.isRestored()) {
            for (Long first : goLiveState.get()) {
                // every subtask kept the same instant
                goLive = first;
            }
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        goLiveState.update(List.of(goLive));
        counters.snapshot();
    }

    @Override
    public void open(OpenContext openContext) {
        timeline = new CustomerTimeline(config, goLive);
        timeline.keepEveryEvent(rulesChangeLive);
        liveRules = new LiveRules();
        state = new FlinkTimelineState(getRuntimeContext());
        timers = new Timers();
        emitter = new Emitter();
        counters.open(getRuntimeContext().getMetricGroup());
        duplicates = counters.operator("duplicateEvents");
        lateEvents = counters.operator("lateEvents");
        conversions = counters.operator("conversions");
        outcomes = new HashMap<>();
    }

    @Override
    public void processElement(CustomerInput in, ReadOnlyContext ctx, Collector<Offer> out) throws Exception {
        LiveRules.States rules = states(ctx);
        timers.service = ctx.timerService();
        long watermark = ctx.timerService().currentWatermark();
        if (in.profile != null) {
            timeline.accept(in.profile, watermark, state, timers);
            return;
        }
        // the event is judged at its own time, by the rules in force then
        timeline.rules(liveRules.at(in.event.eventTime, rules));
        switch (timeline.accept(in.event, watermark, state, timers)) {
            case LATE -> {
                lateEvents.inc();
                ctx.output(OutputTags.LATE_EVENTS, late(in.event, watermark));
            }
            case DUPLICATE -> duplicates.inc();
            default -> { }
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Offer> out) throws Exception {
        timeline.rules(liveRules.at(time, states(ctx)));
        timers.service = ctx.timerService();
        emitter.bind(ctx, out);
        timeline.advance(time, ctx.getCurrentKey(), state, emitter, timers);
        emitter.unbind();
    }

    /** Rules arrive judged by the rule registry: only accepted updates reach this operator. */
    @Override
    public void processBroadcastElement(RuleUpdate update, Context ctx, Collector<Offer> out) throws Exception {
        liveRules.apply(update, ctx.currentWatermark(), ctx.getBroadcastState(StateDescriptors.RULES),
                ctx.getBroadcastState(StateDescriptors.REFERENCE_LISTS), ctx.getBroadcastState(StateDescriptors.PENDING_RULE_UPDATES));
    }

    static LiveRules.States states(KeyedBroadcastProcessFunction<?, ?, ?, ?>.ReadOnlyContext ctx) {
        return new LiveRules.States(ctx.getBroadcastState(StateDescriptors.RULES), ctx.getBroadcastState(StateDescriptors.REFERENCE_LISTS),
                ctx.getBroadcastState(StateDescriptors.PENDING_RULE_UPDATES));
    }

    /** The per-rule counter {@code name} (SENT, SUPPRESSED_NO_CONSENT, CONVERTED, ...), or an operator counter without rule. */
    long counted(String ruleId, String name) {
        return counters.count(ruleId, name);
    }

    static LateEvent late(Event event, long watermark) {
        LateEvent l = new LateEvent();
        l.raw = event.raw != null ? event.raw : RecordJson.event(event);
        l.eventId = event.eventId;
        l.customerId = event.customerId;
        l.eventTime = event.eventTime;
        l.watermark = watermark;
        l.origin = event.origin;
        return l;
    }

    /** The instants the timeline asks for, as event-time timers of the current key. */
    private static final class Timers implements WakeUps {
        private TimerService service;

        @Override
        public void at(long time) {
            service.registerEventTimeTimer(time);
        }

        @Override
        public void cancel(long time) {
            service.deleteEventTimeTimer(time);
        }
    }

    /** Offers to the main output, decisions to their side output, each decision counted per rule and outcome. */
    private final class Emitter implements TimelineOutput {
        private OnTimerContext ctx;
        private Collector<Offer> out;

        void bind(OnTimerContext ctx, Collector<Offer> out) {
            this.ctx = ctx;
            this.out = out;
        }

        void unbind() {
            this.ctx = null;
            this.out = null;
        }

        @Override
        public void offer(Offer offer) {
            out.collect(offer);
        }

        @Override
        public void decision(Decision d) {
            String key = d.ruleId + "/" + d.outcome + (d.reason == null ? "" : "/" + d.reason);
            outcomes.computeIfAbsent(key, k -> counters.rule(d.ruleId, d.reason == null ? d.outcome : d.outcome + "_" + d.reason)).inc();
            ctx.output(OutputTags.DECISIONS, d);
        }

        @Override
        public void conversion(Conversion c) {
            conversions.inc();
            String key = c.ruleId + "/CONVERTED/" + c.outcome;
            outcomes.computeIfAbsent(key, k -> counters.rule(c.ruleId, "HELD_OUT".equals(c.outcome) ? "CONVERTED_HELD_OUT" : "CONVERTED")).inc();
            ctx.output(OutputTags.CONVERSIONS, c);
        }

        @Override
        public void deadLetter(DeadLetter d) {
            ctx.output(OutputTags.DEAD_LETTERS, d);
        }
    }
}

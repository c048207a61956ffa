package com.acmebank.triggers.flink;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.engine.CustomerEngine;
import com.acmebank.triggers.engine.CustomerStore;
import com.acmebank.triggers.engine.DeferredOffer;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.output.DeadLetter;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.LateEvent;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.output.RecordJson;
import com.acmebank.triggers.policy.ContactLog;
import com.acmebank.triggers.policy.ContactPolicy;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.trigger.TriggerState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The keyed operator of the engine: per customer, holds the profile, the buffered events and every rule's
 * state, and calls the plain-Java {@link CustomerEngine} in event-time order. Timers at an instant run in this
 * order: profile changes, events, deferred releases and rule deadlines, housekeeping. Rules arrive as a
 * broadcast stream. Main output: offers; side outputs: decisions, late events, rejected rules.
 */
public class CustomerTriggerFunction extends KeyedBroadcastProcessFunction<String, CustomerInput, RuleUpdate, Offer>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private final EngineConfig config;

    /** The go-live instant in force: the configured one on a fresh start, the first start's after a restore. */
    private transient long goLive;
    private transient ListState<Long> goLiveState;

    private transient CustomerEngine engine;
    private transient LiveRules liveRules;
    private transient TimeOrderedInput input;
    private transient ValueState<Profile> profile;
    private transient MapState<Long, Profile> pendingProfiles;
    private transient ValueState<CustomerClock> clock;
    private transient MapState<String, TriggerState> triggers;
    private transient MapState<String, Long> lastFired;
    private transient ValueState<ContactLog> contactLog;
    private transient MapState<String, DeferredOffer> deferred;
    private transient MapState<Long, Integer> wakeUps;
    private transient Store store;
    private transient Counter duplicates;
    private transient Counter lateEvents;
    private transient Map<String, Counter> outcomes;

    public CustomerTriggerFunction(EngineConfig config) {
        this.config = config;
    }

    /**
     * The go-live instant is kept in the checkpoints, so a restored job judges what arrived while it was down like
     * any other event, instead of treating it as history. (A checkpoint written before the go-live instant was kept
     * restores with the configured one, the moment of this start.)
     */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        goLiveState = context.getOperatorStateStore().getUnionListState(StateDescriptors.goLive());
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
    }

    @Override
    public void open(OpenContext openContext) {
        engine = new CustomerEngine(new ContactPolicy(config.policy), config.windowCapacity, goLive);
        liveRules = new LiveRules();
        input = new TimeOrderedInput(getRuntimeContext());
        profile = getRuntimeContext().getState(StateDescriptors.profile());
        pendingProfiles = getRuntimeContext().getMapState(StateDescriptors.pendingProfiles());
        clock = getRuntimeContext().getState(StateDescriptors.customerClock());
        triggers = getRuntimeContext().getMapState(StateDescriptors.triggers());
        lastFired = getRuntimeContext().getMapState(StateDescriptors.lastFired());
        contactLog = getRuntimeContext().getState(StateDescriptors.contactLog());
        deferred = getRuntimeContext().getMapState(StateDescriptors.deferred());
        wakeUps = getRuntimeContext().getMapState(StateDescriptors.wakeUps());
        store = new Store();
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
        lateEvents = getRuntimeContext().getMetricGroup().counter("lateEvents");
        outcomes = new HashMap<>();
    }

    @Override
    public void processElement(CustomerInput in, ReadOnlyContext ctx, Collector<Offer> out) throws Exception {
        useRules(ctx);
        TimerService timers = ctx.timerService();
        if (in.profile != null) {
            onProfile(in.profile, timers);
            return;
        }
        Event event = in.event;
        long watermark = timers.currentWatermark();
        if (event.eventTime <= watermark) {
            lateEvents.inc();
            ctx.output(OutputTags.LATE_EVENTS, late(event, watermark));
            return;
        }
        if (!input.accept(event, timers)) {
            duplicates.inc();
        }
    }

    /**
     * A profile applies from its updatedAt. The first one known applies at once (nothing older is known), and
     * a version newer than the events being processed waits for event time to reach its updatedAt, so a
     * consent withdrawn at 02:00 suppresses an offer released at 08:00 but not one sent the evening before.
     */
    private void onProfile(Profile p, TimerService timers) throws Exception {
        long watermark = timers.currentWatermark();
        Profile current = profile.value();
        if (p.deleted) {
            // the customer is deleted: what the engine knew of them goes at once (windows, sequences, repeat limits,
            // contact history). Events already buffered and offers already deferred are still decided, and end
            // SUPPRESSED/NO_CONSENT, so the audit trail stays whole.
            profile.clear();
            pendingProfiles.clear();
            triggers.clear();
            lastFired.clear();
            contactLog.clear();
            CustomerClock c = clock();
            c.pendingProfiles = 0;
            clock.update(c);
            activateAt(Math.max(goLive, watermark + 1), timers);
            return;
        }
        if (current == null) {
            profile.update(p);
            activateAt(Math.max(goLive, watermark + 1), timers);
        } else if (p.updatedAt == Profile.NO_TIME) {
            // no updatedAt: the newest word on the customer, in force from now on
            profile.update(p);
            activateAt(Math.max(goLive, watermark + 1), timers);
        } else if (p.updatedAt <= watermark) {
            if (p.updatedAt >= current.updatedAt) {
                profile.update(p);
                activateAt(watermark + 1, timers);
            }
        } else if (current.updatedAt > watermark && p.updatedAt < current.updatedAt) {
            // the current one was taken early as a baseline; the older one arriving now is the true baseline
            profile.update(p);
            pend(current, timers);
        } else if (p.updatedAt >= current.updatedAt) {
            pend(p, timers);
        }
    }

    private void pend(Profile p, TimerService timers) throws Exception {
        if (!pendingProfiles.contains(p.updatedAt)) {
            CustomerClock c = clock();
            c.pendingProfiles++;
            clock.update(c);
        }
        pendingProfiles.put(p.updatedAt, p);
        timers.registerEventTimeTimer(p.updatedAt);
    }

    private CustomerClock clock() throws Exception {
        CustomerClock c = clock.value();
        return c == null ? new CustomerClock() : c;
    }

    private void activateAt(long time, TimerService timers) throws Exception {
        CustomerClock c = clock();
        c.profileActivation = time;
        clock.update(c);
        timers.registerEventTimeTimer(time);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Offer> out) throws Exception {
        useRules(ctx);
        store.bind(ctx, out);
        TimerService timers = ctx.timerService();
        CustomerClock c = clock.value();
        boolean clockChanged = false;
        if (c != null && c.pendingProfiles > 0) {
            Profile newer = pendingProfiles.get(time);
            if (newer != null) {
                pendingProfiles.remove(time);
                c.pendingProfiles--;
                clockChanged = true;
                Profile current = profile.value();
                if (current == null || newer.updatedAt >= current.updatedAt) {
                    profile.update(newer);
                    // a version dated before the start of simulated time must not schedule anything before it
                    engine.onProfileActivated(Math.max(time, goLive), store);
                }
            }
        }
        if (c != null && c.profileActivation == time) {
            c.profileActivation = CustomerClock.NONE;
            clockChanged = true;
            engine.onProfileActivated(time, store);
        }
        List<Event> events = input.take(time);
        if (events != null) {
            for (Event e : events) {
                engine.onEvent(e, store);
            }
        }
        boolean withinSimulation = time <= config.simulationEnd;
        boolean woke = withinSimulation && wakeUps.contains(time);
        if (woke) {
            wakeUps.remove(time);
            engine.onTime(time, store);
        }
        if (c == null) {
            c = new CustomerClock();
        }
        if (c.housekeepingAt == time && withinSimulation) {
            boolean more = engine.housekeep(time, store);
            more |= input.forgetBefore(time - config.dedupRetentionMillis);
            c.housekeepingAt = more ? time + config.housekeepingIntervalMillis : CustomerClock.NONE;
            if (more) {
                timers.registerEventTimeTimer(c.housekeepingAt);
            }
            clockChanged = true;
        } else if (c.housekeepingAt == CustomerClock.NONE && (events != null || woke)) {
            c.housekeepingAt = time + config.housekeepingIntervalMillis;
            timers.registerEventTimeTimer(c.housekeepingAt);
            clockChanged = true;
        }
        if (clockChanged) {
            if (c.profileActivation == CustomerClock.NONE && c.housekeepingAt == CustomerClock.NONE && c.pendingProfiles == 0) {
                clock.clear();
            } else {
                clock.update(c);
            }
        }
        store.unbind();
    }

    @Override
    public void processBroadcastElement(RuleUpdate update, Context ctx, Collector<Offer> out) throws Exception {
        String rejected = liveRules.apply(update, ctx.getBroadcastState(StateDescriptors.RULES),
                ctx.getBroadcastState(StateDescriptors.REFERENCE_LISTS));
        engine.rules(liveRules.book(ctx.getBroadcastState(StateDescriptors.RULES), ctx.getBroadcastState(StateDescriptors.REFERENCE_LISTS)));
        if (rejected != null && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            String raw = update.rule != null ? update.rule.text : update.name;
            String source = update.rule != null ? update.rule.fileName : null;
            ctx.output(OutputTags.DEAD_LETTERS, new DeadLetter(DeadLetter.RULE, raw, rejected, null,
                    com.acmebank.triggers.event.Origin.described(source)));
        }
    }

    private void useRules(ReadOnlyContext ctx) throws Exception {
        RuleBook book = liveRules.book(ctx.getBroadcastState(StateDescriptors.RULES), ctx.getBroadcastState(StateDescriptors.REFERENCE_LISTS));
        if (book != engine.rules()) {
            engine.rules(book);
        }
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

    private void count(Decision d) {
        String key = d.ruleId + "/" + d.outcome + (d.reason == null ? "" : "/" + d.reason);
        outcomes.computeIfAbsent(key, k -> {
            var group = getRuntimeContext().getMetricGroup().addGroup("rule", d.ruleId);
            return group.counter(d.reason == null ? d.outcome : d.outcome + "_" + d.reason);
        }).inc();
    }

    /** The engine's view of the current key's state; bound to the timer context while the engine runs. */
    private final class Store implements CustomerStore {
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
        public String customerId() {
            return ctx.getCurrentKey();
        }

        @Override
        public Profile profile() {
            try {
                Profile p = profile.value();
                return p == null || p.deleted ? null : p;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public TriggerState trigger(String stateKey) {
            try {
                return triggers.get(stateKey);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void putTrigger(String stateKey, TriggerState state) {
            try {
                triggers.put(stateKey, state);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void removeTrigger(String stateKey) {
            try {
                triggers.remove(stateKey);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<String> triggerKeys() {
            try {
                List<String> keys = new ArrayList<>();
                for (String k : triggers.keys()) {
                    keys.add(k);
                }
                return keys;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Long lastFired(String repeatKey) {
            try {
                return lastFired.get(repeatKey);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void putLastFired(String repeatKey, long time) {
            try {
                lastFired.put(repeatKey, time);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void removeLastFired(String repeatKey) {
            try {
                lastFired.remove(repeatKey);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Map<String, Long> firedSnapshot() {
            try {
                Map<String, Long> copy = new HashMap<>();
                for (Map.Entry<String, Long> e : lastFired.entries()) {
                    copy.put(e.getKey(), e.getValue());
                }
                return copy;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public ContactLog contactLog() {
            try {
                return contactLog.value();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void putContactLog(ContactLog log) {
            try {
                contactLog.update(log);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void removeContactLog() {
            contactLog.clear();
        }

        @Override
        public List<DeferredOffer> deferredSnapshot() {
            try {
                List<DeferredOffer> all = new ArrayList<>();
                for (DeferredOffer d : deferred.values()) {
                    all.add(d);
                }
                return all;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void putDeferred(DeferredOffer offer) {
            try {
                deferred.put(offer.offer.offerId, offer);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void removeDeferred(String offerId) {
            try {
                deferred.remove(offerId);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void wakeAt(long time) {
            try {
                Integer count = wakeUps.get(time);
                wakeUps.put(time, count == null ? 1 : count + 1);
                ctx.timerService().registerEventTimeTimer(time);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Drops a wake-up nobody needs; the timer goes too unless events, a profile or a sweep share it. */
        @Override
        public void cancelWake(long time) {
            try {
                Integer count = wakeUps.get(time);
                if (count == null) {
                    return;
                }
                if (count > 1) {
                    wakeUps.put(time, count - 1);
                    return;
                }
                wakeUps.remove(time);
                CustomerClock c = clock.value();
                boolean clockNeedsIt = c != null && (c.housekeepingAt == time || c.profileActivation == time);
                if (!input.hasEventsAt(time) && !pendingProfiles.contains(time) && !clockNeedsIt) {
                    ctx.timerService().deleteEventTimeTimer(time);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void emit(Offer offer) {
            out.collect(offer);
        }

        @Override
        public void emit(Decision decision) {
            count(decision);
            ctx.output(OutputTags.DECISIONS, decision);
        }
    }
}

package com.acmebank.triggers.engine;

import com.acmebank.triggers.condition.Facts;
import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.policy.ContactPolicy;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.rule.RuleBook;
import java.util.List;
import java.util.function.Supplier;

/**
 * One customer's timeline, in plain Java: the only per-customer state machine of the engine. It takes inputs
 * (events, with dedup and buffering; profile versions; rule changes), is advanced to instants in event-time
 * order, and says which instants it needs to be advanced to. At one instant the work runs in this order:
 * <ol>
 *   <li>a profile version dated then takes effect (and re-arms profile schedules);</li>
 *   <li>the events of that instant, by eventId (a PAYMENT_REVERSAL first undoes what its payment did, see
 *   {@link Reversals});</li>
 *   <li>deferred offers due then are released, then rule deadlines due then fire;</li>
 *   <li>the sweep, when due, forgets what no rule can use any more.</li>
 * </ol>
 * Profiles are versioned by updatedAt: the first one known applies at once, a newer one when event time
 * reaches its updatedAt, so a consent withdrawn at 02:00 suppresses an offer released at 08:00 but not one sent
 * the evening before. Nothing is decided before the go-live instant; state builds from everything.
 *
 * <p>One instance serves every customer of an operator; the state of the customer at hand is passed in.
 */
public final class CustomerTimeline {
    /** What became of an arriving event. */
    public enum Arrival {
        /** Held until event time reaches it. */
        BUFFERED,
        /** Its eventId was seen within the dedup retention. */
        DUPLICATE,
        /** At or before event time already: it goes to the late output. */
        LATE,
        /** No rule in force reacts to its type: not kept (a rule published later sees the events after it). */
        NOT_WANTED
    }

    private final long goLive;
    private final long simulationEnd;
    private final long dedupRetention;
    private final long sweepInterval;
    private final ContactPolicy policy;
    private final RuleEvaluation evaluation;
    private final Delivery delivery;
    private final Reversals reversals;
    private final Attribution attribution;
    private final Visit visit = new Visit();
    private RuleBook book = RuleBook.empty();
    private boolean keepEveryEvent;
    private final Agenda agenda = new Agenda();

    /** {@code goLive}: the instant in force (the first start's, after a restore), which may differ from the config's. */
    public CustomerTimeline(EngineConfig config, long goLive) {
        this.goLive = goLive;
        this.simulationEnd = config.simulationEnd;
        this.dedupRetention = config.dedupRetentionMillis;
        this.sweepInterval = config.housekeepingIntervalMillis;
        this.policy = new ContactPolicy(config.policy);
        // the parts share one Facts (the customer's view for conditions) and read the rules in force through this
        Facts facts = new Facts();
        Supplier<RuleBook> rules = this::rules;
        this.reversals = new Reversals(goLive, config.dedupRetentionMillis, rules);
        this.attribution = new Attribution(rules, facts);
        this.delivery = new Delivery(policy, facts, rules, reversals, attribution);
        this.evaluation = new RuleEvaluation(policy, config.windowCapacity, goLive, facts, rules,
                new Arbitration(goLive, facts, rules, delivery), reversals, attribution);
    }

    /** The rules in force from now on (compiled once per change, by the caller). */
    public void rules(RuleBook rules) {
        this.book = rules;
    }

    public RuleBook rules() {
        return book;
    }

    /**
     * Keeps every event, even of a type no rule in force reacts to: when rules change while the job runs, an update
     * may arrive after an event it applies to (the broadcast is not ordered with the events).
     */
    public void keepEveryEvent(boolean keep) {
        this.keepEveryEvent = keep;
    }

    /** An event arrives while event time is at {@code watermark}. */
    public Arrival accept(Event event, long watermark, TimelineState state, WakeUps wakeUps) {
        if (event.eventTime <= watermark) {
            return Arrival.LATE;
        }
        if (watermark != Long.MIN_VALUE && !keepEveryEvent && !book.reactsTo(event.type)) {
            // once event time moves the rule set is in force (it holds event time back until then), so an event
            // no rule reacts to need not be kept; before, a rule may still be on its way
            return Arrival.NOT_WANTED;
        }
        if (!EventInbox.accept(event, state.inbox(), state.seenEventIds())) {
            return Arrival.DUPLICATE;
        }
        wakeUps.at(event.eventTime);
        return Arrival.BUFFERED;
    }

    /** A profile version (or a deletion) arrives while event time is at {@code watermark}. */
    public void accept(Profile p, long watermark, TimelineState state, WakeUps wakeUps) {
        Profile current = state.profile().get();
        if (p.deleted) {
            // the customer is deleted: what the engine knew of them goes at once (windows, sequences, repeat limits,
            // contact history). Events already buffered and offers already deferred are still decided, and end
            // SUPPRESSED/NO_CONSENT, so the audit trail stays whole.
            state.profile().clear();
            state.pendingProfiles().clear();
            state.triggers().clear();
            state.lastFired().clear();
            state.contactLog().clear();
            TimelineClock c = clock(state);
            c.pendingProfiles = 0;
            c.schedulesArmed = 0;
            state.clock().set(c);
            activateAt(Math.max(goLive, watermark + 1), state, wakeUps);
            return;
        }
        if (current == null) {
            state.profile().set(p);
            activateAt(Math.max(goLive, watermark + 1), state, wakeUps);
        } else if (p.updatedAt == Profile.NO_TIME) {
            // no updatedAt: the newest word on the customer, in force from now on
            state.profile().set(p);
            activateAt(Math.max(goLive, watermark + 1), state, wakeUps);
        } else if (p.updatedAt <= watermark) {
            if (p.updatedAt >= current.updatedAt) {
                state.profile().set(p);
                activateAt(watermark + 1, state, wakeUps);
            }
        } else if (current.updatedAt > watermark && p.updatedAt < current.updatedAt) {
            // the current one was taken early as a baseline; the older one arriving now is the true baseline
            state.profile().set(p);
            pend(current, state, wakeUps);
        } else if (p.updatedAt >= current.updatedAt) {
            pend(p, state, wakeUps);
        }
    }

    private static void pend(Profile p, TimelineState state, WakeUps wakeUps) {
        if (!state.pendingProfiles().contains(p.updatedAt)) {
            TimelineClock c = clock(state);
            c.pendingProfiles++;
            state.clock().set(c);
        }
        state.pendingProfiles().put(p.updatedAt, p);
        wakeUps.at(p.updatedAt);
    }

    private static void activateAt(long time, TimelineState state, WakeUps wakeUps) {
        TimelineClock c = clock(state);
        c.profileActivation = time;
        state.clock().set(c);
        wakeUps.at(time);
    }

    private static TimelineClock clock(TimelineState state) {
        TimelineClock c = state.clock().get();
        return c == null ? new TimelineClock() : c;
    }

    /** Event time has reached {@code time}, an instant this customer asked for: does what is due then, in order. */
    public void advance(long time, String customerId, TimelineState state, TimelineOutput out, WakeUps wakeUps) {
        visit.bind(customerId, state, out, agenda);
        agenda.bind(visit, wakeUps);
        try {
            advance(time, state);
        } finally {
            visit.unbind();
            agenda.unbind();
        }
    }

    private void advance(long time, TimelineState state) {
        TimelineClock c = visit.clock;
        boolean profileRead = false;
        if (c.pendingProfiles > 0) {
            Profile newer = state.pendingProfiles().get(time);
            if (newer != null) {
                state.pendingProfiles().remove(time);
                c.pendingProfiles--;
                visit.clockChanged = true;
                Profile current = state.profile().get();
                if (current == null || newer.updatedAt >= current.updatedAt) {
                    state.profile().set(newer);
                    visit.readProfile(policy);
                    profileRead = true;
                    // a version dated before the go-live instant must not schedule anything before it
                    evaluation.onProfileActivated(Math.max(time, goLive), visit);
                }
            }
        }
        if (!profileRead) {
            visit.readProfile(policy);
        }
        if (c.profileActivation == time) {
            c.profileActivation = TimelineClock.NONE;
            visit.clockChanged = true;
            evaluation.onProfileActivated(time, visit);
        }
        List<Event> events = EventInbox.take(time, state.inbox());
        if (events != null) {
            for (Event e : events) {
                evaluation.onEvent(e, visit);
            }
        }
        boolean withinSimulation = time <= simulationEnd;
        boolean woke = withinSimulation && agenda.takeDue(time);
        if (woke) {
            delivery.release(time, visit);
            evaluation.onDeadlines(time, visit);
        }
        if (c.housekeepingAt == time && withinSimulation) {
            boolean more = evaluation.housekeep(time, visit);
            more |= EventInbox.forgetBefore(time - dedupRetention, state.seenEventIds());
            more |= reversals.forget(time, visit);
            more |= attribution.forget(time, visit);
            c.housekeepingAt = more ? time + sweepInterval : TimelineClock.NONE;
            if (more) {
                agenda.need(c.housekeepingAt);
            }
            visit.clockChanged = true;
        } else if (c.housekeepingAt == TimelineClock.NONE && (events != null || woke)) {
            c.housekeepingAt = time + sweepInterval;
            agenda.need(c.housekeepingAt);
            visit.clockChanged = true;
        }
        if (visit.clockChanged) {
            if (c.idle()) {
                state.clock().clear();
            } else {
                state.clock().set(c);
            }
        }
    }
}

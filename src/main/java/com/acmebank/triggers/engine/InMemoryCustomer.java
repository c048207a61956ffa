package com.acmebank.triggers.engine;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.output.Conversion;
import com.acmebank.triggers.output.DeadLetter;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One customer's timeline driven the way the Flink operator drives it, on plain Java: inputs arrive at the
 * current event time, and advancing event time wakes the timeline at each instant it asked for, earliest first.
 * For unit tests and for tools (the benchmark) that run the engine without Flink.
 */
public final class InMemoryCustomer implements TimelineOutput, WakeUps {
    private final String customerId;
    private final CustomerTimeline timeline;
    private final InMemoryTimelineState state = new InMemoryTimelineState();
    private final TreeSet<Long> wakeUps = new TreeSet<>();
    private long watermark = Long.MIN_VALUE;
    public final List<Offer> offers = new ArrayList<>();
    public final List<Decision> decisions = new ArrayList<>();
    public final List<DeadLetter> deadLetters = new ArrayList<>();
    public final List<Conversion> conversions = new ArrayList<>();

    public InMemoryCustomer(String customerId, CustomerTimeline timeline) {
        this.customerId = customerId;
        this.timeline = timeline;
    }

    public CustomerTimeline.Arrival accept(Event event) {
        return timeline.accept(event, watermark, state, this);
    }

    public void accept(Profile profile) {
        timeline.accept(profile, watermark, state, this);
    }

    /** Event time moves to {@code newWatermark}: every instant asked for up to it is advanced to, in order. */
    public void advanceTo(long newWatermark) {
        while (!wakeUps.isEmpty() && wakeUps.first() <= newWatermark) {
            long time = wakeUps.pollFirst();
            watermark = time;
            timeline.advance(time, customerId, state, this, this);
        }
        watermark = Math.max(watermark, newWatermark);
    }

    public long watermark() {
        return watermark;
    }

    /** The instants the timeline asked for and has not been advanced to yet. */
    public TreeSet<Long> wakeUps() {
        return new TreeSet<>(wakeUps);
    }

    public InMemoryTimelineState state() {
        return state;
    }

    @Override
    public void at(long time) {
        wakeUps.add(time);
    }

    @Override
    public void cancel(long time) {
        wakeUps.remove(time);
    }

    @Override
    public void offer(Offer offer) {
        offers.add(offer);
    }

    @Override
    public void decision(Decision decision) {
        decisions.add(decision);
    }

    @Override
    public void conversion(Conversion conversion) {
        conversions.add(conversion);
    }

    @Override
    public void deadLetter(DeadLetter deadLetter) {
        deadLetters.add(deadLetter);
    }
}

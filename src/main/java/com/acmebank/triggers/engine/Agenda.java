package com.acmebank.triggers.engine;

/**
 * The instants rules asked to be woken at, counted (two rules may ask for the same instant, and one may withdraw
 * its ask when its deadline moves). A withdrawn instant is cancelled only when nothing else of the customer is
 * due then: events, a waiting profile version, the activation or the sweep.
 */
final class Agenda {
    private TimelineState state;
    private Visit visit;
    private WakeUps wakeUps;

    /** After {@code visit} is bound: the asks are counted in its clock. */
    void bind(Visit visit, WakeUps wakeUps) {
        this.visit = visit;
        this.state = visit.state;
        this.wakeUps = wakeUps;
    }

    void unbind() {
        state = null;
        visit = null;
        wakeUps = null;
    }

    /** An instant the timeline itself needs (events, profile versions, the sweep): not counted. */
    void need(long time) {
        wakeUps.at(time);
    }

    /** A rule asks to be woken at {@code time}. */
    void wakeAt(long time) {
        Integer count = state.wakeUps().get(time);
        state.wakeUps().put(time, count == null ? 1 : count + 1);
        TimelineClock c = visit.clock;
        if (count == null && c.wakeUpsKnown && (c.firstWakeUp == TimelineClock.NONE || time < c.firstWakeUp)) {
            c.firstWakeUp = time;
            visit.clockChanged = true;
        }
        wakeUps.at(time);
    }

    /** A rule withdraws one earlier ask for {@code time}. */
    void cancel(long time) {
        Integer count = state.wakeUps().get(time);
        if (count == null) {
            return;
        }
        if (count > 1) {
            state.wakeUps().put(time, count - 1);
            return;
        }
        state.wakeUps().remove(time);
        removed(time);
        TimelineClock c = visit.clock; // the visit's, which may be ahead of the stored one (and is not read again)
        boolean clockNeedsIt = c.housekeepingAt == time || c.profileActivation == time;
        if (!state.inbox().contains(time) && !state.pendingProfiles().contains(time) && !clockNeedsIt) {
            wakeUps.cancel(time);
        }
    }

    /** True when rules asked for {@code time}; the ask is used up. */
    boolean takeDue(long time) {
        TimelineClock c = visit.clock;
        if (!c.wakeUpsKnown) {
            c.firstWakeUp = earliest();
            c.wakeUpsKnown = true;
            visit.clockChanged = true;
        }
        if (c.firstWakeUp == TimelineClock.NONE || time < c.firstWakeUp || !state.wakeUps().contains(time)) {
            return false;
        }
        state.wakeUps().remove(time);
        removed(time);
        return true;
    }

    /** {@code time} is no longer asked for: when it was the earliest, the next one is looked up. */
    private void removed(long time) {
        TimelineClock c = visit.clock;
        if (c.wakeUpsKnown && time == c.firstWakeUp) {
            c.firstWakeUp = earliest();
            visit.clockChanged = true;
        }
    }

    private long earliest() {
        long first = TimelineClock.NONE;
        for (var e : state.wakeUps().entries()) {
            if (first == TimelineClock.NONE || e.getKey() < first) {
                first = e.getKey();
            }
        }
        return first;
    }
}

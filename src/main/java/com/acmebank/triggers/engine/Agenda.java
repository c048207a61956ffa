package com.acmebank.triggers.engine;

/**
 * The instants rules asked to be woken at, counted (two rules may ask for the same instant, and one may withdraw
 * its ask when its deadline moves). A withdrawn instant is cancelled only when nothing else of the customer is
 * due then: events, a waiting profile version, the activation or the sweep.
 */
final class Agenda {
    private TimelineState state;
    private WakeUps wakeUps;

    void bind(TimelineState state, WakeUps wakeUps) {
        this.state = state;
        this.wakeUps = wakeUps;
    }

    void unbind() {
        state = null;
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
        TimelineClock c = state.clock().get();
        boolean clockNeedsIt = c != null && (c.housekeepingAt == time || c.profileActivation == time);
        if (!state.inbox().contains(time) && !state.pendingProfiles().contains(time) && !clockNeedsIt) {
            wakeUps.cancel(time);
        }
    }

    /** True when rules asked for {@code time}; the ask is used up. */
    boolean takeDue(long time) {
        if (!state.wakeUps().contains(time)) {
            return false;
        }
        state.wakeUps().remove(time);
        return true;
    }
}

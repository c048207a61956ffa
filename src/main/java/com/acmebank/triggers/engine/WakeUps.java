package com.acmebank.triggers.engine;

/** How the timeline asks to be advanced to an instant; the Flink operator turns these into event-time timers. */
public interface WakeUps {
    /** Advance the timeline to {@code time} once event time reaches it. */
    void at(long time);

    /** Nothing is due at {@code time} any more. */
    void cancel(long time);
}

package com.acmebank.triggers.engine;

import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.policy.ContactLog;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.trigger.TriggerState;
import java.util.List;
import java.util.Map;

/**
 * One customer's state and outputs as the engine sees them. The Flink operator implements it over keyed
 * state and timers; tests use {@link InMemoryCustomerStore}. The engine never sees Flink.
 */
public interface CustomerStore {
    String customerId();

    /** The profile in effect, or null. */
    Profile profile();

    TriggerState trigger(String stateKey);

    void putTrigger(String stateKey, TriggerState state);

    void removeTrigger(String stateKey);

    /** A snapshot of the trigger state keys (safe to modify the store while iterating it). */
    List<String> triggerKeys();

    /** When the rule last reached this customer, per repeat key (ruleId|key), or null. */
    Long lastFired(String repeatKey);

    void putLastFired(String repeatKey, long time);

    void removeLastFired(String repeatKey);

    Map<String, Long> firedSnapshot();

    ContactLog contactLog();

    void putContactLog(ContactLog log);

    void removeContactLog();

    List<DeferredOffer> deferredSnapshot();

    void putDeferred(DeferredOffer offer);

    void removeDeferred(String offerId);

    /** Asks to be called back through {@code onTime} at this event time (once per call: calls are counted). */
    void wakeAt(long time);

    /** Withdraws one earlier {@link #wakeAt} for this time (a deadline moved). */
    void cancelWake(long time);

    void emit(Offer offer);

    void emit(Decision decision);
}

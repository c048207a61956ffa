package com.acmebank.triggers.engine;

import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.policy.ContactLog;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.trigger.TriggerState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A customer store on plain maps: for unit tests of the engine and for tools that run it without Flink. */
public final class InMemoryCustomerStore implements CustomerStore {
    private final String customerId;
    private Profile profile;
    private final Map<String, TriggerState> triggers = new LinkedHashMap<>();
    private final Map<String, Long> fired = new LinkedHashMap<>();
    private ContactLog contactLog;
    private final Map<String, DeferredOffer> deferred = new LinkedHashMap<>();
    private final java.util.TreeMap<Long, Integer> wakeUps = new java.util.TreeMap<>();
    public final List<Offer> offers = new ArrayList<>();
    public final List<Decision> decisions = new ArrayList<>();

    public InMemoryCustomerStore(String customerId) {
        this.customerId = customerId;
    }

    public InMemoryCustomerStore profile(Profile p) {
        this.profile = p;
        return this;
    }

    /** Pending wake-up times, earliest first. */
    public TreeSet<Long> wakeUps() {
        return new TreeSet<>(wakeUps.keySet());
    }

    /** Takes the wake-ups due at or before {@code time}. */
    public List<Long> takeWakeUps(long time) {
        List<Long> due = new ArrayList<>(wakeUps.headMap(time, true).keySet());
        due.forEach(wakeUps::remove);
        return due;
    }

    public Map<String, TriggerState> triggers() {
        return triggers;
    }

    public boolean isEmpty() {
        return triggers.isEmpty() && fired.isEmpty() && contactLog == null && deferred.isEmpty();
    }

    @Override
    public String customerId() {
        return customerId;
    }

    @Override
    public Profile profile() {
        return profile;
    }

    @Override
    public TriggerState trigger(String stateKey) {
        return triggers.get(stateKey);
    }

    @Override
    public void putTrigger(String stateKey, TriggerState state) {
        triggers.put(stateKey, state);
    }

    @Override
    public void removeTrigger(String stateKey) {
        triggers.remove(stateKey);
    }

    @Override
    public List<String> triggerKeys() {
        return new ArrayList<>(triggers.keySet());
    }

    @Override
    public Long lastFired(String repeatKey) {
        return fired.get(repeatKey);
    }

    @Override
    public void putLastFired(String repeatKey, long time) {
        fired.put(repeatKey, time);
    }

    @Override
    public void removeLastFired(String repeatKey) {
        fired.remove(repeatKey);
    }

    @Override
    public Map<String, Long> firedSnapshot() {
        return new LinkedHashMap<>(fired);
    }

    @Override
    public ContactLog contactLog() {
        return contactLog;
    }

    @Override
    public void putContactLog(ContactLog log) {
        this.contactLog = log;
    }

    @Override
    public void removeContactLog() {
        this.contactLog = null;
    }

    @Override
    public List<DeferredOffer> deferredSnapshot() {
        return new ArrayList<>(deferred.values());
    }

    @Override
    public void putDeferred(DeferredOffer offer) {
        deferred.put(offer.offer.offerId, offer);
    }

    @Override
    public void removeDeferred(String offerId) {
        deferred.remove(offerId);
    }

    @Override
    public void wakeAt(long time) {
        wakeUps.merge(time, 1, Integer::sum);
    }

    @Override
    public void cancelWake(long time) {
        wakeUps.computeIfPresent(time, (t, n) -> n > 1 ? n - 1 : null);
    }

    @Override
    public void emit(Offer offer) {
        offers.add(offer);
    }

    @Override
    public void emit(Decision decision) {
        decisions.add(decision);
    }
}

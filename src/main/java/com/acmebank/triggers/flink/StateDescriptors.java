package com.acmebank.triggers.flink;

import com.acmebank.triggers.engine.Attributable;
import com.acmebank.triggers.engine.DeferredOffer;
import com.acmebank.triggers.engine.Holding;
import com.acmebank.triggers.engine.Reversible;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.flink.serializers.ExplicitTypeInfo;
import com.acmebank.triggers.flink.serializers.TriggerStateSerializer;
import com.acmebank.triggers.policy.ContactLog;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.trigger.TriggerState;
import java.util.List;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.typeutils.ListTypeInfo;

/**
 * Every state of the job, with explicit types so Flink uses its POJO and built-in serializers (never Kryo); the
 * states read on every event (rule states, buffered events, profiles) have explicit serializers
 * ({@code flink.serializers}): Flink's POJO serializer was most of the cost of reading them on RocksDB.
 * Names are part of savepoints: do not rename.
 */
public final class StateDescriptors {
    private StateDescriptors() {}

    // Broadcast state: the rules and reference lists in force.
    public static final MapStateDescriptor<String, RuleSource> RULES =
            new MapStateDescriptor<>("rules", Types.STRING, TypeInformation.of(RuleSource.class));
    public static final MapStateDescriptor<String, List<String>> REFERENCE_LISTS =
            new MapStateDescriptor<>("reference-lists", Types.STRING, new ListTypeInfo<>(Types.STRING));
    /** Accepted rule and list updates that apply from a later event time, by their running number. */
    public static final MapStateDescriptor<String, RuleUpdate> PENDING_RULE_UPDATES =
            new MapStateDescriptor<>("pending-rule-updates", Types.STRING, TypeInformation.of(RuleUpdate.class));
    /** The broadcast states of both keyed operators. */
    public static final List<MapStateDescriptor<?, ?>> RULE_STATES = List.of(RULES, REFERENCE_LISTS, PENDING_RULE_UPDATES);

    // Keyed state shared by both keyed operators: events waiting for the watermark, and seen eventIds.
    public static MapStateDescriptor<Long, List<Event>> buffer() {
        return new MapStateDescriptor<>("event-buffer", Types.LONG, new ListTypeInfo<>(ExplicitTypeInfo.EVENT));
    }

    public static MapStateDescriptor<String, Long> seenEventIds() {
        return new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.LONG);
    }

    public static ValueStateDescriptor<Long> housekeepingAt() {
        return new ValueStateDescriptor<>("housekeeping-at", Types.LONG);
    }

    // Keyed state of the customer operator.
    public static ValueStateDescriptor<Profile> profile() {
        return new ValueStateDescriptor<>("profile", ExplicitTypeInfo.PROFILE);
    }

    public static MapStateDescriptor<Long, Profile> pendingProfiles() {
        return new MapStateDescriptor<>("pending-profiles", Types.LONG, ExplicitTypeInfo.PROFILE);
    }

    /** The customer's own timer bookkeeping (profile activation, next sweep, waiting profile versions). */
    public static ValueStateDescriptor<CustomerClock> customerClock() {
        return new ValueStateDescriptor<>("customer-clock", TypeInformation.of(CustomerClock.class));
    }

    public static MapStateDescriptor<String, TriggerState> triggers() {
        return new MapStateDescriptor<>("triggers", StringSerializer.INSTANCE, new TriggerStateSerializer());
    }

    public static MapStateDescriptor<String, Long> lastFired() {
        return new MapStateDescriptor<>("last-fired", Types.STRING, Types.LONG);
    }

    public static ValueStateDescriptor<ContactLog> contactLog() {
        return new ValueStateDescriptor<>("contact-log", TypeInformation.of(ContactLog.class));
    }

    public static MapStateDescriptor<String, DeferredOffer> deferred() {
        return new MapStateDescriptor<>("deferred-offers", Types.STRING, TypeInformation.of(DeferredOffer.class));
    }

    /** Times the engine asked to be woken, with how many asked. */
    public static MapStateDescriptor<Long, Integer> wakeUps() {
        return new MapStateDescriptor<>("wake-ups", Types.LONG, Types.INT);
    }

    /** What recent counted or offered events did, for their reversal (new in this version: empty after a restore). */
    public static MapStateDescriptor<String, Reversible> reversibles() {
        return new MapStateDescriptor<>("reversibles", Types.STRING, TypeInformation.of(Reversible.class));
    }

    /** The products one customer holds, for rules that read customer.holdings (new in this version). */
    public static MapStateDescriptor<String, Holding> customerHoldings() {
        return new MapStateDescriptor<>("customer-holdings", Types.STRING, TypeInformation.of(Holding.class));
    }

    /** Offers that a later event may convert, until their attribution window ends (new in this version). */
    public static MapStateDescriptor<String, Attributable> attributable() {
        return new MapStateDescriptor<>("attributable-offers", Types.STRING, TypeInformation.of(Attributable.class));
    }

    // Keyed state of the holdings index: units held per customer.
    public static MapStateDescriptor<String, Long> holdings() {
        return new MapStateDescriptor<>("holdings", Types.STRING, Types.LONG);
    }

    /** Operator (union) state of the customer operator: the go-live instant of the job's first start. */
    public static ListStateDescriptor<Long> goLive() {
        return new ListStateDescriptor<>("go-live", Types.LONG);
    }
}

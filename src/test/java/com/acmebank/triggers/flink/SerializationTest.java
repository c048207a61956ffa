package com.acmebank.triggers.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.engine.DeferredOffer;
import com.acmebank.triggers.engine.Reversible;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.Origin;
import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.output.DeadLetter;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.LateEvent;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.policy.ContactLog;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.rule.RuleSource;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.testing.EventJson;
import com.acmebank.triggers.testing.ProfileJson;
import com.acmebank.triggers.trigger.TriggerState;
import com.acmebank.triggers.window.SlidingWindow;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every wire and state type is a Flink POJO serialized without Kryo, so state can evolve across upgrades (the ones
 * with explicit serializers too: the state their earlier versions wrote is read with the POJO serializer).
 */
class SerializationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {Event.class, Origin.class, RawRecord.class, Profile.class, Offer.class, Decision.class, DeadLetter.class,
            LateEvent.class, RuleSource.class, RuleUpdate.class, CustomerInput.class, HoldingsInput.class, TriggerState.class,
            SlidingWindow.class, ContactLog.class, DeferredOffer.class, CustomerClock.class, Reversible.class, Reversible.SentOffer.class,
            com.acmebank.triggers.engine.Holding.class})
    void isAPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }

    @Test
    void anEventSurvivesARoundTrip() throws Exception {
        Event e = EventJson.of("CARD_PAYMENT", "e1", "C1", "2026-11-02T10:00:00+08:00").amount("200.50").attribute("vip", "true").event();
        Event copy = roundTrip(e, Event.class);
        assertThat(copy).usingRecursiveComparison().isEqualTo(e);
    }

    @Test
    void aProfileAndATriggerStateSurviveARoundTrip() throws Exception {
        Profile p = ProfileJson.of("C1").segments("STUDENT").profile();
        assertThat(roundTrip(p, Profile.class)).usingRecursiveComparison().isEqualTo(p);
        TriggerState s = new TriggerState("abc");
        s.window = new SlidingWindow();
        s.window.add(5, 7, 16);
        s.deadline = 99;
        assertThat(roundTrip(s, TriggerState.class)).usingRecursiveComparison().isEqualTo(s);
    }

    @Test
    void theCustomerOperatorsInputHasItsExplicitSerializerAndSurvivesARoundTrip() throws Exception {
        TypeSerializer<CustomerInput> serializer = CustomerInput.TYPE.createSerializer(new SerializerConfigImpl());
        assertThat(serializer).isInstanceOf(CustomerInputSerializer.class);
        Event e = EventJson.of("CARD_PAYMENT", "e1", "C1", "2026-11-02T10:00:00+08:00").amount("200.50").attribute("vip", "true").event();
        Profile p = ProfileJson.of("C1").segments("STUDENT").profile();
        for (CustomerInput in : new CustomerInput[] {CustomerInput.of(e), CustomerInput.of(p)}) {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serializer.serialize(in, out);
            DataInputDeserializer read = new DataInputDeserializer(out.getCopyOfBuffer());
            assertThat(serializer.deserialize(read)).usingRecursiveComparison().isEqualTo(in);
            assertThat(read.available()).isZero();
            assertThat(serializer.copy(in)).usingRecursiveComparison().isEqualTo(in);
        }
    }

    private static <T> T roundTrip(T value, Class<T> type) throws Exception {
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}

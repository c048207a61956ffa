package com.acmebank.triggers.flink.serializers;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.Origin;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The explicit serializer of an input event: every field, nulls, deep copies, POJO state migrated. */
class EventSerializerTest {
    private final EventSerializer serializer = EventSerializer.INSTANCE;

    @Test
    void everyFieldSurvivesARoundTrip() throws IOException {
        Event full = TriggerStateSerializerTest.fullEvent();
        assertThat(SerializerChecks.roundTrip(serializer, full)).usingRecursiveComparison().isEqualTo(full);
        assertThat(SerializerChecks.roundTrip(serializer, full).amount).as("scale kept: 300.00, not 300").hasToString("300.00");
    }

    @Test
    void anEventWithNothingButItsTimeSurvivesARoundTrip() throws IOException {
        Event empty = new Event();
        empty.eventTime = -1;
        assertThat(SerializerChecks.roundTrip(serializer, empty)).usingRecursiveComparison().isEqualTo(empty);
        Event fileOrigin = TriggerStateSerializerTest.fullEvent();
        fileOrigin.origin = Origin.fileLine("events.jsonl", 7);
        fileOrigin.attributes.put("empty", "");
        assertThat(SerializerChecks.roundTrip(serializer, fileOrigin)).usingRecursiveComparison().isEqualTo(fileOrigin);
    }

    @Test
    void itWritesEveryStoredFieldOfTheEventAndItsOrigin() {
        // a field added to either class must be added to the serializer
        assertThat(SerializerChecks.storedFields(Event.class)).containsExactlyInAnyOrder("eventId", "type", "customerId", "eventTime", "amount",
                "currency", "merchantId", "merchantName", "mcc", "country", "channel", "cardType", "balance", "productId", "productType",
                "loanType", "counterpartyBank", "changePct", "originalEventId", "attributes", "fannedOut", "raw", "origin");
        assertThat(SerializerChecks.storedFields(Origin.class)).containsExactlyInAnyOrder("file", "line", "topic", "partition", "offset");
    }

    @Test
    void aCopySharesNothingMutableWithItsOriginal() {
        Event original = TriggerStateSerializerTest.fullEvent();
        Event copy = serializer.copy(original);
        assertThat(copy).usingRecursiveComparison().isEqualTo(original);
        copy.attributes.put("new", "1");
        copy.origin.offset = 99;
        assertThat(original.attributes).doesNotContainKey("new");
        assertThat(original.origin.offset).isEqualTo(42);
    }

    @Test
    void stateWrittenByThePojoSerializerIsMigrated() throws IOException {
        Event full = TriggerStateSerializerTest.fullEvent();
        assertThat(SerializerChecks.migratedFromPojo(serializer, Event.class, full)).usingRecursiveComparison().isEqualTo(full);
    }

    @Test
    void itsOwnSnapshotRestoresItselfWithoutMigration() throws IOException {
        SerializerChecks.snapshotRestoresItself(serializer, new EventSerializer.Snapshot());
    }
}

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
    void theAttributesIterateInTheOrderThePojoSerializerGaveThem() throws IOException {
        // dead letters and late events write an event's attributes in its map's order: it must not move
        for (int n : new int[] {1, 3, 6, 12, 13, 40}) {
            Event e = TriggerStateSerializerTest.fullEvent();
            e.attributes = new java.util.LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                e.attributes.put("attribute-" + (n - i) * 7, "v" + i);
            }
            Event pojo = SerializerChecks.roundTrip(SerializerChecks.pojo(Event.class), e);
            assertThat(SerializerChecks.roundTrip(serializer, e).attributes.keySet()).as(n + " attributes").containsExactlyElementsOf(pojo.attributes.keySet());
            assertThat(serializer.copy(e).attributes.keySet()).as(n + " attributes, copied")
                    .containsExactlyElementsOf(SerializerChecks.pojo(Event.class).copy(e).attributes.keySet());
        }
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
    void aSnapshotOfAnotherFormatIsMigratedOrRefused() throws Exception {
        SerializerChecks.aSnapshotOfAnotherFormatIsMigratedOrRefused(serializer, new EventSerializer.Snapshot(), new EventSerializer.Snapshot(),
                EventSerializer.FORMAT);
    }

    @Test
    void itsOwnSnapshotRestoresItselfWithoutMigration() throws IOException {
        SerializerChecks.snapshotRestoresItself(serializer, new EventSerializer.Snapshot());
    }
}

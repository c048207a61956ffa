package com.acmebank.triggers.flink.serializers;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.Origin;
import com.acmebank.triggers.trigger.TriggerState;
import com.acmebank.triggers.window.SlidingWindow;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The explicit serializer of a rule's state: every stored field survives, nothing is shared between copies, and
 * state written by Flink's POJO serializer (earlier versions) is migrated. The restore of a real savepoint of the
 * earlier code, on the heap and on RocksDB, is {@code StateSnapshotCompatibilityTest}.
 */
class TriggerStateSerializerTest {
    private final TriggerStateSerializer serializer = new TriggerStateSerializer();

    @Test
    void everyFieldSurvivesARoundTrip() throws IOException {
        TriggerState full = full();
        assertThat(roundTrip(full)).usingRecursiveComparison().ignoringFields("touched").isEqualTo(full);
    }

    @Test
    void aStateWithNothingOptionalSurvivesARoundTrip() throws IOException {
        TriggerState empty = new TriggerState();
        assertThat(roundTrip(empty)).usingRecursiveComparison().isEqualTo(empty);
        TriggerState unmarked = full();
        unmarked.window.marks = null;
        unmarked.anchorEvent = null;
        unmarked.distinct = null;
        assertThat(roundTrip(unmarked)).usingRecursiveComparison().ignoringFields("touched").isEqualTo(unmarked);
    }

    @Test
    void itWritesEveryStoredFieldOfTheStateAndItsWindow() {
        // a field added to either class must be added to the serializer (and its format version raised)
        assertThat(SerializerChecks.storedFields(TriggerState.class)).containsExactlyInAnyOrder("fingerprint", "deadline", "armedAt", "anchorTime",
                "anchorEventId", "mode", "periodKey", "periodCount", "periodValue", "periodMax", "periodMin", "periodMarked", "window",
                "distinct", "anchorEvent", "lastSeen");
        assertThat(SerializerChecks.storedFields(SlidingWindow.class)).containsExactlyInAnyOrder("times", "values", "counts", "maxima", "minima", "marks",
                "size", "totalCount", "totalValue", "totalMarked");
    }

    @Test
    void aWindowKeepsItsCapacityButOnlyItsEntriesAreWritten() throws IOException {
        TriggerState s = full();
        s.window.times[3] = 40; // a slot an eviction left behind: beyond size, not an entry
        TriggerState read = roundTrip(s);
        assertThat(read.window.times).containsExactly(10, 20, 30, 0);
        assertThat(read.window.size).isEqualTo(3);
        DataOutputSerializer bigger = new DataOutputSerializer(256);
        s.window.size = 4;
        serializer.serialize(s, bigger);
        DataOutputSerializer smaller = new DataOutputSerializer(256);
        s.window.size = 3;
        serializer.serialize(s, smaller);
        assertThat(bigger.length() - smaller.length()).as("one entry: time, value, count, max, min, mark").isEqualTo(8 + 8 + 4 + 8 + 8 + 4);
    }

    @Test
    void aCopySharesNothingWithItsOriginal() {
        TriggerState original = full();
        TriggerState copy = serializer.copy(original);
        assertThat(copy).usingRecursiveComparison().ignoringFields("touched").isEqualTo(original);
        copy.window.times[0] = 99;
        copy.window.values[0] = 99;
        copy.window.counts[0] = 99;
        copy.window.maxima[0] = 99;
        copy.window.minima[0] = 99;
        copy.window.marks[0] = 99;
        copy.distinct.put("new", 1L);
        copy.anchorEvent.eventId = "changed";
        assertThat(original.window.times[0]).isEqualTo(10);
        assertThat(original.window.values[0]).isEqualTo(100);
        assertThat(original.window.counts[0]).isEqualTo(1);
        assertThat(original.window.maxima[0]).isEqualTo(100);
        assertThat(original.window.minima[0]).isEqualTo(100);
        assertThat(original.window.marks[0]).isEqualTo(1);
        assertThat(original.distinct).doesNotContainKey("new");
        assertThat(original.anchorEvent.eventId).isEqualTo("e-1");
    }

    @Test
    void stateWrittenByThePojoSerializerIsMigrated() throws IOException {
        assertThat(SerializerChecks.migratedFromPojo(serializer, TriggerState.class, full())).usingRecursiveComparison()
                .ignoringFields("touched").isEqualTo(full());
    }

    @Test
    void itsOwnSnapshotRestoresAnEqualSerializerThatNeedsNoMigration() throws IOException {
        SerializerChecks.snapshotRestoresItself(serializer, new TriggerStateSerializer.Snapshot());
    }

    @Test
    void aSnapshotOfAnotherFormatIsMigratedOrRefused() throws Exception {
        SerializerChecks.aSnapshotOfAnotherFormatIsMigratedOrRefused(serializer, readBack(), readBack(), TriggerStateSerializer.FORMAT);
    }

    /** A snapshot as a restore reads it (its nested serializers known). */
    private TriggerStateSerializer.Snapshot readBack() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.snapshotConfiguration().writeSnapshot(out);
        TriggerStateSerializer.Snapshot read = new TriggerStateSerializer.Snapshot();
        read.readSnapshot(read.getCurrentVersion(), new org.apache.flink.core.memory.DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());
        return read;
    }

    private TriggerState roundTrip(TriggerState s) throws IOException {
        return SerializerChecks.roundTrip(serializer, s);
    }

    /** An event with every field set (the other serializers' tests use it too). */
    static Event fullEvent() {
        Event e = new Event();
        e.eventId = "e-1";
        e.type = "CARD_PAYMENT";
        e.customerId = "C-1";
        e.eventTime = 1_797_000_000_000L;
        e.amount = new BigDecimal("300.00");
        e.currency = "CNY";
        e.merchantId = "M-PARTNER-001";
        e.merchantName = "Partner";
        e.mcc = "5411";
        e.country = "CN";
        e.channel = "POS";
        e.cardType = "CREDIT";
        e.balance = new BigDecimal("-12.5");
        e.productId = "FUND-007";
        e.productType = "FUND";
        e.loanType = "MORTGAGE";
        e.counterpartyBank = "ICBC";
        e.changePct = new BigDecimal("-0.0731");
        e.originalEventId = "e-0";
        e.attributes = new HashMap<>(Map.of("campaign", "x", "n", "3"));
        e.fannedOut = true;
        e.raw = "{\"eventId\":\"e-1\"}";
        e.origin = Origin.kafka("events", 3, 42);
        return e;
    }

    private static TriggerState full() {
        TriggerState s = new TriggerState("aggregate:sum:card>=5000|30d");
        s.deadline = 1_800_000_000_000L;
        s.armedAt = 1_799_000_000_000L;
        s.anchorTime = 1_798_000_000_000L;
        s.anchorEventId = "e-0";
        s.mode = TriggerState.HELD;
        s.periodKey = 202611;
        s.periodCount = 3;
        s.periodValue = 550_000;
        s.periodMax = 300_000;
        s.periodMin = -5;
        s.periodMarked = 2;
        s.lastSeen = 1_797_000_000_000L;
        SlidingWindow w = new SlidingWindow();
        w.times = new long[] {10, 20, 30, 0};
        w.values = new long[] {100, 200, 300, 0};
        w.counts = new int[] {1, 2, 1, 0};
        w.maxima = new long[] {100, 150, 300, 0};
        w.minima = new long[] {100, 50, 300, 0};
        w.marks = new int[] {1, 0, 1, 0};
        w.size = 3;
        w.totalCount = 4;
        w.totalValue = 600;
        w.totalMarked = 2;
        s.window = w;
        Map<String, Long> distinct = new HashMap<>();
        distinct.put("M-1", 10L);
        distinct.put("M-2", 30L);
        s.distinct = distinct;
        s.anchorEvent = fullEvent();
        s.touched = true;
        return s;
    }
}

package com.acmebank.triggers.flink.serializers;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.trigger.TriggerState;
import com.acmebank.triggers.window.SlidingWindow;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.CollectionUtil;

/**
 * One rule's state of one customer ({@link TriggerState}), the value of the {@code triggers} map: on RocksDB each
 * rule an event touches is read and written, and Flink's POJO serializer (a default window and event built, every
 * field set by reflection) was most of that cost. The anchor event is written by a nested {@link EventSerializer}.
 *
 * <p>State written by the POJO serializer (every savepoint before this one) is read with it and rewritten in this
 * format on restore: {@link Snapshot#resolveSchemaCompatibility} says "after migration" for it.
 */
public final class TriggerStateSerializer extends RecordSerializer<TriggerState> {
    private static final long serialVersionUID = 1L;
    /** Which optional parts a state has (one byte ahead of the fields). */
    private static final int FINGERPRINT = 1;
    private static final int ANCHOR_ID = 2;
    private static final int WINDOW = 4;
    private static final int DISTINCT = 8;
    private static final int ANCHOR_EVENT = 16;
    private static final int MARKS = 32;

    /** The data format written; raised when the layout changes (see {@link Snapshot}). */
    static final int FORMAT = 1;

    private final TypeSerializer<Event> events;

    public TriggerStateSerializer() {
        this(EventSerializer.INSTANCE);
    }

    TriggerStateSerializer(TypeSerializer<Event> events) {
        this.events = events;
    }

    @Override
    public TypeSerializer<TriggerState> duplicate() {
        TypeSerializer<Event> copy = events.duplicate();
        return copy == events ? this : new TriggerStateSerializer(copy);
    }

    @Override
    public TriggerState createInstance() {
        return new TriggerState();
    }

    @Override
    public TriggerState copy(TriggerState from) {
        TriggerState to = new TriggerState();
        to.fingerprint = from.fingerprint;
        to.deadline = from.deadline;
        to.armedAt = from.armedAt;
        to.anchorTime = from.anchorTime;
        to.anchorEventId = from.anchorEventId;
        to.mode = from.mode;
        to.periodKey = from.periodKey;
        to.periodCount = from.periodCount;
        to.periodValue = from.periodValue;
        to.periodMax = from.periodMax;
        to.periodMin = from.periodMin;
        to.periodMarked = from.periodMarked;
        to.window = from.window == null ? null : copy(from.window);
        to.distinct = Fields.copy(from.distinct);
        to.anchorEvent = from.anchorEvent == null ? null : events.copy(from.anchorEvent);
        to.lastSeen = from.lastSeen;
        return to;
    }

    private static SlidingWindow copy(SlidingWindow from) {
        SlidingWindow to = new SlidingWindow();
        to.times = from.times == null ? null : from.times.clone();
        to.values = from.values == null ? null : from.values.clone();
        to.counts = from.counts == null ? null : from.counts.clone();
        to.maxima = from.maxima == null ? null : from.maxima.clone();
        to.minima = from.minima == null ? null : from.minima.clone();
        to.marks = from.marks == null ? null : from.marks.clone();
        to.size = from.size;
        to.totalCount = from.totalCount;
        to.totalValue = from.totalValue;
        to.totalMarked = from.totalMarked;
        return to;
    }

    @Override
    public void serialize(TriggerState s, DataOutputView out) throws IOException {
        int parts = (s.fingerprint != null ? FINGERPRINT : 0) | (s.anchorEventId != null ? ANCHOR_ID : 0) | (s.window != null ? WINDOW : 0)
                | (s.distinct != null ? DISTINCT : 0) | (s.anchorEvent != null ? ANCHOR_EVENT : 0)
                | (s.window != null && s.window.marks != null ? MARKS : 0);
        out.writeByte(parts);
        if (s.fingerprint != null) {
            StringSerializer.INSTANCE.serialize(s.fingerprint, out);
        }
        out.writeLong(s.deadline);
        out.writeLong(s.armedAt);
        out.writeLong(s.anchorTime);
        if (s.anchorEventId != null) {
            StringSerializer.INSTANCE.serialize(s.anchorEventId, out);
        }
        out.writeInt(s.mode);
        out.writeLong(s.periodKey);
        out.writeLong(s.periodCount);
        out.writeLong(s.periodValue);
        out.writeLong(s.periodMax);
        out.writeLong(s.periodMin);
        out.writeLong(s.periodMarked);
        out.writeLong(s.lastSeen);
        if (s.window != null) {
            writeWindow(s.window, out);
        }
        if (s.distinct != null) {
            out.writeInt(s.distinct.size());
            for (Map.Entry<String, Long> e : s.distinct.entrySet()) {
                StringSerializer.INSTANCE.serialize(e.getKey(), out);
                out.writeLong(e.getValue());
            }
        }
        if (s.anchorEvent != null) {
            events.serialize(s.anchorEvent, out);
        }
    }

    /** The arrays' length (the window's capacity so far, kept so growth and merging go on alike), its entries, its totals. */
    private static void writeWindow(SlidingWindow w, DataOutputView out) throws IOException {
        int length = w.times.length;
        if (w.values.length != length || w.counts.length != length || w.maxima.length != length || w.minima.length != length
                || (w.marks != null && w.marks.length != length)) {
            throw new IOException("a sliding window's arrays differ in length (" + length + ")");
        }
        out.writeInt(length);
        out.writeInt(w.size);
        for (int i = 0; i < w.size; i++) {
            out.writeLong(w.times[i]);
            out.writeLong(w.values[i]);
            out.writeInt(w.counts[i]);
            out.writeLong(w.maxima[i]);
            out.writeLong(w.minima[i]);
        }
        if (w.marks != null) {
            for (int i = 0; i < w.size; i++) {
                out.writeInt(w.marks[i]);
            }
        }
        out.writeLong(w.totalCount);
        out.writeLong(w.totalValue);
        out.writeLong(w.totalMarked);
    }

    @Override
    public TriggerState deserialize(DataInputView in) throws IOException {
        int parts = in.readUnsignedByte();
        TriggerState s = new TriggerState();
        if ((parts & FINGERPRINT) != 0) {
            s.fingerprint = StringSerializer.INSTANCE.deserialize(in);
        }
        s.deadline = in.readLong();
        s.armedAt = in.readLong();
        s.anchorTime = in.readLong();
        if ((parts & ANCHOR_ID) != 0) {
            s.anchorEventId = StringSerializer.INSTANCE.deserialize(in);
        }
        s.mode = in.readInt();
        s.periodKey = in.readLong();
        s.periodCount = in.readLong();
        s.periodValue = in.readLong();
        s.periodMax = in.readLong();
        s.periodMin = in.readLong();
        s.periodMarked = in.readLong();
        s.lastSeen = in.readLong();
        if ((parts & WINDOW) != 0) {
            s.window = readWindow(in, (parts & MARKS) != 0);
        }
        if ((parts & DISTINCT) != 0) {
            int n = in.readInt();
            s.distinct = CollectionUtil.newHashMapWithExpectedSize(n);
            for (int i = 0; i < n; i++) {
                s.distinct.put(StringSerializer.INSTANCE.deserialize(in), in.readLong());
            }
        }
        if ((parts & ANCHOR_EVENT) != 0) {
            s.anchorEvent = events.deserialize(in);
        }
        return s;
    }

    private static SlidingWindow readWindow(DataInputView in, boolean marked) throws IOException {
        SlidingWindow w = new SlidingWindow();
        int length = in.readInt();
        w.size = in.readInt();
        if (w.size < 0 || w.size > length) {
            throw new IOException("a sliding window of " + w.size + " entries in arrays of " + length);
        }
        w.times = new long[length];
        w.values = new long[length];
        w.counts = new int[length];
        w.maxima = new long[length];
        w.minima = new long[length];
        for (int i = 0; i < w.size; i++) {
            w.times[i] = in.readLong();
            w.values[i] = in.readLong();
            w.counts[i] = in.readInt();
            w.maxima[i] = in.readLong();
            w.minima[i] = in.readLong();
        }
        if (marked) {
            w.marks = new int[length];
            for (int i = 0; i < w.size; i++) {
                w.marks[i] = in.readInt();
            }
        }
        w.totalCount = in.readLong();
        w.totalValue = in.readLong();
        w.totalMarked = in.readLong();
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TriggerStateSerializer other && other.events.equals(events);
    }

    @Override
    public int hashCode() {
        return TriggerStateSerializer.class.hashCode() * 31 + events.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<TriggerState> snapshotConfiguration() {
        return new Snapshot(this);
    }

    /**
     * What a checkpoint records of this serializer: the data format it wrote and the anchor event's serializer.
     * Same format: read as it is; older (or state Flink's POJO serializer wrote): read with the serializer of that
     * format and rewritten; newer: refused. Changing the layout: raise {@link #FORMAT}, read the old one in
     * {@link #createOuterSerializerWithNestedSerializers} by {@link #format}.
     */
    public static final class Snapshot extends CompositeTypeSerializerSnapshot<TriggerState, TriggerStateSerializer> {
        /** The layout of this snapshot's own part: one int, the data format. */
        private static final int SNAPSHOT_VERSION = 1;
        private int format = FORMAT;

        /** For reading a snapshot. */
        public Snapshot() {
            super();
        }

        Snapshot(TriggerStateSerializer serializer) {
            super(serializer);
        }

        /** The data format this snapshot records. */
        public int format() {
            return format;
        }

        @Override
        public TypeSerializerSchemaCompatibility<TriggerState> resolveSchemaCompatibility(TypeSerializerSnapshot<TriggerState> old) {
            if (old instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return super.resolveSchemaCompatibility(old);
        }

        @Override
        protected OuterSchemaCompatibility resolveOuterSchemaCompatibility(TypeSerializerSnapshot<TriggerState> old) {
            if (!(old instanceof Snapshot written)) {
                return OuterSchemaCompatibility.INCOMPATIBLE;
            }
            if (written.format == FORMAT) {
                return OuterSchemaCompatibility.COMPATIBLE_AS_IS;
            }
            return written.format < FORMAT ? OuterSchemaCompatibility.COMPATIBLE_AFTER_MIGRATION : OuterSchemaCompatibility.INCOMPATIBLE;
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return SNAPSHOT_VERSION;
        }

        @Override
        protected void writeOuterSnapshot(DataOutputView out) throws IOException {
            out.writeInt(format);
        }

        @Override
        protected void readOuterSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            format = in.readInt();
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(TriggerStateSerializer outer) {
            return new TypeSerializer<?>[] {outer.events};
        }

        @SuppressWarnings("unchecked")
        @Override
        protected TriggerStateSerializer createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nested) {
            if (format != FORMAT) {
                throw new IllegalStateException("no reader for rule state in format " + format + " (this version writes " + FORMAT + ")");
            }
            return new TriggerStateSerializer((TypeSerializer<Event>) nested[0]);
        }
    }
}

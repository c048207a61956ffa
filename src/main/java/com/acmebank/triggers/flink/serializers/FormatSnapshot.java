package com.acmebank.triggers.flink.serializers;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of an explicit serializer without nested ones: it records the data format the state was written in.
 * On restore, state of the same format is read as it is; an older format, or state Flink's POJO serializer wrote
 * (the versions before these serializers), is read with the serializer of its own format and rewritten in the
 * current one (Flink's state migration); a newer one is refused. Changing a format: raise the serializer's format
 * and override {@link #serializerFor} to return a reader of the old one. Each serializer has a subclass with a public
 * no-argument constructor, which Flink calls on restore.
 */
public abstract class FormatSnapshot<T> implements TypeSerializerSnapshot<T> {
    /** The layout of this snapshot itself: one int, the data format. */
    private static final int SNAPSHOT_VERSION = 1;
    private final int currentFormat;
    private final TypeSerializer<T> current;
    private int format;

    protected FormatSnapshot(int currentFormat, TypeSerializer<T> current) {
        this.currentFormat = currentFormat;
        this.current = current;
        this.format = currentFormat;
    }

    /** A serializer that reads data of {@code format}: the current one; a subclass adds readers of older ones. */
    protected TypeSerializer<T> serializerFor(int format) {
        if (format != currentFormat) {
            throw new IllegalStateException("no reader for " + current.getClass().getSimpleName() + " state in format " + format
                    + " (this version writes " + currentFormat + ")");
        }
        return current;
    }

    /** The data format this snapshot records. */
    public int format() {
        return format;
    }

    @Override
    public int getCurrentVersion() {
        return SNAPSHOT_VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeInt(format);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
        if (readVersion != SNAPSHOT_VERSION) {
            throw new IOException(getClass().getName() + ": unknown snapshot version " + readVersion);
        }
        format = in.readInt();
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return serializerFor(format);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
        if (old instanceof PojoSerializerSnapshot) {
            return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
        if (old == null || old.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        int written = ((FormatSnapshot<T>) old).format;
        if (written == currentFormat) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        return written < currentFormat ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}

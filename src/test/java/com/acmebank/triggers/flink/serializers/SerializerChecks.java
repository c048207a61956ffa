package com.acmebank.triggers.flink.serializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** What every explicit serializer's test checks the same way. */
public final class SerializerChecks {
    private SerializerChecks() {}

    /** Written and read back; every byte written is read. */
    public static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T read = serializer.deserialize(in);
        assertThat(in.available()).as("every byte written is read").isZero();
        return read;
    }

    /** The fields a serializer must write: a field added to the class must be added to its serializer. */
    public static Set<String> storedFields(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()))
                .map(Field::getName)
                .collect(Collectors.toSet());
    }

    /** Flink's POJO serializer for the class: what wrote the state of the versions before the explicit one. */
    public static <T> TypeSerializer<T> pojo(Class<T> type) {
        return TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
    }

    /** State the POJO serializer wrote is migrated (read with it, written with the new one), and reads back equal. */
    public static <T> T migratedFromPojo(TypeSerializer<T> serializer, Class<T> type, T value) throws IOException {
        TypeSerializer<T> pojo = pojo(type);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(pojo.snapshotConfiguration()).isCompatibleAfterMigration())
                .isTrue();
        DataOutputSerializer old = new DataOutputSerializer(256);
        pojo.serialize(value, old);
        return roundTrip(serializer, pojo.deserialize(new DataInputDeserializer(old.getCopyOfBuffer())));
    }

    /**
     * The data format a snapshot records decides: an older one is migrated (read by the serializer of its format),
     * a newer one is refused, and a format this version cannot read fails loudly on restore instead of misreading.
     */
    public static <T> void aSnapshotOfAnotherFormatIsMigratedOrRefused(TypeSerializer<T> serializer, TypeSerializerSnapshot<T> older,
            TypeSerializerSnapshot<T> newer, int current) throws Exception {
        setFormat(older, current - 1);
        setFormat(newer, current + 1);
        TypeSerializerSnapshot<T> now = serializer.snapshotConfiguration();
        assertThat(now.resolveSchemaCompatibility(older).isCompatibleAfterMigration()).as("an older format").isTrue();
        assertThat(now.resolveSchemaCompatibility(newer).isIncompatible()).as("a newer format").isTrue();
        assertThatThrownBy(newer::restoreSerializer).hasMessageContaining("format " + (current + 1));
    }

    private static void setFormat(Object snapshot, int format) throws Exception {
        Class<?> c = snapshot.getClass();
        while (c != null) {
            try {
                Field f = c.getDeclaredField("format");
                f.setAccessible(true);
                f.setInt(snapshot, format);
                return;
            } catch (NoSuchFieldException e) {
                c = c.getSuperclass();
            }
        }
        throw new AssertionError("no format field in " + snapshot.getClass());
    }

    /** Its own snapshot, written and read as a checkpoint does, gives back an equal serializer that needs no migration. */
    public static <T> void snapshotRestoresItself(TypeSerializer<T> serializer, TypeSerializerSnapshot<T> empty) throws IOException {
        TypeSerializerSnapshot<T> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(256);
        snapshot.writeSnapshot(out);
        empty.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()), SerializerChecks.class.getClassLoader());
        assertThat(empty.restoreSerializer()).isEqualTo(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(empty).isCompatibleAsIs()).isTrue();
    }
}

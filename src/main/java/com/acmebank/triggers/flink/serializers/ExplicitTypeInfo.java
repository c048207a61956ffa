package com.acmebank.triggers.flink.serializers;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.profile.Profile;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of a stream whose records have an explicit serializer here, so Flink does not analyse the class as a
 * POJO (the type of the streams of events, profiles and customer inputs, and of the states that hold them).
 */
public final class ExplicitTypeInfo<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;
    public static final ExplicitTypeInfo<Event> EVENT = new ExplicitTypeInfo<>(Event.class, EventSerializer.INSTANCE);
    public static final ExplicitTypeInfo<Profile> PROFILE = new ExplicitTypeInfo<>(Profile.class, ProfileSerializer.INSTANCE);

    private final Class<T> type;
    private final TypeSerializer<T> serializer;

    public ExplicitTypeInfo(Class<T> type, TypeSerializer<T> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer.duplicate();
    }

    @Override
    public String toString() {
        return type.getSimpleName() + " (" + serializer.getClass().getSimpleName() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExplicitTypeInfo<?> other && other.type == type && other.serializer.equals(serializer);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof ExplicitTypeInfo;
    }
}

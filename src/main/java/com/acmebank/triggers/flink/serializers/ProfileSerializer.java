package com.acmebank.triggers.flink.serializers;

import static com.acmebank.triggers.flink.serializers.Fields.readFlagMap;
import static com.acmebank.triggers.flink.serializers.Fields.readString;
import static com.acmebank.triggers.flink.serializers.Fields.readStringMap;
import static com.acmebank.triggers.flink.serializers.Fields.readStrings;
import static com.acmebank.triggers.flink.serializers.Fields.writeFlagMap;
import static com.acmebank.triggers.flink.serializers.Fields.writeString;
import static com.acmebank.triggers.flink.serializers.Fields.writeStringMap;
import static com.acmebank.triggers.flink.serializers.Fields.writeStrings;

import com.acmebank.triggers.profile.Profile;
import java.io.IOException;
import java.util.ArrayList;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A customer profile, between operators and in state (the profile in force, versions waiting for their
 * updatedAt); read at every wake-up of a customer. A field added to {@link Profile} is added here
 * ({@code ProfileSerializerTest} fails until it is), with a migration for the state written before it.
 */
public final class ProfileSerializer extends RecordSerializer<Profile> {
    private static final long serialVersionUID = 1L;
    public static final ProfileSerializer INSTANCE = new ProfileSerializer();
    /** The data format written; raised when the layout changes (see {@link FormatSnapshot}). */
    static final int FORMAT = 1;

    @Override
    public Profile createInstance() {
        return new Profile();
    }

    @Override
    public Profile copy(Profile from) {
        Profile to = new Profile();
        to.customerId = from.customerId;
        to.updatedAt = from.updatedAt;
        to.name = from.name;
        to.tier = from.tier;
        to.segments = from.segments == null ? null : new ArrayList<>(from.segments);
        to.birthDate = from.birthDate;
        to.timezone = from.timezone;
        to.language = from.language;
        to.consent = Fields.copy(from.consent);
        to.attributes = Fields.copy(from.attributes);
        to.deleted = from.deleted;
        return to;
    }

    @Override
    public void serialize(Profile p, DataOutputView out) throws IOException {
        writeString(p.customerId, out);
        out.writeLong(p.updatedAt);
        writeString(p.name, out);
        writeString(p.tier, out);
        writeStrings(p.segments, out);
        writeString(p.birthDate, out);
        writeString(p.timezone, out);
        writeString(p.language, out);
        writeFlagMap(p.consent, out);
        writeStringMap(p.attributes, out);
        out.writeBoolean(p.deleted);
    }

    @Override
    public Profile deserialize(DataInputView in) throws IOException {
        Profile p = new Profile();
        p.customerId = readString(in);
        p.updatedAt = in.readLong();
        p.name = readString(in);
        p.tier = readString(in);
        p.segments = readStrings(in);
        p.birthDate = readString(in);
        p.timezone = readString(in);
        p.language = readString(in);
        p.consent = readFlagMap(in);
        p.attributes = readStringMap(in);
        p.deleted = in.readBoolean();
        return p;
    }

    @Override
    public TypeSerializerSnapshot<Profile> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Records {@link #FORMAT}; POJO-written state is migrated. */
    public static final class Snapshot extends FormatSnapshot<Profile> {
        public Snapshot() {
            super(FORMAT, INSTANCE);
        }
    }
}

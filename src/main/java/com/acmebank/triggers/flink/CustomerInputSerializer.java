package com.acmebank.triggers.flink;

import com.acmebank.triggers.flink.serializers.EventSerializer;
import com.acmebank.triggers.flink.serializers.FormatSnapshot;
import com.acmebank.triggers.flink.serializers.ProfileSerializer;
import com.acmebank.triggers.flink.serializers.RecordSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** An event or a profile on its way to the customer operator: one byte says which, then the record. */
final class CustomerInputSerializer extends RecordSerializer<CustomerInput> {
    private static final long serialVersionUID = 1L;
    static final CustomerInputSerializer INSTANCE = new CustomerInputSerializer();
    /** The data format written; raised when the layout changes (see {@link FormatSnapshot}). */
    static final int FORMAT = 1;
    private static final int EVENT = 1;
    private static final int PROFILE = 2;

    @Override
    public CustomerInput createInstance() {
        return new CustomerInput();
    }

    @Override
    public CustomerInput copy(CustomerInput from) {
        CustomerInput to = new CustomerInput();
        to.event = from.event == null ? null : EventSerializer.INSTANCE.copy(from.event);
        to.profile = from.profile == null ? null : ProfileSerializer.INSTANCE.copy(from.profile);
        return to;
    }

    @Override
    public void serialize(CustomerInput in, DataOutputView out) throws IOException {
        out.writeByte((in.event != null ? EVENT : 0) | (in.profile != null ? PROFILE : 0));
        if (in.event != null) {
            EventSerializer.INSTANCE.serialize(in.event, out);
        }
        if (in.profile != null) {
            ProfileSerializer.INSTANCE.serialize(in.profile, out);
        }
    }

    @Override
    public CustomerInput deserialize(DataInputView source) throws IOException {
        int parts = source.readUnsignedByte();
        CustomerInput in = new CustomerInput();
        if ((parts & EVENT) != 0) {
            in.event = EventSerializer.INSTANCE.deserialize(source);
        }
        if ((parts & PROFILE) != 0) {
            in.profile = ProfileSerializer.INSTANCE.deserialize(source);
        }
        return in;
    }

    @Override
    public TypeSerializerSnapshot<CustomerInput> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Records {@link #FORMAT}; POJO-written state is migrated. */
    public static final class Snapshot extends FormatSnapshot<CustomerInput> {
        public Snapshot() {
            super(FORMAT, INSTANCE);
        }
    }
}

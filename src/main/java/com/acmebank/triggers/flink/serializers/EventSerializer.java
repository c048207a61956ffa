package com.acmebank.triggers.flink.serializers;

import static com.acmebank.triggers.flink.serializers.Fields.readDecimal;
import static com.acmebank.triggers.flink.serializers.Fields.readString;
import static com.acmebank.triggers.flink.serializers.Fields.readStringMap;
import static com.acmebank.triggers.flink.serializers.Fields.writeDecimal;
import static com.acmebank.triggers.flink.serializers.Fields.writeString;
import static com.acmebank.triggers.flink.serializers.Fields.writeStringMap;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.Origin;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * An input event, between operators and in state (the buffered events, a rule's anchor event). A field added to
 * {@link Event} or {@link Origin} is added here ({@code EventSerializerTest} fails until it is), with a migration
 * for the state written before it.
 */
public final class EventSerializer extends RecordSerializer<Event> {
    private static final long serialVersionUID = 1L;
    public static final EventSerializer INSTANCE = new EventSerializer();
    /** The data format written; raised when the layout changes (see {@link FormatSnapshot}). */
    static final int FORMAT = 1;

    @Override
    public Event createInstance() {
        return new Event();
    }

    @Override
    public Event copy(Event from) {
        Event to = new Event();
        to.eventId = from.eventId;
        to.type = from.type;
        to.customerId = from.customerId;
        to.eventTime = from.eventTime;
        to.amount = from.amount;
        to.currency = from.currency;
        to.merchantId = from.merchantId;
        to.merchantName = from.merchantName;
        to.mcc = from.mcc;
        to.country = from.country;
        to.channel = from.channel;
        to.cardType = from.cardType;
        to.balance = from.balance;
        to.productId = from.productId;
        to.productType = from.productType;
        to.loanType = from.loanType;
        to.counterpartyBank = from.counterpartyBank;
        to.changePct = from.changePct;
        to.originalEventId = from.originalEventId;
        to.attributes = Fields.copy(from.attributes);
        to.fannedOut = from.fannedOut;
        to.raw = from.raw;
        to.origin = from.origin == null ? null : copy(from.origin);
        return to;
    }

    private static Origin copy(Origin from) {
        Origin to = new Origin();
        to.file = from.file;
        to.line = from.line;
        to.topic = from.topic;
        to.partition = from.partition;
        to.offset = from.offset;
        return to;
    }

    @Override
    public void serialize(Event e, DataOutputView out) throws IOException {
        writeString(e.eventId, out);
        writeString(e.type, out);
        writeString(e.customerId, out);
        out.writeLong(e.eventTime);
        writeDecimal(e.amount, out);
        writeString(e.currency, out);
        writeString(e.merchantId, out);
        writeString(e.merchantName, out);
        writeString(e.mcc, out);
        writeString(e.country, out);
        writeString(e.channel, out);
        writeString(e.cardType, out);
        writeDecimal(e.balance, out);
        writeString(e.productId, out);
        writeString(e.productType, out);
        writeString(e.loanType, out);
        writeString(e.counterpartyBank, out);
        writeDecimal(e.changePct, out);
        writeString(e.originalEventId, out);
        writeStringMap(e.attributes, out);
        out.writeBoolean(e.fannedOut);
        writeString(e.raw, out);
        out.writeBoolean(e.origin != null);
        if (e.origin != null) {
            writeString(e.origin.file, out);
            out.writeLong(e.origin.line);
            writeString(e.origin.topic, out);
            out.writeInt(e.origin.partition);
            out.writeLong(e.origin.offset);
        }
    }

    @Override
    public Event deserialize(DataInputView in) throws IOException {
        Event e = new Event();
        e.eventId = readString(in);
        e.type = readString(in);
        e.customerId = readString(in);
        e.eventTime = in.readLong();
        e.amount = readDecimal(in);
        e.currency = readString(in);
        e.merchantId = readString(in);
        e.merchantName = readString(in);
        e.mcc = readString(in);
        e.country = readString(in);
        e.channel = readString(in);
        e.cardType = readString(in);
        e.balance = readDecimal(in);
        e.productId = readString(in);
        e.productType = readString(in);
        e.loanType = readString(in);
        e.counterpartyBank = readString(in);
        e.changePct = readDecimal(in);
        e.originalEventId = readString(in);
        e.attributes = readStringMap(in);
        e.fannedOut = in.readBoolean();
        e.raw = readString(in);
        if (in.readBoolean()) {
            Origin o = new Origin();
            o.file = readString(in);
            o.line = in.readLong();
            o.topic = readString(in);
            o.partition = in.readInt();
            o.offset = in.readLong();
            e.origin = o;
        }
        return e;
    }

    @Override
    public TypeSerializerSnapshot<Event> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Records {@link #FORMAT}; POJO-written state is migrated. */
    public static final class Snapshot extends FormatSnapshot<Event> {
        public Snapshot() {
            super(FORMAT, INSTANCE);
        }
    }
}

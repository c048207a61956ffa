package com.acmebank.triggers.flink.serializers;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.base.BigDecSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.CollectionUtil;

/**
 * Nullable strings, amounts, lists and maps, written the same way by every serializer here. Maps are read and copied
 * into hash maps sized as Flink's own map serializer sizes them, so they iterate in the order they did under the
 * POJO serializer (an event's attributes are written out in that order, in dead letters and late events).
 */
final class Fields {
    private static final int NULL = -1;

    private Fields() {}

    static void writeString(String s, DataOutputView out) throws IOException {
        StringSerializer.INSTANCE.serialize(s, out); // null-safe
    }

    static String readString(DataInputView in) throws IOException {
        return StringSerializer.INSTANCE.deserialize(in);
    }

    static void writeDecimal(BigDecimal d, DataOutputView out) throws IOException {
        BigDecSerializer.INSTANCE.serialize(d, out); // null-safe
    }

    static BigDecimal readDecimal(DataInputView in) throws IOException {
        return BigDecSerializer.readBigDecimal(in);
    }

    static void writeStrings(List<String> list, DataOutputView out) throws IOException {
        out.writeInt(list == null ? NULL : list.size());
        if (list != null) {
            for (String s : list) {
                writeString(s, out);
            }
        }
    }

    static List<String> readStrings(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n == NULL) {
            return null;
        }
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(readString(in));
        }
        return list;
    }

    static void writeStringMap(Map<String, String> map, DataOutputView out) throws IOException {
        out.writeInt(map == null ? NULL : map.size());
        if (map != null) {
            for (Map.Entry<String, String> e : map.entrySet()) {
                writeString(e.getKey(), out);
                writeString(e.getValue(), out);
            }
        }
    }

    static Map<String, String> readStringMap(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n == NULL) {
            return null;
        }
        Map<String, String> map = CollectionUtil.newHashMapWithExpectedSize(n);
        for (int i = 0; i < n; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }

    /** Booleans as a byte: 0 false, 1 true, 2 null. */
    static void writeFlagMap(Map<String, Boolean> map, DataOutputView out) throws IOException {
        out.writeInt(map == null ? NULL : map.size());
        if (map != null) {
            for (Map.Entry<String, Boolean> e : map.entrySet()) {
                writeString(e.getKey(), out);
                Boolean v = e.getValue();
                out.writeByte(v == null ? 2 : v ? 1 : 0);
            }
        }
    }

    static Map<String, Boolean> readFlagMap(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n == NULL) {
            return null;
        }
        Map<String, Boolean> map = CollectionUtil.newHashMapWithExpectedSize(n);
        for (int i = 0; i < n; i++) {
            String key = readString(in);
            int v = in.readUnsignedByte();
            map.put(key, v == 2 ? null : v == 1);
        }
        return map;
    }

    /** A copy as Flink's map serializer makes it (same sizing, same insertion order); null stays null. */
    static <K, V> Map<K, V> copy(Map<K, V> from) {
        if (from == null) {
            return null;
        }
        Map<K, V> to = CollectionUtil.newHashMapWithExpectedSize(from.size());
        for (Map.Entry<K, V> e : from.entrySet()) {
            to.put(e.getKey(), e.getValue());
        }
        return to;
    }
}

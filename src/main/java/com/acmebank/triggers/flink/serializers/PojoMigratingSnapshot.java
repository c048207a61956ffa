package com.acmebank.triggers.flink.serializers;

import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;

/**
 * The snapshot of an explicit serializer without nested ones: state that Flink's POJO serializer wrote (the
 * versions before this serializer) is read with it and rewritten in the new format on restore.
 */
public abstract class PojoMigratingSnapshot<T> extends SimpleTypeSerializerSnapshot<T> {
    protected PojoMigratingSnapshot(Supplier<? extends TypeSerializer<T>> serializer) {
        super(serializer);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
        if (old instanceof PojoSerializerSnapshot) {
            return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
        return super.resolveSchemaCompatibility(old);
    }
}

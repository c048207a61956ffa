package com.acmebank.triggers.flink.serializers;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.profile.Profile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The explicit serializer of a customer profile: every field, nulls (a consent left unset), deep copies, POJO state migrated. */
class ProfileSerializerTest {
    private final ProfileSerializer serializer = ProfileSerializer.INSTANCE;

    @Test
    void everyFieldSurvivesARoundTrip() throws IOException {
        assertThat(SerializerChecks.roundTrip(serializer, full())).usingRecursiveComparison().isEqualTo(full());
    }

    @Test
    void aTombstoneWithNothingButItsIdSurvivesARoundTrip() throws IOException {
        Profile tombstone = new Profile();
        tombstone.customerId = "C-9";
        tombstone.deleted = true;
        assertThat(SerializerChecks.roundTrip(serializer, tombstone)).usingRecursiveComparison().isEqualTo(tombstone);
        assertThat(SerializerChecks.roundTrip(serializer, tombstone).updatedAt).isEqualTo(Profile.NO_TIME);
    }

    @Test
    void itWritesEveryStoredFieldOfTheProfile() {
        // a field added to Profile must be added to the serializer
        assertThat(SerializerChecks.storedFields(Profile.class)).containsExactlyInAnyOrder("customerId", "updatedAt", "name", "tier", "segments",
                "birthDate", "timezone", "language", "consent", "attributes", "deleted");
    }

    @Test
    void aCopySharesNothingMutableWithItsOriginal() {
        Profile original = full();
        Profile copy = serializer.copy(original);
        assertThat(copy).usingRecursiveComparison().isEqualTo(original);
        copy.segments.add("new");
        copy.consent.put("sms", false);
        copy.attributes.put("new", "1");
        assertThat(original.segments).doesNotContain("new");
        assertThat(original.consent).containsEntry("sms", true);
        assertThat(original.attributes).doesNotContainKey("new");
    }

    @Test
    void stateWrittenByThePojoSerializerIsMigrated() throws IOException {
        assertThat(SerializerChecks.migratedFromPojo(serializer, Profile.class, full())).usingRecursiveComparison().isEqualTo(full());
    }

    @Test
    void aSnapshotOfAnotherFormatIsMigratedOrRefused() throws Exception {
        SerializerChecks.aSnapshotOfAnotherFormatIsMigratedOrRefused(serializer, new ProfileSerializer.Snapshot(), new ProfileSerializer.Snapshot(),
                ProfileSerializer.FORMAT);
    }

    @Test
    void itsOwnSnapshotRestoresItselfWithoutMigration() throws IOException {
        SerializerChecks.snapshotRestoresItself(serializer, new ProfileSerializer.Snapshot());
    }

    private static Profile full() {
        Profile p = new Profile();
        p.customerId = "C-1";
        p.updatedAt = 1_797_000_000_000L;
        p.name = "Li Wei";
        p.tier = "GOLD";
        p.segments = new ArrayList<>(List.of("PARTNER_FAN", "HNW"));
        p.birthDate = "1990-02-28";
        p.timezone = "Asia/Shanghai";
        p.language = "zh";
        p.consent = new HashMap<>(Map.of("push", true, "sms", true, "email", false));
        p.consent.put("mail", null);
        p.attributes = new HashMap<>(Map.of("city", "Shanghai", "age", "36"));
        p.deleted = false;
        return p;
    }
}

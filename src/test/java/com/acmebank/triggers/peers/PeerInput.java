package com.acmebank.triggers.peers;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.Parsed;
import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.flink.LineFileFormat;
import com.acmebank.triggers.flink.ParseEvents;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.profile.ProfileParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What every peer reads, the way the engine's replay reads it: the events file through the same file source and the
 * engine's own parser ({@link ParseEvents}: same validation, exact decimals, its record count), so parsing costs the
 * peers what it costs the engine and a record the engine rejects is rejected here too.
 */
final class PeerInput {
    /** The engine's default zone for customers without a profile or a timezone (rules/policy.yaml). */
    static final String DEFAULT_ZONE = "Asia/Shanghai";

    private PeerInput() {}

    /** The parsed events of the file, in file order, at parallelism 1 (as the engine's source). */
    static DataStream<Event> events(StreamExecutionEnvironment env, Path file) {
        FileSource<RawRecord> source = FileSource
                .forRecordStreamFormat(new LineFileFormat(file.getFileName().toString()), org.apache.flink.core.fs.Path.fromLocalFile(file.toFile()))
                .build();
        // no simulation end and no clock check: nothing is a dead letter for being out of time
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "events file", TypeInformation.of(RawRecord.class)).setParallelism(1)
                .process(new ParseEvents(new EngineConfig())).name("Parse events").setParallelism(1);
    }

    /** Records read, as the engine counts them (the accumulator of {@link ParseEvents}). */
    static long records(org.apache.flink.api.common.JobExecutionResult result) {
        Long n = result.getAccumulatorResult(ParseEvents.RECORDS);
        return n == null ? 0 : n;
    }

    /**
     * Each customer's time zone: a small dimension, read by the client and shipped with the job. The latest line of a
     * customer wins (the generator writes one profile per customer; the engine would apply later versions at their
     * updatedAt). Customers without a profile or a timezone are left out and get {@link #DEFAULT_ZONE}.
     */
    static Map<String, String> zones(Path profiles) throws IOException {
        Map<String, String> zones = new HashMap<>();
        if (profiles == null) {
            return zones;
        }
        ProfileParser parser = new ProfileParser();
        try (BufferedReader reader = Files.newBufferedReader(profiles, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Parsed<Profile> p = parser.parse(line);
                if (p.isOk() && p.value().timezone != null) {
                    zones.put(p.value().customerId, p.value().timezone);
                }
            }
        }
        return zones;
    }
}

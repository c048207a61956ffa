package com.acmebank.triggers.jobs;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Origin;
import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.flink.TriggerTopology;
import com.acmebank.triggers.flink.Watermarking;
import com.acmebank.triggers.generator.Settings;
import com.acmebank.triggers.generator.TrafficGenerator;
import com.acmebank.triggers.rule.RuleFiles;
import com.acmebank.triggers.rule.RuleUpdates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The demo job: generated bank traffic through the shipped rules, into the sinks the caller gives. */
public final class DemoJob {
    private DemoJob() {}

    public static void build(StreamExecutionEnvironment env, Settings traffic, int eventsPerSecond, TriggerTopology.Sinks sinks,
            RuleFiles.Loaded rules, Map<String, List<String>> lists, EngineConfig config) {
        List<RawRecord> profiles = new ArrayList<>();
        for (String line : new TrafficGenerator(traffic).profiles()) {
            profiles.add(new RawRecord(line, null, Origin.described("generated profiles")));
        }
        DataGeneratorSource<RawRecord> source = new DataGeneratorSource<>(new GeneratedTraffic(traffic), Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(eventsPerSecond), TypeInformation.of(RawRecord.class));
        DataStream<RawRecord> events = env.fromSource(source, WatermarkStrategy.noWatermarks(), "Generated traffic")
                .uid("generated-traffic").setParallelism(1);
        DataStream<RawRecord> profileStream = env.fromData(profiles, TypeInformation.of(RawRecord.class))
                .uid("generated-profiles").name("Generated profiles").setParallelism(1);
        DataStream<RawRecord> ruleStream = env.fromData(RuleUpdates.records(lists, rules), TypeInformation.of(RawRecord.class))
                .uid("rule-files").name("Rule files").setParallelism(1)
                .assignTimestampsAndWatermarks(Watermarking.ruleFiles()).uid("rule-time").name("Rule time").setParallelism(1);
        TriggerTopology.wire(new TriggerTopology.Inputs(events, profileStream, ruleStream, false, rules.book()), sinks, config);
    }
}

package com.acmebank.triggers.jobs;

import com.acmebank.triggers.event.Origin;
import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.generator.Settings;
import com.acmebank.triggers.generator.TrafficGenerator;
import com.acmebank.triggers.event.Times;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The demo's endless event source: the traffic generator's events, day after day, as raw records. Run at
 * parallelism 1 so the generator's single iterator is read in order.
 */
public final class GeneratedTraffic implements GeneratorFunction<Long, RawRecord> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Settings settings;
    private transient Iterator<String> events;

    public GeneratedTraffic(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void open(SourceReaderContext context) {
        events = new TrafficGenerator(settings).events();
    }

    @Override
    public RawRecord map(Long index) {
        String line = events.next();
        DemoStats.EVENTS.incrementAndGet();
        if ((index & 1023) == 0) {
            try {
                var time = JSON.readTree(line).path("eventTime");
                DemoStats.EVENT_TIME.set(time.isNumber() ? time.asLong() : Times.parseInstant(time.asText()));
            } catch (Exception malformed) {
                // a deliberately malformed line: the clock is read from the next one
            }
        }
        return new RawRecord(line, null, Origin.described("generator #" + index));
    }
}

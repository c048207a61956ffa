package com.acmebank.triggers.flink;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.EventParser;
import com.acmebank.triggers.event.Parsed;
import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.output.DeadLetter;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Parses raw records into events; a record that is not a valid event goes to the dead letters with its reason.
 * So does an event stamped far beyond the end of simulated time (replay) or ahead of the clock (live): a wrong
 * clock upstream must not carry event time away and make every later event late.
 */
public class ParseEvents extends ProcessFunction<RawRecord, Event> {
    private static final long serialVersionUID = 1L;
    private final long simulationEnd;
    private final long maxAheadOfClock;

    public ParseEvents(EngineConfig config) {
        this.simulationEnd = config.simulationEnd;
        this.maxAheadOfClock = config.maxAheadOfClockMillis;
    }
    /** Accumulator: records read from the event sources. */
    public static final String RECORDS = "event-records";
    private transient EventParser parser;
    private transient LongCounter records;

    @Override
    public void open(OpenContext openContext) {
        parser = new EventParser();
        records = new LongCounter();
        getRuntimeContext().addAccumulator(RECORDS, records);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<Event> out) {
        records.add(1);
        if (record.problem != null) {
            ctx.output(OutputTags.DEAD_LETTERS, new DeadLetter(DeadLetter.EVENT, record.text, record.problem, null, record.origin));
            return;
        }
        Parsed<Event> parsed = parser.parse(record.text);
        String tooLate = parsed.isOk() ? beyondTime(parsed.value().eventTime) : null;
        if (tooLate != null) {
            ctx.output(OutputTags.DEAD_LETTERS, new DeadLetter(DeadLetter.EVENT, record.text, tooLate, parsed.value().eventId, record.origin));
        } else if (parsed.isOk()) {
            Event e = parsed.value();
            e.raw = record.text;
            e.origin = record.origin;
            out.collect(e);
        } else {
            ctx.output(OutputTags.DEAD_LETTERS, new DeadLetter(DeadLetter.EVENT, record.text, parsed.error(), parsed.eventId(), record.origin));
        }
    }

    private String beyondTime(long eventTime) {
        if (simulationEnd != Long.MAX_VALUE) {
            if (eventTime > simulationEnd + EngineConfig.DAY) {
                return "eventTime: " + Times.format(eventTime) + " is more than a day after the end of simulated time (--until "
                        + Times.format(simulationEnd) + ")";
            }
        } else if (maxAheadOfClock > 0) {
            long now = System.currentTimeMillis();
            if (eventTime > now + maxAheadOfClock) {
                return "eventTime: " + Times.format(eventTime) + " is more than " + com.acmebank.triggers.spec.Durations.format(maxAheadOfClock)
                        + " ahead of the engine's clock (" + Times.format(now) + ")";
            }
        }
        return null;
    }
}

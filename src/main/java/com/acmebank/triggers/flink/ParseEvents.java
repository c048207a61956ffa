package com.acmebank.triggers.flink;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.EventParser;
import com.acmebank.triggers.event.Parsed;
import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.output.DeadLetter;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Parses raw records into events; a record that is not a valid event goes to the dead letters with its reason. */
public class ParseEvents extends ProcessFunction<RawRecord, Event> {
    private static final long serialVersionUID = 1L;
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
        Parsed<Event> parsed = parser.parse(record.text);
        if (parsed.isOk()) {
            Event e = parsed.value();
            e.raw = record.text;
            e.origin = record.origin;
            out.collect(e);
        } else {
            ctx.output(OutputTags.DEAD_LETTERS, new DeadLetter(DeadLetter.EVENT, record.text, parsed.error(), parsed.eventId(), record.origin));
        }
    }
}

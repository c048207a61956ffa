package com.acmebank.triggers.cli;

import com.acmebank.triggers.output.DeadLetter;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.LateEvent;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.jobs.DemoStats;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** The demo's outputs: offers printed as they are made, everything counted for the periodic figures. */
public final class ConsoleSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));
    private final boolean print;

    public ConsoleSink(boolean print) {
        this.print = print;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                record(element, print ? System.out : null);
            }

            @Override
            public void flush(boolean endOfInput) {
                System.out.flush();
            }

            @Override
            public void close() {}
        };
    }

    static void record(Object element, PrintStream out) {
        if (element instanceof Offer o) {
            DemoStats.OFFERS.incrementAndGet();
            if (out != null) {
                out.printf("OFFER  %s  %-9s %-30s %-7s %s%n", TIME.format(Instant.ofEpochMilli(o.sendAt)), o.customerId, o.ruleId, o.channel,
                        o.message.length() > 60 ? o.message.substring(0, 60) + "…" : o.message);
            }
        } else if (element instanceof Decision d) {
            DemoStats.outcome(d.outcome, d.reason);
        } else if (element instanceof DeadLetter d) {
            DemoStats.DEAD_LETTERS.incrementAndGet();
            if (out != null) {
                out.printf("DEAD   %s: %s%n", d.origin, d.reason);
            }
        } else if (element instanceof LateEvent) {
            DemoStats.LATE_EVENTS.incrementAndGet();
        }
    }
}

package com.acmebank.triggers.flink;

import com.acmebank.triggers.event.Parsed;
import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.output.DeadLetter;
import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.profile.ProfileParser;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Parses customer profiles; invalid ones go to the dead letters. A Kafka tombstone (a key without a value)
 * deletes the customer's profile.
 */
public class ParseProfiles extends ProcessFunction<RawRecord, CustomerInput> {
    private static final long serialVersionUID = 1L;
    private transient ProfileParser parser;

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<CustomerInput> out) {
        if (parser == null) {
            parser = new ProfileParser();
        }
        if (record.problem != null) {
            ctx.output(OutputTags.DEAD_LETTERS, new DeadLetter(DeadLetter.PROFILE, record.text, record.problem, null, record.origin));
            return;
        }
        if (record.text == null && record.key != null) {
            out.collect(CustomerInput.of(ProfileParser.tombstone(record.key)));
            return;
        }
        Parsed<Profile> parsed = parser.parse(record.text);
        if (parsed.isOk()) {
            out.collect(CustomerInput.of(parsed.value()));
        } else {
            ctx.output(OutputTags.DEAD_LETTERS, new DeadLetter(DeadLetter.PROFILE, record.text, parsed.error(), null, record.origin));
        }
    }
}

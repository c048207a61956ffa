package com.acmebank.triggers.flink;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.flink.serializers.ExplicitTypeInfo;
import com.acmebank.triggers.output.Conversion;
import com.acmebank.triggers.output.DeadLetter;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.LateEvent;
import com.acmebank.triggers.output.Offer;
import com.acmebank.triggers.output.RuleStatus;
import com.acmebank.triggers.rule.RuleBook;
import com.acmebank.triggers.rule.RuleUpdate;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The job graph, shared by demo, replay, run and the tests. It takes its sources' streams and its sinks as
 * arguments and never sees a file name or a broker address.
 *
 * <pre>
 * events -> parse -> watermarks -> gate --------------------------------> customer-triggers -> offers
 *                                     \-> holdings-fan-out (by product) -^        |-> decisions, conversions
 * profiles -> parse ---------------------------------------------------^          |-> late events
 * rule updates -> rule registry -> (broadcast) both keyed operators              '-> dead letters
 *                     '-> rule status
 * </pre>
 */
public final class TriggerTopology {
    /** Operator names that the metrics (and the status line of run) are found by. */
    public static final String PARSE_EVENTS = "Parse events";
    public static final String CUSTOMER_TRIGGERS = "Customer triggers";
    public static final String OFFERS = "Offers";
    public static final String DEAD_LETTERS = "Dead letters";
    public static final String LATE_EVENTS = "Late events";
    public static final String CONVERSIONS = "Conversions";
    public static final String RULE_REGISTRY = "Rule registry";

    private TriggerTopology() {}

    /**
     * The input streams. {@code live}: the event and profile streams come with event time and watermarks from their
     * sources (Kafka, per partition, see {@link Watermarking#liveEvents}); otherwise (files, the generator) event time
     * is taken from the parsed records only. {@code rules}: rule and list updates in the format of the rule-updates
     * topic (from the topic, or made from rule files), with a single parallel instance. {@code fixedRules}: the rules,
     * when they cannot change while the job runs (replay, demo), so events no rule reacts to stop at the gate; null
     * when rules may change.
     */
    public record Inputs(DataStream<RawRecord> events, DataStream<RawRecord> profiles, DataStream<RawRecord> rules, boolean live,
            RuleBook fixedRules) {}

    public record Outputs(DataStream<Offer> offers, DataStream<Decision> decisions, DataStream<DeadLetter> deadLetters,
            DataStream<LateEvent> lateEvents, DataStream<Conversion> conversions, DataStream<RuleStatus> ruleStatus) {}

    public record Sinks(Sink<Offer> offers, Sink<Decision> decisions, Sink<DeadLetter> deadLetters, Sink<LateEvent> lateEvents,
            Sink<Conversion> conversions, Sink<RuleStatus> ruleStatus, int parallelism) {}

    public static Outputs build(Inputs in, EngineConfig config) {
        // Parsing, event time and the late gate run at the source's parallelism, chained to it, so each
        // source instance's records keep their order up to the watermark generator.
        int ingest = in.events().getParallelism();
        SingleOutputStreamOperator<Event> parsed = in.events()
                .process(new ParseEvents(config), ExplicitTypeInfo.EVENT)
                .uid("parse-events").name(PARSE_EVENTS).setParallelism(ingest);
        SingleOutputStreamOperator<Event> timed = in.live() ? parsed : parsed
                .assignTimestampsAndWatermarks(Watermarking.recordedEvents(config))
                .uid("event-watermarks").name("Event time").setParallelism(ingest);
        EventGate gate = in.live() ? new EventGate(config.fanOutShards)
                : in.fixedRules() != null ? EventGate.recorded(config.fanOutShards, config.outOfOrdernessMillis, in.fixedRules())
                : EventGate.recorded(config.fanOutShards, config.outOfOrdernessMillis);
        SingleOutputStreamOperator<Event> gated = timed
                .process(gate, ExplicitTypeInfo.EVENT)
                .uid("event-gate").name("Late-event gate").setParallelism(ingest);

        int profileIngest = in.profiles().getParallelism();
        SingleOutputStreamOperator<CustomerInput> profiles = in.profiles()
                .process(new ParseProfiles(), CustomerInput.TYPE)
                .uid("parse-profiles").name("Parse profiles").setParallelism(profileIngest);
        // a profile file holds event time back until it is read whole (its watermark goes from none to the end)
        DataStream<CustomerInput> timedProfiles = profiles;

        // one registry judges every update, so every operator instance gets the same accepted updates, stamped alike
        SingleOutputStreamOperator<RuleUpdate> accepted = in.rules()
                .process(new RuleRegistryFunction(), TypeInformation.of(RuleUpdate.class))
                .uid("rule-registry").name(RULE_REGISTRY).setParallelism(1);
        BroadcastStream<RuleUpdate> rules = accepted.broadcast(StateDescriptors.RULE_STATES.toArray(new MapStateDescriptor[0]));

        SingleOutputStreamOperator<Event> fannedOut = gated.getSideOutput(OutputTags.HOLDINGS)
                .keyBy(new Keys.ByProductShard())
                .connect(rules)
                .process(new HoldingsFanOutFunction(config), ExplicitTypeInfo.EVENT)
                .uid("holdings-fan-out").name("Holdings fan-out");

        // each side is wrapped where it is made, chained to it: a map after the union would be a task of its own
        DataStream<CustomerInput> customerEvents = gated
                .map(new Keys.AsCustomerInput(), CustomerInput.TYPE)
                .uid("as-customer-input").name("To customer").setParallelism(ingest)
                .union(fannedOut.map(new Keys.AsCustomerInput(), CustomerInput.TYPE)
                        .uid("fanned-out-as-customer-input").name("Fanned out to customer"));

        SingleOutputStreamOperator<Offer> offers = customerEvents.union(timedProfiles)
                .keyBy(new Keys.ByCustomer())
                .connect(rules)
                .process(new CustomerTriggerFunction(config, in.live()), TypeInformation.of(Offer.class))
                .uid("customer-triggers").name(CUSTOMER_TRIGGERS);

        DataStream<DeadLetter> deadLetters = parsed.getSideOutput(OutputTags.DEAD_LETTERS)
                .union(profiles.getSideOutput(OutputTags.DEAD_LETTERS), offers.getSideOutput(OutputTags.DEAD_LETTERS),
                        accepted.getSideOutput(OutputTags.DEAD_LETTERS));
        DataStream<LateEvent> late = gated.getSideOutput(OutputTags.LATE_EVENTS)
                .union(offers.getSideOutput(OutputTags.LATE_EVENTS), fannedOut.getSideOutput(OutputTags.LATE_EVENTS));
        return new Outputs(offers, offers.getSideOutput(OutputTags.DECISIONS), deadLetters, late,
                offers.getSideOutput(OutputTags.CONVERSIONS), accepted.getSideOutput(OutputTags.RULE_STATUS));
    }

    /** Builds the graph and attaches the sinks. */
    public static Outputs wire(Inputs in, Sinks sinks, EngineConfig config) {
        Outputs out = build(in, config);
        out.offers().sinkTo(sinks.offers()).uid("offers-sink").name(OFFERS).setParallelism(sinks.parallelism());
        out.decisions().sinkTo(sinks.decisions()).uid("decisions-sink").name("Decisions").setParallelism(sinks.parallelism());
        out.deadLetters().sinkTo(sinks.deadLetters()).uid("dead-letters-sink").name(DEAD_LETTERS).setParallelism(sinks.parallelism());
        out.lateEvents().sinkTo(sinks.lateEvents()).uid("late-events-sink").name(LATE_EVENTS).setParallelism(sinks.parallelism());
        out.conversions().sinkTo(sinks.conversions()).uid("conversions-sink").name(CONVERSIONS).setParallelism(sinks.parallelism());
        out.ruleStatus().sinkTo(sinks.ruleStatus()).uid("rule-status-sink").name("Rule status").setParallelism(1);
        return out;
    }
}

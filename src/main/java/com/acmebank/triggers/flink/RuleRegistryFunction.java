package com.acmebank.triggers.flink;

import com.acmebank.triggers.event.RawRecord;
import com.acmebank.triggers.output.DeadLetter;
import com.acmebank.triggers.rule.RuleUpdate;
import com.acmebank.triggers.ruleset.RuleRegistry;
import com.acmebank.triggers.ruleset.RuleUpdateJson;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads rule and list updates (the records of the rule-updates topic, or of the rule files of a replay) and judges
 * each one in a single place, with a single parallel instance, before the broadcast: a status for every update to
 * the rule-status output, a dead letter for every rejected one, and the accepted ones, stamped with the event time
 * they apply from, on to both keyed operators. What is in force is kept in its checkpoints.
 */
public class RuleRegistryFunction extends ProcessFunction<RawRecord, RuleUpdate> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RuleRegistryFunction.class);
    static final ListStateDescriptor<RuleUpdate> IN_FORCE = new ListStateDescriptor<>("rule-registry", TypeInformation.of(RuleUpdate.class));

    static final ListStateDescriptor<Long> EVENT_TIME = new ListStateDescriptor<>("rule-registry-event-time", TypeInformation.of(Long.class));

    private transient RuleRegistry registry;
    private transient ListState<RuleUpdate> inForce;
    /** The furthest event time the rules' watermark reached, kept across restores: after one, it starts again from nothing. */
    private transient long eventTime;
    private transient ListState<Long> eventTimeState;

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        registry = new RuleRegistry();
        inForce = context.getOperatorStateStore().getListState(IN_FORCE);
        eventTimeState = context.getOperatorStateStore().getListState(EVENT_TIME);
        eventTime = Long.MIN_VALUE;
        if (context.isRestored()) {
            List<RuleUpdate> restored = new ArrayList<>();
            inForce.get().forEach(restored::add);
            registry.restore(restored);
            for (Long t : eventTimeState.get()) {
                eventTime = Math.max(eventTime, t);
            }
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        inForce.update(registry.snapshot());
        eventTimeState.update(List.of(eventTime));
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<RuleUpdate> out) {
        // an update read after a restore (published while the job was down, or read again) is not applied before the
        // event time the job had reached: it may have judged events up to there with the rules then in force
        eventTime = Math.max(eventTime, ctx.timerService().currentWatermark());
        long watermark = eventTime;
        RuleRegistry.Verdict verdict;
        try {
            if (raw.problem != null) {
                throw new RuleUpdateJson.Malformed(null, null, raw.problem);
            }
            verdict = registry.judge(RuleUpdateJson.parse(raw.key, raw.text), watermark, raw.origin);
        } catch (RuleUpdateJson.Malformed m) {
            verdict = registry.malformed(m, raw.origin);
        }
        ctx.output(OutputTags.RULE_STATUS, verdict.status());
        if (!verdict.status().accepted()) {
            LOG.warn("Rule update {} {} version {} rejected: {}", verdict.status().type, verdict.status().id, verdict.status().version,
                    String.join("; ", verdict.status().messages));
            ctx.output(OutputTags.DEAD_LETTERS, new DeadLetter(DeadLetter.RULE, raw.text,
                    String.join("\n", verdict.status().messages), null, raw.origin));
        } else if (verdict.accepted() != null) {
            out.collect(verdict.accepted());
        }
    }
}

package com.acmebank.triggers.flink;

import com.acmebank.triggers.rule.RuleUpdate;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Holds event time back until the whole rule set is in force (its closing "keep only" update), then lets the
 * other inputs alone decide it. After a restore it holds again until the rule set has been emitted anew.
 */
public class RuleSetWatermarks implements WatermarkGenerator<RuleUpdate> {
    private boolean complete;

    @Override
    public void onEvent(RuleUpdate update, long timestamp, WatermarkOutput output) {
        if (RuleUpdate.KEEP_ONLY.equals(update.kind)) {
            complete = true;
            onPeriodicEmit(output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (complete) {
            // not Long.MAX_VALUE, which would mean the end of this input
            output.emitWatermark(new Watermark(Long.MAX_VALUE - 1));
        }
    }
}

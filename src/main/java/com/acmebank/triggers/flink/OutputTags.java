package com.acmebank.triggers.flink;

import com.acmebank.triggers.output.Conversion;
import com.acmebank.triggers.output.DeadLetter;
import com.acmebank.triggers.output.Decision;
import com.acmebank.triggers.output.LateEvent;
import com.acmebank.triggers.output.RuleStatus;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side outputs of the job, declared once and shared by the topology and the functions. */
public final class OutputTags {
    private OutputTags() {}

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));
    public static final OutputTag<LateEvent> LATE_EVENTS = new OutputTag<>("late-events", TypeInformation.of(LateEvent.class));
    public static final OutputTag<Decision> DECISIONS = new OutputTag<>("decisions", TypeInformation.of(Decision.class));
    public static final OutputTag<Conversion> CONVERSIONS = new OutputTag<>("conversions", TypeInformation.of(Conversion.class));
    public static final OutputTag<RuleStatus> RULE_STATUS = new OutputTag<>("rule-status", TypeInformation.of(RuleStatus.class));
    public static final OutputTag<HoldingsInput> HOLDINGS = new OutputTag<>("holdings", TypeInformation.of(HoldingsInput.class));
}

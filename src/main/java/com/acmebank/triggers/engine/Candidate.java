package com.acmebank.triggers.engine;

import com.acmebank.triggers.rule.CompiledRule;
import com.acmebank.triggers.trigger.Firing;

/** A rule that fired at one instant, before arbitration. */
record Candidate(CompiledRule rule, Firing firing) {}

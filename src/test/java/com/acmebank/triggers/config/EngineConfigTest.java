package com.acmebank.triggers.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.acmebank.triggers.spec.Durations;
import org.junit.jupiter.api.Test;

/** Each default is written once; the text form the command line shows and the value the engine uses agree. */
class EngineConfigTest {
    @Test
    void theOutOfOrdernessDefaultsSayWhatTheyAre() {
        assertThat(Durations.parse(EngineConfig.LIVE_OUT_OF_ORDERNESS)).isEqualTo(EngineConfig.LIVE_OUT_OF_ORDERNESS_MILLIS);
        assertThat(Durations.parse(EngineConfig.RECORDED_OUT_OF_ORDERNESS)).isEqualTo(EngineConfig.RECORDED_OUT_OF_ORDERNESS_MILLIS);
        assertThat(new EngineConfig().outOfOrdernessMillis).isEqualTo(EngineConfig.LIVE_OUT_OF_ORDERNESS_MILLIS);
    }
}

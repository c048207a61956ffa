package com.acmebank.triggers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThroughputJvmTest {
    private static final String[] REPLAY = {"replay", "--events", "e.jsonl"};

    @Test
    void theBatchCommandsAreReplayForecastAndBenchmark() {
        assertThat(ThroughputJvm.batch(REPLAY)).isTrue();
        assertThat(ThroughputJvm.batch(new String[] {"benchmark"})).isTrue();
        assertThat(ThroughputJvm.batch(new String[] {"rules", "forecast", "r.yaml", "--days", "7"})).isTrue();
        assertThat(ThroughputJvm.batch(new String[] {"run", "--bootstrap-servers", "k:9092"})).isFalse();
        assertThat(ThroughputJvm.batch(new String[] {"rules", "publish", "r.yaml"})).isFalse();
        assertThat(ThroughputJvm.batch(new String[] {"demo"})).isFalse();
        assertThat(ThroughputJvm.batch(new String[0])).isFalse();
    }

    @Test
    void aBatchCommandInAnUntunedJvmRelaunches() {
        assertThat(ThroughputJvm.worthIt(REPLAY, List.of("-Xmx4g", "-Dfoo=bar"), Map.of("PATH", "/bin"), true, false)).isTrue();
    }

    @Test
    void aJvmSomebodyTunedIsLeftAlone() {
        assertThat(ThroughputJvm.worthIt(REPLAY, List.of("-XX:+UseG1GC"), Map.of(), true, false)).as("collector chosen").isFalse();
        assertThat(ThroughputJvm.worthIt(REPLAY, List.of("-XX:+UseZGC"), Map.of(), true, false)).isFalse();
        assertThat(ThroughputJvm.worthIt(REPLAY, List.of(), Map.of(), false, false)).as("not the default collector").isFalse();
        assertThat(ThroughputJvm.worthIt(REPLAY, List.of(), Map.of("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording"), true, false))
                .as("a profiler in the environment").isFalse();
        assertThat(ThroughputJvm.worthIt(REPLAY, List.of(), Map.of("JDK_JAVA_OPTIONS", "-Xmx2g"), true, false)).isFalse();
        assertThat(ThroughputJvm.worthIt(REPLAY, List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005"), Map.of(), true, false))
                .as("a debugger").isFalse();
        assertThat(ThroughputJvm.worthIt(REPLAY, List.of(), Map.of(), true, true)).as("the child itself").isFalse();
        assertThat(ThroughputJvm.worthIt(new String[] {"run"}, List.of(), Map.of(), true, false)).as("the live engine").isFalse();
    }
}

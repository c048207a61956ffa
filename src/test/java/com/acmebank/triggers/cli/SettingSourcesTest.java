package com.acmebank.triggers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingSourcesTest {
    @Test
    void aFlagBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() {
        SettingSources s = new SettingSources(Set.of("group-id")::contains,
                Map.of("TRIGGER_GROUP_ID", "env-group", "TRIGGER_BOOTSTRAP_SERVERS", "env:9092"),
                Map.of("group-id", "file-group", "bootstrap-servers", "file:9092", "rules", "/opt/rules"));
        assertThat(s.value("group-id", "flag-group", "default")).isEqualTo("flag-group");
        assertThat(s.value("bootstrap-servers", null, "127.0.0.1:9092")).isEqualTo("env:9092");
        assertThat(s.value("rules", null, null)).isEqualTo("/opt/rules");
        assertThat(s.value("delivery", null, "exactly-once")).isEqualTo("exactly-once");
    }

    @Test
    void aFlagLeftAtItsDefaultDoesNotHideTheEnvironment() {
        SettingSources s = new SettingSources(name -> false, Map.of("TRIGGER_PARALLELISM", "4"), Map.of());
        assertThat(s.value("parallelism", "2", "2")).isEqualTo("4");
    }

    @Test
    void readsTheConfigFileAsFlatYaml(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("engine.yaml");
        Files.writeString(file, "bootstrap-servers: kafka:19092\ncheckpoint-interval: 10s\n");
        assertThat(SettingSources.readYaml(file)).containsEntry("bootstrap-servers", "kafka:19092").containsEntry("checkpoint-interval", "10s");
    }
}

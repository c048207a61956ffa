package com.acmebank.triggers.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The monitoring shipped with the Docker deployment fits together: Prometheus scrapes the Flink processes on the
 * reporter's port, Grafana is provisioned with that data source and the dashboard, and the dashboard asks for the
 * metric names the engine exposes (PrometheusMetricsIT scrapes them from a running job).
 */
class MonitoringFilesTest {
    private static final Path DOCKER = Path.of("docker");

    @Test
    void prometheusGrafanaAndTheDashboardAreWiredTogether() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode compose = yaml.readTree(DOCKER.resolve("docker-compose.yml").toFile());
        assertThat(compose.get("services").has("prometheus")).isTrue();
        assertThat(compose.get("services").has("grafana")).isTrue();
        JsonNode flinkConf = yaml.readTree(Path.of("flink-conf/config.yaml").toFile());
        assertThat(flinkConf.get("metrics.reporter.prom.factory.class").asText()).isEqualTo(
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(flinkConf.get("metrics.reporter.prom.port").asText()).startsWith("9249");

        JsonNode prometheus = yaml.readTree(DOCKER.resolve("prometheus/prometheus.yml").toFile());
        assertThat(prometheus.toString()).contains("jobmanager:9249", "\"taskmanager\"", "9249");
        JsonNode datasource = yaml.readTree(DOCKER.resolve("grafana/provisioning/datasources/prometheus.yml").toFile());
        assertThat(datasource.get("datasources").get(0).get("url").asText()).isEqualTo("http://prometheus:9090");

        JsonNode dashboard = new ObjectMapper().readTree(DOCKER.resolve("grafana/dashboards/trigger-engine.json").toFile());
        List<String> exprs = new ArrayList<>();
        dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> exprs.add(t.get("expr").asText())));
        assertThat(exprs).anyMatch(e -> e.contains("flink_taskmanager_job_task_operator_rule_SENT") && e.contains("by (rule)"))
                .anyMatch(e -> e.contains("rule_SUPPRESSED_"))
                .anyMatch(e -> e.contains("rule_CONVERTED_HELD_OUT"))
                .anyMatch(e -> e.contains("duplicateEvents"))
                .anyMatch(e -> e.contains("pendingRecords"))
                .anyMatch(e -> e.contains("lastCheckpointDuration"));
        dashboard.get("panels").forEach(p -> assertThat(p.get("datasource").get("uid").asText()).isEqualTo("prometheus"));
    }
}

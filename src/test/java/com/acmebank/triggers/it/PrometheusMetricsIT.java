package com.acmebank.triggers.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-rule figures as Prometheus scrapes them from a running {@code run}: the endpoint answers, S2's SENT
 * counter appears with its rule label, and it moves when more salaries arrive.
 */
@ExtendWith(LocalKafka.class)
class PrometheusMetricsIT {
    private static final Pattern S2_SENT = Pattern.compile(
            "^flink_taskmanager_job_task_operator_rule_SENT\\{[^}]*rule=\"S2_salary_sip\"[^}]*} ([0-9.E]+)$", Pattern.MULTILINE);
    private static final int PER_BATCH = 6;

    @TempDir
    Path temp;

    @Test
    void perRuleCountersAreScrapedAndMove() throws Exception {
        LocalKafka.Topics topics = LocalKafka.createTopics();
        LiveRun job = LiveRun.create(temp, "prometheus", topics);
        LocalKafka.produce(topics.profiles(), Traffic.profiles(2 * PER_BATCH, Traffic.noonZone()));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI endpoint = URI.create("http://127.0.0.1:" + job.metricsPort + "/metrics");
        try (EngineProcess engine = job.start().awaitRunning()) {
            assertThat(engine.output()).contains("Metrics for Prometheus: http://localhost:" + job.metricsPort + "/metrics");
            LocalKafka.produce(topics.events(), Traffic.salaries(0, PER_BATCH));
            Deadline.await(Duration.ofSeconds(120), "S2's SENT counter at " + endpoint + "; engine log " + job.log,
                    () -> sent(http, endpoint) >= PER_BATCH);
            LocalKafka.produce(topics.events(), Traffic.salaries(1, PER_BATCH));
            Deadline.await(Duration.ofSeconds(120), "S2's SENT counter moving; engine log " + job.log,
                    () -> sent(http, endpoint) >= 2 * PER_BATCH);
            String page = scrape(http, endpoint);
            assertThat(page).contains("flink_taskmanager_job_task_operator_duplicateEvents", "flink_taskmanager_job_task_operator_conversions",
                    "flink_jobmanager_job_lastCheckpointDuration");
            assertThat(engine.stop()).isZero();
        }
        // the same figures from the live topics: report over what the job committed
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        Path json = temp.resolve("report.json");
        int code;
        try (java.io.PrintStream p = new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8)) {
            System.setOut(p);
            code = new picocli.CommandLine(new com.acmebank.triggers.cli.ReportCommand()).execute("--bootstrap-servers", LocalKafka.BOOTSTRAP,
                    "--decisions-topic", topics.decisions(), "--conversions-topic", topics.conversions(), "--json", json.toString());
        } finally {
            System.setOut(stdout);
        }
        assertThat(code).as(captured.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode s2 = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).get("rules").get(0);
        assertThat(s2.get("ruleId").asText()).isEqualTo("S2-salary-sip");
        assertThat(s2.get("sent").asLong()).isEqualTo(2 * PER_BATCH);
    }

    /** The sum over subtasks of S2's SENT counter; 0 while the endpoint does not answer yet. */
    private static double sent(HttpClient http, URI endpoint) {
        String page = scrape(http, endpoint);
        double sum = 0;
        Matcher m = S2_SENT.matcher(page);
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    private static String scrape(HttpClient http, URI endpoint) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}

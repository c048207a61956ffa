package com.acmebank.triggers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The benchmark's parts' plain pieces: sizes, the Prometheus read, RocksDB's files, the options' errors. */
class BenchmarkPartsTest {
    @TempDir
    Path temp;

    @Test
    void aSizeIsCustomersByDays() {
        assertThat(ScaleBenchmark.Size.parse("1000000x1")).isEqualTo(new ScaleBenchmark.Size(1_000_000, 1));
        assertThat(ScaleBenchmark.Size.parse(" 10_000x25")).isEqualTo(new ScaleBenchmark.Size(10_000, 25));
        assertThatThrownBy(() -> ScaleBenchmark.Size.parse("10x")).hasMessageContaining("CUSTOMERSxDAYS");
        assertThatThrownBy(() -> ScaleBenchmark.Size.parse("tenx2")).hasMessageContaining("got 'tenx2'");
        assertThatThrownBy(() -> ScaleBenchmark.Size.parse("0x2")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ScaleBenchmark.Size.parse("10000000x1")).hasMessageContaining("at most 9999999 customers");
    }

    @Test
    void aPrometheusReadDropsLabelsAndKeepsTheLargestSubtask() {
        PrometheusScrape m = PrometheusScrape.parse("""
                # HELP flink_jobmanager_job_lastCheckpointFullSize FullSize
                # TYPE flink_jobmanager_job_lastCheckpointFullSize gauge
                flink_jobmanager_job_lastCheckpointFullSize{job_id="a",host="localhost",job_name="trigger_engine",} 2.2247636E7
                flink_taskmanager_job_task_busy{subtask_index="0",} 12.0
                flink_taskmanager_job_task_busy{subtask_index="1",} 40.5
                flink_jobmanager_numRunningJobs 1.0
                broken_line
                """);
        assertThat(m.value("flink_jobmanager_job_lastCheckpointFullSize")).isEqualTo(22_247_636L);
        assertThat(m.value("flink_taskmanager_job_task_busy")).isEqualTo(41L);
        assertThat(m.value("flink_jobmanager_numRunningJobs")).isEqualTo(1L);
        assertThat(m.value("flink_jobmanager_job_lastCheckpointDuration")).as("not reported").isEqualTo(-1L);
    }

    @Test
    void rocksDbBytesCountOnlyTheInstancesFolders() throws Exception {
        Path instance = temp.resolve("minicluster_1/tm_0/tmp/job_9f_op_CoBroadcastWithKeyedOperator_51e5__1_2__uuid_871c/db");
        Files.createDirectories(instance);
        Files.write(instance.resolve("000040.sst"), new byte[1_000]);
        Files.write(instance.resolve("MANIFEST-000005"), new byte[24]);
        Path blob = temp.resolve("minicluster_1/blobStorage");
        Files.createDirectories(blob);
        Files.write(blob.resolve("blob_p-1"), new byte[5_000]);

        assertThat(StateBenchmark.rocksDbBytes(temp)).isEqualTo(1_024L);
    }

    @Test
    void theStandardTrafficKeepsTheFileNamesEarlierRunsWrote() throws Exception {
        Files.writeString(temp.resolve("events-10x25.jsonl"), "");
        Files.writeString(temp.resolve("profiles-10.jsonl"), "");
        BenchmarkTraffic standard = BenchmarkTraffic.ensure(temp, 10, BenchmarkCommand.START, 25, 0.5, System.out);
        assertThat(standard.events()).hasFileName("events-10x25.jsonl");
        assertThat(standard.profiles()).hasFileName("profiles-10.jsonl");
        assertThat(Files.size(standard.events())).as("reused, not generated again").isZero();

        BenchmarkTraffic skewed = BenchmarkTraffic.ensure(temp, 10, BenchmarkCommand.START, 2, 1.5, System.out);
        assertThat(skewed.events()).hasFileName("events-10x2-skew1.5-from2026-11-01.jsonl");
        assertThat(skewed.profiles()).hasFileName("profiles-10x2-skew1.5-from2026-11-01.jsonl");
        assertThat(Files.readAllLines(skewed.profiles())).isNotEmpty();
        assertThat(temp.resolve("events-10x2-skew1.5-from2026-11-01.jsonl.part")).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--state-customers 1000                       | --state-customers needs --bootstrap-servers",
        "--only state --bootstrap-servers 127.0.0.1:1 | --only state needs --state-customers N and --bootstrap-servers",
        "--only kafka                                 | --only kafka needs --bootstrap-servers",
        "--only scale,latency                         | --only: no part 'latency'; the parts are replay, peers, scale, kafka, state",
        "--scale-sizes 1000000                        | --scale-sizes: expected CUSTOMERSxDAYS such as 1000000x1, got '1000000'",
        "--skew 4                                     | --skew must be between 0 and 2, got 4.0",
        "--only kafka --kafka-only --bootstrap-servers 127.0.0.1:1 | --kafka-only and --only contradict each other",
        "--state-days 0                               | --state-days must be at least 1, got 0",
    })
    void wrongOptionsAreRefusedBeforeAnythingRuns(String args, String message) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            String[] all = (args.trim() + " --dir " + temp).split("\\s+");
            code = Main.commandLine().execute(all.length == 0 ? all : prepend("benchmark", all));
        } finally {
            System.setErr(saved);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(message);
        assertThat(temp).isEmptyDirectory();
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}

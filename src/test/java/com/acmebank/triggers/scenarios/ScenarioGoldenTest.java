package com.acmebank.triggers.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden tests: each folder under src/test/resources/scenarios holds events, profiles and the exact decisions,
 * offers, dead letters and late events the engine must produce for them (its cases.md says what each customer
 * tests). They run the real replay job on a MiniCluster with the shipped rules; the scenario's
 * scenario.properties gives --until and whether the holdout group is on.
 */
class ScenarioGoldenTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Path SCENARIOS = Paths.get("src/test/resources/scenarios");

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyScenarioGivesItsGoldenOutput() throws Exception {
        List<Path> folders;
        try (Stream<Path> list = Files.list(SCENARIOS)) {
            folders = list.filter(p -> Files.exists(p.resolve("scenario.properties"))).sorted().toList();
        }
        assertThat(folders).isNotEmpty();
        return folders.stream().map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> check(folder)));
    }

    /** The production state backend returns copies, not live objects: the engine must store every change. */
    @TestFactory
    Stream<DynamicTest> theRocksDbStateBackendGivesTheSameGoldenOutput() {
        return Stream.of("S04-dormant-wakeup", "S08-churn-warning", "S15-market-drop", "P01-contact-policy", "R01-reversals", "U01-rule-updates")
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    Path folder = SCENARIOS.resolve(name);
                    GoldenReplay.Tables actual = GoldenReplay.run(folder, temp.resolve(name + "-rocksdb"), "rocksdb");
                    assertThat(actual.decisions()).containsExactlyElementsOf(GoldenReplay.expected(folder.resolve("expected-decisions.txt")));
                    assertThat(actual.offers()).containsExactlyElementsOf(GoldenReplay.expected(folder.resolve("expected-offers.txt")));
                }));
    }

    private void check(Path folder) throws Exception {
        Path out = temp.resolve(folder.getFileName().toString());
        GoldenReplay.Tables actual = GoldenReplay.run(folder, out);
        Path review = Paths.get("target/golden-actual", folder.getFileName().toString());
        Files.createDirectories(review);
        Files.write(review.resolve("expected-decisions.txt"), actual.decisions());
        Files.write(review.resolve("expected-offers.txt"), actual.offers());
        Files.write(review.resolve("expected-dead-letters.txt"), actual.deadLetters());
        Files.write(review.resolve("expected-late-events.txt"), actual.lateEvents());
        Files.write(review.resolve("expected-conversions.txt"), actual.conversions());
        Files.write(review.resolve("expected-rule-status.txt"), actual.ruleStatus());
        assertThat(actual.decisions()).as("decisions of %s (actual written to %s)", folder, review)
                .containsExactlyElementsOf(GoldenReplay.expected(folder.resolve("expected-decisions.txt")));
        assertThat(actual.offers()).as("offers of %s", folder)
                .containsExactlyElementsOf(GoldenReplay.expected(folder.resolve("expected-offers.txt")));
        assertThat(actual.deadLetters()).as("dead letters of %s", folder)
                .containsExactlyElementsOf(GoldenReplay.expected(folder.resolve("expected-dead-letters.txt")));
        assertThat(actual.lateEvents()).as("late events of %s", folder)
                .containsExactlyElementsOf(GoldenReplay.expected(folder.resolve("expected-late-events.txt")));
        assertThat(actual.ruleStatus()).as("answers to the rule updates of %s", folder)
                .containsExactlyElementsOf(GoldenReplay.expected(folder.resolve("expected-rule-status.txt")));
        if (Files.exists(folder.resolve("expected-conversions.txt"))) {
            assertThat(actual.conversions()).as("conversions of %s", folder)
                    .containsExactlyElementsOf(GoldenReplay.expected(folder.resolve("expected-conversions.txt")));
        }
    }
}

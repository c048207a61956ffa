package com.acmebank.triggers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.OptionSpec;

class CommandLineHelpTest {
    @Test
    void theCommandListGivesEveryCommandAWholeOneSentenceSummary() {
        CommandLine main = Main.commandLine();
        String usage = flat(main.getUsageMessage(Ansi.OFF));
        assertThat(main.getSubcommands()).containsKeys("demo", "replay", "generate", "run", "produce", "offers", "explain",
                "validate", "benchmark", "help");
        for (Map.Entry<String, CommandLine> command : main.getSubcommands().entrySet()) {
            String[] header = command.getValue().getCommandSpec().usageMessage().header();
            // picocli lists a command with its header, else with the first line of its description
            String summary = header.length > 0 ? header[0]
                    : command.getValue().getCommandSpec().usageMessage().description()[0];
            assertThat(summary).as(command.getKey()).endsWith(".").doesNotContain("%n");
            assertThat(summary.substring(0, summary.length() - 1)).as(command.getKey() + ": one sentence").doesNotContain(". ");
            assertThat(usage).as("the command list").contains(command.getKey() + " " + flat(summary));
        }
    }

    @Test
    void everyOptionOfEveryCommandSaysWhatItIsAndItsDefault() {
        List<String> undocumented = new ArrayList<>();
        List<String> defaultNotShown = new ArrayList<>();
        for (CommandLine command : all(Main.commandLine())) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                String name = command.getCommandSpec().qualifiedName() + " " + option.longestName();
                String description = String.join(" ", option.description()).strip();
                if (description.isEmpty()) {
                    undocumented.add(name);
                }
                boolean flag = option.typeInfo().isBoolean();
                if (!flag && option.defaultValue() != null && !description.contains("default")) {
                    defaultNotShown.add(name);
                }
            }
        }
        assertThat(undocumented).as("options without a description").isEmpty();
        assertThat(defaultNotShown).as("options whose description does not give their default").isEmpty();
    }

    @Test
    void noLineOfAnyHelpIsWiderThanTheHelpWidth() {
        CommandLine main = Main.commandLine();
        for (CommandLine command : all(main)) {
            int width = command.getUsageHelpWidth();
            assertThat(command.getUsageMessage(Ansi.OFF).lines())
                    .as(command.getCommandSpec().qualifiedName() + " at width " + width)
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width));
        }
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {80, 100, 140})
    void helpWrapsToTheGivenWidth(int width) {
        CommandLine main = Main.commandLine().setUsageHelpAutoWidth(false).setUsageHelpWidth(width);
        for (CommandLine command : all(main)) {
            assertThat(command.getUsageHelpWidth()).isEqualTo(width);
            assertThat(command.getUsageMessage(Ansi.OFF).lines())
                    .as(command.getCommandSpec().qualifiedName())
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width));
        }
    }

    @Test
    void everyCommandWrapsItsHelpToTheTerminal() {
        for (CommandLine command : all(Main.commandLine())) {
            assertThat(command.getCommandSpec().usageMessage().autoWidth()).as(command.getCommandName()).isTrue();
        }
    }

    @Test
    void helpAsksForNothingAndEndsWell() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Commands:", "replay", "docs/contracts.md");
        assertThat(CliRun.of("replay", "--help").out()).contains("--until=INSTANT", "--events=FILE");
    }

    /** The command and all its subcommands, depth first. */
    private static List<CommandLine> all(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            all.addAll(all(sub));
        }
        return all;
    }

    private static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }
}

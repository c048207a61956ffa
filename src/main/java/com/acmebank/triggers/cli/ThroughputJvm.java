package com.acmebank.triggers.cli;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The batch commands (replay, rules forecast, benchmark) run in a JVM with the throughput collector. A replay is a
 * batch job: what counts is the time to the last record, not the length of a pause, and on two cores the default
 * collector's concurrent work takes CPU from the job (the million-event replay took 0.76x the wall time with
 * ParallelGC, interleaved runs, identical output). The JVM cannot change its collector once started, so a batch
 * command started with the default one runs itself again in a child JVM with {@code -XX:+UseParallelGC} and the
 * same arguments, and exits with its exit code. {@code run} and the other commands keep the default (G1: short
 * pauses for the live engine).
 *
 * <p>Left alone: a JVM whose collector was chosen explicitly, one tuned through {@code JAVA_TOOL_OPTIONS} or
 * {@code JDK_JAVA_OPTIONS} (a profiler started there must see the job, not a launcher), and the child itself.
 */
final class ThroughputJvm {
    /** Set in the child, so it never relaunches. */
    static final String CHILD = "trigger.engine.throughputJvm";
    private static final Pattern COLLECTOR_FLAG = Pattern.compile("-XX:[+-]Use\\w*GC");

    private ThroughputJvm() {}

    /** True for the commands that read a whole input and end: replay, rules forecast, benchmark. */
    static boolean batch(String[] args) {
        if (args.length == 0) {
            return false;
        }
        return args[0].equals("replay") || args[0].equals("benchmark")
                || (args[0].equals("rules") && args.length > 1 && args[1].equals("forecast"));
    }

    /**
     * True when a batch command runs in a JVM nobody tuned: the default collector, no collector flag, no agent (a
     * debugger or profiler given on the command line belongs to this JVM), no JVM options from the environment, and
     * not the child already.
     */
    static boolean worthIt(String[] args, List<String> jvmArgs, Map<String, String> env, boolean defaultCollector, boolean child) {
        return batch(args) && !child && defaultCollector && !env.containsKey("JAVA_TOOL_OPTIONS") && !env.containsKey("JDK_JAVA_OPTIONS")
                && jvmArgs.stream().noneMatch(a -> COLLECTOR_FLAG.matcher(a).matches() || a.startsWith("-agentlib") || a.startsWith("-agentpath")
                        || a.startsWith("-javaagent"));
    }

    /** Runs the command in a throughput JVM when that is worth it; its exit code, or empty to run it here. */
    static Optional<Integer> relaunch(String[] args) {
        if (!batch(args)) {
            return Optional.empty();
        }
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (!worthIt(args, jvmArgs, System.getenv(), defaultCollector(), System.getProperty(CHILD) != null)) {
            return Optional.empty();
        }
        Optional<String> java = ProcessHandle.current().info().command();
        String classPath = System.getProperty("java.class.path");
        if (java.isEmpty() || classPath == null || classPath.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        command.add("-XX:+UseParallelGC");
        command.addAll(jvmArgs);
        command.add("-D" + CHILD + "=true");
        command.add("-cp");
        command.add(classPath);
        command.add(Main.class.getName());
        command.addAll(Arrays.asList(args));
        try {
            Process child = new ProcessBuilder(command).inheritIO().start();
            // a launcher stopped by a signal stops its child too
            Thread stopChild = new Thread(child::destroy, "stop-child-jvm");
            Runtime.getRuntime().addShutdownHook(stopChild);
            int code = child.waitFor();
            Runtime.getRuntime().removeShutdownHook(stopChild);
            return Optional.of(code);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(130);
        } catch (Exception e) {
            // no child JVM (a restricted environment): run here, with the default collector
            return Optional.empty();
        }
    }

    /** In the child: ends with its launcher, however that ended (a launcher killed outright runs no shutdown hook). */
    static void followLauncher() {
        if (System.getProperty(CHILD) != null) {
            ProcessHandle.current().parent().ifPresent(launcher -> launcher.onExit().thenRun(() -> System.exit(143)));
        }
    }

    /** True when the JVM runs G1, the collector it picks by itself on a server-class machine. */
    private static boolean defaultCollector() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getName().startsWith("G1")) {
                return true;
            }
        }
        return false;
    }
}

package com.acmebank.triggers.cli;

import com.acmebank.triggers.status.MetricsTap;
import com.acmebank.triggers.status.StatusFigures;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import sun.misc.Signal;

/**
 * The live job on the embedded cluster, as an operator sees it: a status line every few seconds, a clean stop
 * on Ctrl-C or SIGTERM (stop with a savepoint, so the next start continues exactly there, then a summary), and a
 * clear message when a restored checkpoint cannot be used. Only counts and times are printed, never customer data.
 */
final class LiveConsole {
    /** Restarts after a restore without any completed checkpoint: the checkpoint itself is the likely problem. */
    private static final int RESTARTS_BEFORE_GIVING_UP = 3;

    private final long statusEveryMillis;
    private final String savepointDir;
    private final String restoredFrom;
    private final PrintStream out = System.out;
    private final AtomicReference<CompletableFuture<String>> stopping = new AtomicReference<>();

    LiveConsole(long statusEveryMillis, String savepointDir, String restoredFrom) {
        this.statusEveryMillis = statusEveryMillis;
        this.savepointDir = savepointDir;
        this.restoredFrom = restoredFrom;
    }

    int run(StreamExecutionEnvironment env) throws Exception {
        long started = System.currentTimeMillis();
        JobClient job;
        try {
            job = env.executeAsync("trigger-engine");
        } catch (Exception failed) {
            String root = rootMessage(failed);
            System.err.println(restoredFrom != null ? cannotRestore(root) : "The job could not start: " + root);
            return 1;
        }
        onStopSignal(job);
        out.println("Running (job " + job.getJobID() + "); Ctrl-C or SIGTERM stops it with a savepoint.");
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        StatusFigures previous = StatusFigures.read(MetricsTap.current(), started);
        long nextStatus = started + statusEveryMillis;
        while (true) {
            try {
                result.get(500, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException running) {
                long now = System.currentTimeMillis();
                StatusFigures figures = StatusFigures.read(MetricsTap.current(), now);
                if (restoredFrom != null && stopping.get() == null && figures.restarts() >= RESTARTS_BEFORE_GIVING_UP
                        && figures.checkpoints() == 0) {
                    job.cancel().get(60, TimeUnit.SECONDS);
                    System.err.println(cannotRestore("it failed " + figures.restarts() + " times after the restore and never completed a checkpoint"));
                    return 1;
                }
                if (statusEveryMillis > 0 && now >= nextStatus) {
                    out.println(statusLine(previous, figures));
                    previous = figures;
                    nextStatus = now + statusEveryMillis;
                }
            } catch (ExecutionException failed) {
                if (stopping.get() != null && stopping.get().isDone() && !stopping.get().isCompletedExceptionally()) {
                    break;
                }
                Throwable cause = ExceptionUtils.stripExecutionException(failed);
                String root = rootMessage(cause);
                if (restoredFrom != null && root.matches("(?s).*(savepoint|checkpoint|state|serializer|restore).*")) {
                    System.err.println(cannotRestore(root));
                } else {
                    System.err.println("The job failed: " + root);
                }
                return 1;
            }
        }
        printSummary(started);
        return 0;
    }

    /** Ctrl-C or SIGTERM: stop with a savepoint; a second one stops at once (the next start resumes from the last checkpoint). */
    private void onStopSignal(JobClient job) {
        sun.misc.SignalHandler handler = signal -> {
            CompletableFuture<String> savepoint = job.stopWithSavepoint(false, savepointDir, SavepointFormatType.CANONICAL);
            if (!stopping.compareAndSet(null, savepoint)) {
                System.err.println("Stopping at once, without a savepoint: the next start resumes from the last checkpoint.");
                Runtime.getRuntime().halt(130);
            }
            out.println("Stopping (SIG" + signal.getName() + "): taking a savepoint under " + savepointDir + " ...");
            savepoint.whenComplete((path, error) -> {
                if (error != null) {
                    System.err.println("The savepoint failed (" + rootMessage(error) + "); the job keeps running. Stop again to end it"
                            + " at once: the next start resumes from the last checkpoint.");
                    stopping.set(null);
                } else {
                    out.println("Savepoint " + path + ": the next start continues from it.");
                }
            });
        };
        Signal.handle(new Signal("INT"), handler);
        Signal.handle(new Signal("TERM"), handler);
    }

    private String cannotRestore(String why) {
        return "Cannot continue from " + restoredFrom + ": " + why.replaceAll("[.\\s]+$", "") + ". If its state no longer fits this version of the engine"
                + " (or it belongs to another job), start afresh with --fresh (state is rebuilt from what the topics retain, offers"
                + " from now on), or give another checkpoint or savepoint with --restore PATH. If it holds state of an operator this"
                + " version no longer has (a job from before rules moved to the rule-updates topic), --allow-non-restored-state"
                + " resumes without that state.";
    }

    static String statusLine(StatusFigures before, StatusFigures now) {
        double seconds = Math.max(0.001, (now.at() - before.at()) / 1000.0);
        StringBuilder line = new StringBuilder();
        line.append("-- ").append(LocalTime.now().truncatedTo(ChronoUnit.SECONDS))
                .append(String.format(" | in %,.0f events/s (%,d)", (now.events() - before.events()) / seconds, now.events()))
                .append(String.format(" | offers %,.1f/s (%,d)", (now.offers() - before.offers()) / seconds, now.offers()))
                .append(" | decisions ").append(outcomes(now.decisions()))
                .append(String.format(" | dead letters %,d, late %,d, duplicates %,d", now.deadLetters(), now.lateEvents(), now.duplicates()))
                .append(now.lag() >= 0 ? String.format(" | lag %,d", now.lag()) : "");
        if (now.watermark() > 0 && now.watermark() < Long.MAX_VALUE) {
            line.append(" | event time ").append(behind(now.at() - now.watermark())).append(" behind");
        } else {
            line.append(" | event time not started");
        }
        if (now.checkpoints() > 0) {
            line.append(String.format(" | checkpoint %d at %s (%,d ms)", now.checkpoints(),
                    LocalTime.ofInstant(Instant.ofEpochMilli(now.lastCheckpointAt()), ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS),
                    now.lastCheckpointMillis()));
        } else {
            line.append(" | no checkpoint yet");
        }
        if (now.restarts() > 0) {
            line.append(" | restarts ").append(now.restarts());
        }
        return line.toString();
    }

    private void printSummary(long started) {
        StatusFigures end = StatusFigures.read(MetricsTap.current(), System.currentTimeMillis());
        out.printf("Stopped after %s: %,d events in, %,d offers, %,d decisions (%s), %,d dead letters, %,d late events, %,d duplicates%n",
                behind(end.at() - started), end.events(), end.offers(), end.decisionsTotal(), outcomes(end.decisions()), end.deadLetters(),
                end.lateEvents(), end.duplicates());
    }

    private static String outcomes(Map<String, Long> decisions) {
        if (decisions.isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        decisions.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ').append(String.format("%,d", v)));
        return s.toString();
    }

    static String behind(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        return s < 172_800 ? (s / 3600) + " h" : (s / 86_400) + " days";
    }

    private static String rootMessage(Throwable t) {
        Throwable root = ExceptionUtils.findThrowable(t, x -> x.getCause() == null).orElse(t);
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\s+", " ");
    }
}

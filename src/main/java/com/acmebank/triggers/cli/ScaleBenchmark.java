package com.acmebank.triggers.cli;

import com.acmebank.triggers.config.EngineConfig;
import com.acmebank.triggers.flink.ParseEvents;
import com.acmebank.triggers.jobs.ReplayJob;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.flink.api.common.JobExecutionResult;

/**
 * In-engine throughput at scale: the replay of generated traffic with a skewed population (most customers quiet, a
 * few very active), all rules, on each state backend, at each size. Besides events/s it reports the heap: its peak
 * and the most it held right after a collection (an upper bound of what the state and the job keep).
 */
final class ScaleBenchmark {
    static final List<String> STATE_BACKENDS = List.of("hashmap", "rocksdb");

    /** A population and how many days of its traffic. */
    record Size(int customers, int days) {
        static Size parse(String text) {
            String[] parts = text.trim().split("x");
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected CUSTOMERSxDAYS such as 1000000x1, got '" + text + "'");
            }
            try {
                Size size = new Size(Integer.parseInt(parts[0].replace("_", "")), Integer.parseInt(parts[1]));
                if (size.customers < 1 || size.days < 1) {
                    throw new IllegalArgumentException("customers and days must be at least 1, got '" + text + "'");
                }
                if (size.customers > com.acmebank.triggers.generator.Settings.MAX_CUSTOMERS) {
                    throw new IllegalArgumentException("at most " + com.acmebank.triggers.generator.Settings.MAX_CUSTOMERS + " customers, got '" + text + "'");
                }
                return size;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected CUSTOMERSxDAYS such as 1000000x1, got '" + text + "'");
            }
        }
    }

    private final Path dir;
    private final List<Size> sizes;
    private final double skew;
    private final EngineOptions.Loaded loaded;
    private final EngineConfig config;
    private final int parallelism;
    private final PrintStream out;

    ScaleBenchmark(Path dir, List<Size> sizes, double skew, EngineOptions.Loaded loaded, EngineConfig config, int parallelism, PrintStream out) {
        this.dir = dir;
        this.sizes = sizes;
        this.skew = skew;
        this.loaded = loaded;
        this.config = config;
        this.parallelism = parallelism;
        this.out = out;
    }

    /** Adds a row per size and state backend to {@code rows}, which keeps the rows measured when a later one fails. */
    void run(List<Map<String, Object>> rows) throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        for (Size size : sizes) {
            // a million customers held about 4 GB on the heap (README, Performance): say so before an OutOfMemoryError does
            long needed = (long) (size.customers() * 4.5 * 1024) + (1L << 30);
            if (needed > maxHeap) {
                out.printf("   note: the heap backend at %,d customers may need about %,d MB of heap, this JVM has %,d MB (java -Xmx...)%n",
                        size.customers(), needed >> 20, maxHeap >> 20);
            }
        }
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        for (Size size : sizes) {
            BenchmarkTraffic traffic = BenchmarkTraffic.ensure(dir, size.customers(), BenchmarkCommand.START, size.days(), skew, out);
            config.goLive = BenchmarkCommand.START.atStartOfDay(shanghai).toInstant().toEpochMilli();
            config.simulationEnd = BenchmarkCommand.START.plusDays(size.days()).atStartOfDay(shanghai).toInstant().toEpochMilli();
            for (String backend : STATE_BACKENDS) {
                rows.add(replay(traffic, size, backend));
            }
        }
    }

    private Map<String, Object> replay(BenchmarkTraffic traffic, Size size, String backend) throws Exception {
        System.gc(); // the previous run's garbage is not this run's peak
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        try (HeapAfterCollections afterGc = new HeapAfterCollections()) {
            long began = System.nanoTime();
            JobExecutionResult result = ReplayJob.run(new ReplayJob.Request(traffic.events(), traffic.profiles(), loaded.rules(), loaded.lists(),
                    config, dir.resolve("scale-out"), parallelism, backend));
            double seconds = (System.nanoTime() - began) / 1e9;
            long events = result.<Long>getAccumulatorResult(ParseEvents.RECORDS);
            long peak = peakHeap();
            // a run too short for any collection has no after-GC figure
            Long afterGcMb = afterGc.max() == 0 ? null : afterGc.max() >> 20;
            out.printf("   %,10d customers x %2d days  %,10d events  %-8s %,8.0f events/s (job %,8.0f)  %,6.0f s  peak heap %,6d MB, after GC up to %s%n",
                    size.customers(), size.days(), events, backend, events / seconds, events * 1000.0 / result.getNetRuntime(), seconds,
                    peak >> 20, afterGcMb == null ? "(no collection)" : String.format("%,6d MB", afterGcMb));
            Map<String, Object> row = figures(backend, size.customers(), size.days(), events, seconds, result, peak);
            row.put("skew", skew);
            row.put("maxHeapAfterGcMb", afterGcMb);
            return row;
        }
    }

    /** One replay's figures under the keys README gives, for the replay part and for each row of this one. */
    static Map<String, Object> figures(String backend, int customers, int days, long events, double seconds, JobExecutionResult result,
            long peakHeap) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("stateBackend", backend);
        f.put("customers", customers);
        f.put("days", days);
        f.put("events", events);
        f.put("seconds", Math.round(seconds * 10) / 10.0);
        f.put("eventsPerSecond", Math.round(events / seconds));
        f.put("jobEventsPerSecond", Math.round(events * 1000.0 / result.getNetRuntime()));
        f.put("peakHeapMb", peakHeap >> 20);
        return f;
    }

    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** The largest heap in use right after any collection while it is open. */
    private static final class HeapAfterCollections implements AutoCloseable {
        private final AtomicLong max = new AtomicLong();
        private final List<NotificationEmitter> emitters = new ArrayList<>();
        private final NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeap(pool.getKey())) {
                        used += pool.getValue().getUsed();
                    }
                }
                max.accumulateAndGet(used, Math::max);
            }
        };

        HeapAfterCollections() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(listener, null, null);
                    emitters.add(emitter);
                }
            }
        }

        long max() {
            return max.get();
        }

        private static boolean isHeap(String poolName) {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getName().equals(poolName)) {
                    return pool.getType() == MemoryType.HEAP;
                }
            }
            return false;
        }

        @Override
        public void close() throws Exception {
            for (NotificationEmitter emitter : emitters) {
                emitter.removeNotificationListener(listener);
            }
        }
    }
}

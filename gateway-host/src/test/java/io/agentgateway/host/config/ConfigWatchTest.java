package io.agentgateway.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.config.ConfigWatch.Outcome;
import io.agentgateway.host.config.ConfigWatch.Watched;
import io.agentgateway.host.plugins.CapturedEvents;
import io.helidon.config.spi.ChangeEventType;
import io.helidon.config.spi.ChangeWatcher;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch puts an edited file in force through the strict reading, keeps what is in force when the file cannot be
 * used (and says why, where operators look), waits for a burst of writes to end, and ignores events that changed
 * nothing. Most tests fire the change events themselves; the last ones let Helidon's file system watcher see real
 * edits.
 */
class ConfigWatchTest {

    private static final String TOOLS = """
            tools:
              - name: lookup
                url: http://127.0.0.1:9/lookup
            """;

    @TempDir
    Path dir;

    private final FakeWatcher watcher = new FakeWatcher();
    private final MeterRegistry meters = Metrics.createMeterRegistry();
    private final CapturedEvents events = new CapturedEvents();
    private final AtomicReference<Map<String, Object>> toolsInForce = new AtomicReference<>();
    private final AtomicInteger toolsReads = new AtomicInteger();
    private Path toolsFile;

    @BeforeEach
    void writeTools() throws Exception {
        toolsFile = dir.resolve("tools.yaml");
        Files.writeString(toolsFile, TOOLS);
        toolsInForce.set(ConfigFiles.read(ConfigFile.TOOLS, toolsFile, name -> null));
    }

    @AfterEach
    void stopCapturing() {
        events.close();
    }

    @Test
    void aBrokenEditKeepsWhatIsInForceAndSaysWhichFileAndKeyAndWhy() throws Exception {
        long failedBefore = reloads("tools.yaml", "failed");
        long okBefore = reloads("tools.yaml", "ok");
        try (ConfigWatch watch = watch(Duration.ofMillis(100), tools())) {
            Files.writeString(toolsFile, TOOLS + "    timeout: soon\n");
            watcher.fire(toolsFile);

            Map<String, Object> refused = await("tools.refresh", toolsFile, "failed", 1).getFirst();
            String error = (String) refused.get("error");
            assertTrue(error.contains(toolsFile.toString()) && error.contains("tools[0].timeout"), error);
            assertEquals("file_change", refused.get("trigger"));
            assertEquals("http://127.0.0.1:9/lookup", firstTool().get("url"), "the tools in force stay");
            assertEquals(1.0, refusedGauge("tools.yaml"));
            assertEquals(failedBefore + 1, reloads("tools.yaml", "failed"));

            Files.writeString(toolsFile, TOOLS.replace("lookup\n", "lookup\n    timeout: 5\n"));
            watcher.fire(toolsFile);
            await("tools.refresh", toolsFile, "ok", 1);
            assertEquals(5, firstTool().get("timeout"));
            assertEquals(0.0, refusedGauge("tools.yaml"), "a version in force again clears the flag");
            assertEquals(okBefore + 1, reloads("tools.yaml", "ok"));
        }
    }

    @Test
    void aFileThatDisappearsIsRefusedNotReadAsEmpty() throws Exception {
        try (ConfigWatch watch = watch(Duration.ofMillis(100), tools())) {
            Files.delete(toolsFile);
            watcher.fire(toolsFile);

            String error = (String) await("tools.refresh", toolsFile, "failed", 1).getFirst().get("error");
            assertTrue(error.contains("file not found") && error.contains("GATEWAY_TOOL_CONFIG"), error);
            assertEquals("lookup", firstTool().get("name"), "the tools in force stay");
        }
    }

    @Test
    void aFileWrittenInStepsIsReadOnceItIsQuiet() throws Exception {
        // An editor's first write leaves the file cut short; the second completes it, well within the quiet period.
        try (ConfigWatch watch = watch(Duration.ofSeconds(2), tools())) {
            Files.writeString(toolsFile, "tools:\n  - name: [lookup\n");
            watcher.fire(toolsFile);
            Files.writeString(toolsFile, TOOLS.replace("lookup", "search"));
            watcher.fire(toolsFile);

            await("tools.refresh", toolsFile, "ok", 1);
            assertEquals("search", firstTool().get("name"));
            assertEquals(1, toolsReads.get(), "one read for the whole burst");
            assertEquals(List.of(), named("tools.refresh", toolsFile, "failed"));
        }
    }

    @Test
    void anEventThatLeftTheBytesAsTheyWereReadsNothing() throws Exception {
        Path agentsFile = dir.resolve("agents.yaml");
        Files.writeString(agentsFile, "agents: []\n");
        Watched agents = new Watched(ConfigFile.AGENTS, agentsFile, () -> {
            ConfigFiles.read(ConfigFile.AGENTS, agentsFile, name -> null);
            return Outcome.APPLIED;
        });
        try (ConfigWatch watch = watch(Duration.ofMillis(100), tools(), agents)) {
            Files.writeString(toolsFile, TOOLS); // the same bytes saved again
            watcher.fire(toolsFile);
            Files.writeString(agentsFile, "agents:\n  - name: helper\n");
            watcher.fire(agentsFile);

            // One thread reads both, in the order of the events: once agents.yaml is read, tools.yaml was looked at.
            await("agents.refresh", agentsFile, "ok", 1);
            assertEquals(0, toolsReads.get());
            assertEquals(List.of(), named("tools.refresh", toolsFile, null));
        }
    }

    @Test
    void aFileReadAtStartOnlyIsCheckedAndSaysARestartPutsItInForce() throws Exception {
        Path upstreamsFile = dir.resolve("upstreams.yaml");
        Files.writeString(upstreamsFile, "upstreams: []\n");
        Watched upstreams = new Watched(ConfigFile.UPSTREAMS, upstreamsFile, () -> {
            ConfigFiles.read(ConfigFile.UPSTREAMS, upstreamsFile, name -> null);
            return Outcome.RESTART_NEEDED;
        });
        long before = reloads("upstreams.yaml", "restart_needed");
        try (ConfigWatch watch = watch(Duration.ofMillis(100), upstreams)) {
            Files.writeString(upstreamsFile, "upstreams:\n  - name: local\n    base_url: http://127.0.0.1:9/v1\n");
            watcher.fire(upstreamsFile);
            Map<String, Object> checked = await("upstreams.refresh", upstreamsFile, "restart_needed", 1).getFirst();
            assertTrue(String.valueOf(checked.get("reason")).contains("restart"), checked.toString());
            assertEquals(before + 1, reloads("upstreams.yaml", "restart_needed"));
        }
    }

    @Test
    void aChangeMadeBeforeTheWatcherListenedIsSeenByTheRecheck() throws Exception {
        try (ConfigWatch watch = watch(Duration.ofMillis(100), tools())) {
            Files.writeString(toolsFile, TOOLS.replace("lookup", "search")); // no event: not listening yet
            watch.recheck();
            await("tools.refresh", toolsFile, "ok", 1);
            assertEquals("search", firstTool().get("name"));
        }
    }

    @Test
    void closingStopsTheWatcherAndLaterEventsAreIgnored() throws Exception {
        ConfigWatch watch = watch(Duration.ofMillis(100), tools());
        Files.writeString(toolsFile, TOOLS.replace("lookup", "search"));
        watcher.fire(toolsFile);
        await("tools.refresh", toolsFile, "ok", 1); // while open, an event is acted on after the quiet period

        watch.close();
        assertTrue(watcher.stopped);
        Files.writeString(toolsFile, TOOLS.replace("lookup", "fetch"));
        watcher.fire(toolsFile); // must not throw
        // Ten quiet periods: an open watch would have read the file long before.
        assertNoMore("tools.refresh", toolsFile, 1, Duration.ofSeconds(1));
        assertEquals("search", firstTool().get("name"), "the tools put in force before closing stay");
        assertEquals(1, toolsReads.get());
    }

    @Test
    void helidonsWatcherSeesAnEditAFileReplacedByRenameAndADeletion() throws Exception {
        try (ConfigWatch watch = ConfigWatch.start(List.of(tools()), meters)) {
            Files.writeString(toolsFile, TOOLS.replace("lookup", "search"));
            await("tools.refresh", toolsFile, "ok", 1);
            assertEquals("search", firstTool().get("name"));

            // How many editors save: write a copy, then rename it over the file.
            Path copy = dir.resolve(".tools.yaml.swp");
            Files.writeString(copy, TOOLS.replace("lookup", "fetch"));
            Files.move(copy, toolsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            await("tools.refresh", toolsFile, "ok", 2);
            assertEquals("fetch", firstTool().get("name"));

            Files.delete(toolsFile);
            await("tools.refresh", toolsFile, "failed", 1);
            assertEquals("fetch", firstTool().get("name"), "a file that is gone leaves the tools in force");
        }
    }

    @Test
    void closingEndsTheWatchThreads() throws Exception {
        // Only the threads this watch starts count: watches of other tests in this JVM have threads of the same names.
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Watched tools = tools();
        AtomicReference<Thread> reader = new AtomicReference<>();
        Watched noticingItsThread = new Watched(tools.kind(), tools.file(), () -> {
            reader.set(Thread.currentThread());
            return tools.reload().apply();
        });
        ConfigWatch watch = ConfigWatch.start(List.of(noticingItsThread), meters);
        Files.writeString(toolsFile, TOOLS.replace("lookup", "search"));
        await("tools.refresh", toolsFile, "ok", 1); // both threads have run by now
        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.getName().startsWith("config-watch")).toList();
        assertEquals(2, threads.size(), threads.toString());
        assertTrue(threads.contains(reader.get()), "the file was read on " + reader.get() + ", not on " + threads);

        watch.close();
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30));
            assertTrue(!thread.isAlive(), thread + " still runs");
        }
    }

    @Test
    void theLogSaysWhichFileIsWatchedAndHowLongItMustBeQuiet() {
        try (ConfigWatch watch = watch(Duration.ofMillis(250), tools())) {
            Map<String, Object> started = events.named("config.watch").stream()
                    .filter(event -> toolsFile.toString().equals(event.get("file"))).findFirst().orElseThrow();
            assertEquals(250, ((Number) started.get("quiet_ms")).intValue());
        }
    }

    @Test
    void aReloadThatFailsUnexpectedlyIsRefusedAndTheWatchGoesOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Watched flaky = new Watched(ConfigFile.TOOLS, toolsFile, () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the tool registry is closed");
            }
            return Outcome.APPLIED;
        });
        try (ConfigWatch watch = watch(Duration.ofMillis(100), flaky)) {
            Files.writeString(toolsFile, TOOLS.replace("lookup", "search"));
            watcher.fire(toolsFile);
            String error = (String) await("tools.refresh", toolsFile, "failed", 1).getFirst().get("error");
            assertTrue(error.contains("the tool registry is closed")
                    && error.contains("(the tools.yaml in force stays)"), error);
            assertEquals(1.0, refusedGauge("tools.yaml"));

            Files.writeString(toolsFile, TOOLS.replace("lookup", "fetch"));
            watcher.fire(toolsFile);
            await("tools.refresh", toolsFile, "ok", 1);
            assertEquals(0.0, refusedGauge("tools.yaml"), "the watch went on after the failure");
        }
    }

    @Test
    void aNewWatchStartsWithTheFileItReadNotRefused() throws Exception {
        try (ConfigWatch first = watch(Duration.ofMillis(100), tools())) {
            Files.writeString(toolsFile, "tools: [\n");
            watcher.fire(toolsFile);
            await("tools.refresh", toolsFile, "failed", 1);
            assertEquals(1.0, refusedGauge("tools.yaml"));
        }
        Files.writeString(toolsFile, TOOLS); // mended before the next start reads it
        try (ConfigWatch second = watch(Duration.ofMillis(100), tools())) {
            assertEquals(0.0, refusedGauge("tools.yaml"), "what a start read is in force");
        }
    }

    @Test
    void aFileTooLargeIsRefusedAgainEachTimeItChanges() throws Exception {
        try (ConfigWatch watch = watch(Duration.ofMillis(100), tools())) {
            grow(toolsFile, YamlFiles.MAX_BYTES + 1);
            watcher.fire(toolsFile);
            await("tools.refresh", toolsFile, "failed", 1);

            grow(toolsFile, YamlFiles.MAX_BYTES + 2);
            watcher.fire(toolsFile);
            String error = (String) await("tools.refresh", toolsFile, "failed", 2).get(1).get("error");
            assertTrue(error.contains("is larger than 16 MiB"), error);
            assertEquals("lookup", firstTool().get("name"), "the tools in force stay");
        }
    }

    /** Sparse: no disk space, no time. */
    private static void grow(Path file, long length) throws java.io.IOException {
        try (java.io.RandomAccessFile out = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(length);
        }
    }

    private ConfigWatch watch(Duration quiet, Watched... files) {
        ConfigWatch watch = new ConfigWatch(watcher, quiet, meters);
        for (Watched file : files) {
            watch.watch(file);
        }
        return watch;
    }

    /** tools.yaml, read as POST /tools/refresh reads it: strictly, and put in force only when usable. */
    private Watched tools() {
        return new Watched(ConfigFile.TOOLS, toolsFile, () -> {
            toolsReads.incrementAndGet();
            toolsInForce.set(ConfigFiles.read(ConfigFile.TOOLS, toolsFile, name -> null));
            return Outcome.APPLIED;
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> firstTool() {
        return ((List<Map<String, Object>>) toolsInForce.get().get("tools")).getFirst();
    }

    private List<Map<String, Object>> named(String event, Path file, String status) {
        return events.named(event).stream().filter(e -> file.toString().equals(e.get("file")))
                .filter(e -> status == null || status.equals(e.get("status"))).toList();
    }

    /** Waits (generously: the machine may be busy) until {@code count} such events were logged. */
    private List<Map<String, Object>> await(String event, Path file, String status, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        synchronized (events) { // told of every event logged
            while (named(event, file, status).size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " " + event + " events with status " + status
                            + ", got " + events.named(event));
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(events, left);
            }
        }
        return named(event, file, status);
    }

    /** Waits out {@code period}, failing as soon as more than {@code count} such events were logged. */
    private void assertNoMore(String event, Path file, int count, Duration period) throws InterruptedException {
        long deadline = System.nanoTime() + period.toNanos();
        synchronized (events) { // told of every event logged
            for (long left = period.toNanos(); left > 0 && named(event, file, null).size() <= count;
                    left = deadline - System.nanoTime()) {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(events, left);
            }
        }
        assertEquals(count, named(event, file, null).size(), "the " + event + " events: " + events.named(event));
    }

    private long reloads(String file, String status) {
        // getOrCreate, not counter(): the meters behind a registry are the process's, and only getOrCreate finds one
        // that an earlier test created through another registry.
        return meters.getOrCreate(Counter.builder(ConfigWatch.RELOADS)
                .tags(List.of(Tag.create("file", file), Tag.create("status", status)))).count();
    }

    private double refusedGauge(String file) {
        return meters.gauge(ConfigWatch.REFUSED, List.of(Tag.create("file", file))).map(Gauge::value)
                .map(Number::doubleValue).orElseThrow();
    }

    /** Stands in for Helidon's watcher: the test says when a file changed. */
    private static final class FakeWatcher implements ChangeWatcher<Path> {
        private final Map<Path, Consumer<ChangeEvent<Path>>> listeners = new ConcurrentHashMap<>();
        private volatile boolean stopped;

        @Override
        public void start(Path target, Consumer<ChangeEvent<Path>> listener) {
            listeners.put(target, listener);
        }

        @Override
        public void stop() {
            stopped = true;
        }

        @Override
        public Class<Path> type() {
            return Path.class;
        }

        void fire(Path file) {
            listeners.get(file.toAbsolutePath()).accept(ChangeEvent.create(file, ChangeEventType.CHANGED));
        }
    }
}

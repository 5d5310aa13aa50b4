package io.agentgateway.host.config;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.observe.EventLog;
import io.helidon.config.FileSystemWatcher;
import io.helidon.config.spi.ChangeWatcher;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GATEWAY_AGENT_AUTO_RELOAD}: edits of the config files are put in force while the gateway runs, through the
 * same strict reading as their admin refresh, so a file refused by the watch would have been refused by the route and
 * at start.
 *
 * <p>Helidon Config's {@link FileSystemWatcher} tells of changes: it watches each file's folder, so a file that an
 * editor replaces (write a copy, rename it over) or that disappears is seen too, and it registers again when the
 * folder comes back. A change is acted on once the file has been quiet for {@link #QUIET}: editors and tools write in
 * several steps, and a half-written file must not be refused for what the next write completes. A change that left
 * the bytes as they were (a {@code touch}, the same content saved again) does nothing.
 *
 * <p>A file that cannot be used (gone, not YAML, not per its schema, refused by its own rules) leaves the version in
 * force. It is logged as the refresh's event ({@code security.refresh}, {@code agents.refresh}, ...) with
 * {@code status: failed} and the message a refresh would answer (file, key path, what is wrong), counted in
 * {@code agent_gateway_config_reloads_total{file,status}}, and {@code agent_gateway_config_refused{file}} reads 1 until
 * a version of the file is put in force.
 */
public final class ConfigWatch implements AutoCloseable {

    /** How long a file must stay unchanged before it is read. */
    public static final Duration QUIET = Duration.ofMillis(500);

    static final String RELOADS = "agent_gateway_config_reloads_total";
    static final String REFUSED = "agent_gateway_config_refused";

    /**
     * Whether each file (by label) is refused now. The meters outlive any one watch (the registry is the process's),
     * so the gauge reads the flag here rather than a field of one watch.
     */
    private static final Map<String, AtomicInteger> REFUSED_NOW = new ConcurrentHashMap<>();

    /** What reading a changed file did. */
    public enum Outcome {
        /** The file is in force. */
        APPLIED("ok"),
        /** The file is usable, but only a restart puts it in force. */
        RESTART_NEEDED("restart_needed");

        private final String status;

        Outcome(String status) {
            this.status = status;
        }
    }

    /** Puts one file in force, as its admin refresh does. */
    @FunctionalInterface
    public interface Reload {
        /** @throws ConfigException when the file cannot be used; what is in force then stays */
        Outcome apply();
    }

    /**
     * One file to watch.
     *
     * @param kind which file it is
     * @param file where it is
     * @param reload reads it strictly and puts it in force
     */
    public record Watched(ConfigFile kind, Path file, Reload reload) {

        public Watched {
            requireNonNull(kind, "kind is null");
            requireNonNull(file, "file is null");
            requireNonNull(reload, "reload is null");
        }

        /** @return the name in logs and metrics, e.g. {@code agents.yaml} */
        String label() {
            return kind.name().toLowerCase(Locale.ROOT) + ".yaml";
        }

        /** @return the log event, the one of the file's admin refresh, e.g. {@code agents.refresh} */
        String event() {
            return kind.name().toLowerCase(Locale.ROOT) + ".refresh";
        }
    }

    private final ChangeWatcher<Path> watcher;
    private final Duration quiet;
    private final MeterRegistry meters;
    private final ScheduledExecutorService debounce = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("config-watch").daemon().factory());
    private final List<WatchedFile> files = new CopyOnWriteArrayList<>();
    private ExecutorService watcherThread; // the thread the file system watcher runs on, when this watch owns it

    /**
     * @param watcher tells of changes to a file
     * @param quiet how long a file must stay unchanged before it is read
     */
    ConfigWatch(ChangeWatcher<Path> watcher, Duration quiet, MeterRegistry meters) {
        this.watcher = requireNonNull(watcher, "watcher is null");
        this.quiet = requireNonNull(quiet, "quiet is null");
        this.meters = requireNonNull(meters, "meters is null");
    }

    /** Watches {@code files} with Helidon Config's file system watcher until {@link #close()}. */
    public static ConfigWatch start(List<Watched> files, MeterRegistry meters) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("config-watch-files").daemon().factory());
        ConfigWatch watch = new ConfigWatch(FileSystemWatcher.builder().executor(thread)
                .initialDelay(Duration.ZERO).build(), QUIET, meters);
        watch.watcherThread = thread;
        files.forEach(watch::watch);
        // The watcher registers with the file system on its thread, after start() returned; a change made before
        // that is not an event. Once it has registered (this task runs after its first round, on the same thread),
        // every file is compared with what was read, so no change made since then goes unseen.
        thread.execute(watch::recheck);
        return watch;
    }

    /** Compares every file with what was last read of it, as if each had changed. */
    void recheck() {
        files.forEach(WatchedFile::changed);
    }

    /** Starts watching one file; its content now counts as in force. */
    void watch(Watched watched) {
        WatchedFile state = new WatchedFile(watched, digest(watched.file()));
        files.add(state);
        meters.getOrCreate(Gauge.builder(REFUSED, state.refused, AtomicInteger::get)
                .description("1 while the file on disk is refused and the previous version stays in force")
                .tags(List.of(io.helidon.metrics.api.Tag.create("file", watched.label()))));
        // The watcher needs an absolute path: it resolves the events of the folder against the file's parent.
        watcher.start(watched.file().toAbsolutePath(), event -> state.changed());
        EventLog.info("config.watch", "file", watched.file().toString(), "quiet_ms", quiet.toMillis());
    }

    @Override
    public void close() {
        watcher.stop();
        if (watcherThread != null) {
            watcherThread.shutdownNow();
        }
        debounce.shutdownNow();
    }

    /** One file's pending read and what was last read of it. */
    private final class WatchedFile {

        private final Watched watched;
        private final AtomicInteger refused;
        private ScheduledFuture<?> pending; // guarded by this
        private String lastDigest; // read and written on the debounce thread only

        WatchedFile(Watched watched, String digest) {
            this.watched = watched;
            this.lastDigest = digest;
            this.refused = REFUSED_NOW.computeIfAbsent(watched.label(), label -> new AtomicInteger());
            refused.set(0); // what was read at start is in force
        }

        /** Every event starts the quiet period again. */
        synchronized void changed() {
            if (pending != null) {
                pending.cancel(false);
            }
            try {
                pending = debounce.schedule(this::read, quiet.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                pending = null; // closing: nothing more is put in force
            }
        }

        private void read() {
            String digest = digest(watched.file());
            if (digest.equals(lastDigest)) {
                return;
            }
            lastDigest = digest;
            String file = watched.file().toString();
            try {
                Outcome outcome = watched.reload().apply();
                refused.set(0);
                count(outcome.status);
                EventLog.info(watched.event(), "trigger", "file_change", "file", file, "status", outcome.status,
                        "reason", outcome == Outcome.RESTART_NEEDED
                                ? "the file is valid; it is read at start only, so a restart puts it in force"
                                : null);
            } catch (ConfigException e) {
                refuse(file, e.getMessage());
            } catch (RuntimeException e) {
                refuse(file, String.valueOf(e)); // never let one bad read end the watch
            }
        }

        private void refuse(String file, String message) {
            refused.set(1);
            count("failed");
            EventLog.warn(watched.event(), "trigger", "file_change", "file", file, "status", "failed",
                    "error", message + " (the " + watched.label() + " in force stays)");
        }

        private void count(String status) {
            meters.getOrCreate(Counter.builder(RELOADS)
                    .description("Config files changed on disk and read again, by file and outcome")
                    .tags(List.of(io.helidon.metrics.api.Tag.create("file", watched.label()),
                            io.helidon.metrics.api.Tag.create("status", status)))).increment();
        }
    }

    /** @return the SHA-256 of the file's bytes, or {@code missing} when it is not a readable file */
    static String digest(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            if (Files.size(file) > YamlFiles.MAX_BYTES) {
                return "too large " + Files.size(file) + " " + Files.getLastModifiedTime(file); // refused when read
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            return "missing";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

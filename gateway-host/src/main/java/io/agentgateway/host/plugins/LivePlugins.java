package io.agentgateway.host.plugins;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.security.PluginRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The plugins folder, kept in force while the gateway runs. Each jar, zip or folder found is recognised by its
 * content (SHA-256) once it has stopped changing, copied into a private cache kept between starts ({@link PluginCache})
 * and loaded from there, never from the file that can change under it; a file whose size, times and identity did not
 * change since it was last hashed is not read again ({@link KnownDigests}). A new plugin is added; a file whose content changed is loaded beside the version
 * running and, once started, takes new requests while the old one drains ({@link DrainingVersions}) and is then
 * stopped and unloaded; a removed file's plugin drains and is unloaded; a new version that fails leaves the
 * old one serving. {@link #applyRules()} does the same for security.yaml's allow/deny lists and pins.
 */
public final class LivePlugins implements AutoCloseable {

    /** The gateway's side: what a plugin contributes joins and leaves its registries. */
    public interface Listener {
        /** {@code plugin} started: register what it contributes (for a replacement, in place of the old one's). */
        void started(FoundPlugin plugin);

        /** {@code plugin} is being removed with no replacement: new requests must no longer reach it. */
        void removed(FoundPlugin plugin);

        /** {@code plugin} has drained and is about to be unloaded: release what the gateway opened with it. */
        void drained(FoundPlugin plugin);

        /** A reconcile changed which plugins run. */
        default void changed() {
        }
    }

    private static final Listener NONE = new Listener() {
        public void started(FoundPlugin plugin) {
        }

        public void removed(FoundPlugin plugin) {
        }

        public void drained(FoundPlugin plugin) {
        }
    };

    /** What one file of the folder became. */
    private record Entry(Path file, String sha, FileStamp stamp, FoundPlugin plugin, PluginFolder folder) {
        boolean started() {
            return plugin.started();
        }
    }

    private final Path dist;
    private final PluginCache cache;
    private final KnownDigests digests;
    private final Supplier<PluginRules> rules;
    private final Consumer<PluginState> failures;
    private final Map<Path, Entry> byFile = new LinkedHashMap<>();
    private final Map<String, Entry> running = new HashMap<>();
    private final Map<Path, FileStamp> lastSeen = new HashMap<>();
    /** The content of each version replaced or removed and not yet unloaded, once per version. */
    private final List<String> unloading = new ArrayList<>();

    /**
     * Set by {@link #close()}: what ran is no longer in {@link #running} then, so a version that finishes draining
     * afterwards must not prune, or it would delete the copies the next start reuses.
     */
    private boolean closed;
    private final DrainingVersions draining;
    private volatile Listener listener = NONE;
    private volatile Thread watcher;
    private volatile List<FoundPlugin> snapshot = List.of();

    /** Counts plugins that did not start in the gateway's metrics ({@code agent_gateway_dropin_failures_total}). */
    public LivePlugins(Path dist, Path cacheRoot, Supplier<PluginRules> rules, Duration drainMax) {
        this(dist, cacheRoot, rules, DropinFailureMetric::increment, drainMax);
    }

    /**
     * @param dist the plugins folder ({@code GATEWAY_PLUGINS_DIR})
     * @param cacheRoot a private folder the loaded copies go to, kept between starts
     * @param rules the allow/deny lists and pins in force, asked at every look
     * @param failures told the state of every plugin found that did not start, blocked ones excepted
     * @param drainMax how long a replaced or removed version may finish what it is doing before it is unloaded anyway
     */
    public LivePlugins(Path dist, Path cacheRoot, Supplier<PluginRules> rules, Consumer<PluginState> failures,
            Duration drainMax) {
        this(dist, cacheRoot, rules, failures, drainMax, Digests::sha256);
    }

    /** @param hasher reads a copied plugin file's SHA-256 */
    LivePlugins(Path dist, Path cacheRoot, Supplier<PluginRules> rules, Consumer<PluginState> failures,
            Duration drainMax, PluginCache.Hasher hasher) {
        this.dist = requireNonNull(dist, "dist is null");
        this.cache = new PluginCache(requireNonNull(cacheRoot, "cacheRoot is null"), hasher);
        this.digests = KnownDigests.readFrom(cacheRoot);
        this.rules = requireNonNull(rules, "rules is null");
        this.failures = requireNonNull(failures, "failures is null");
        // The listener in force when a version has drained, not the one when it was retired.
        this.draining = new DrainingVersions(drainMax, plugin -> listener.drained(plugin));
    }

    /** Loads what the folder holds now, files still being written included. @return every plugin found */
    public synchronized List<FoundPlugin> load() {
        reconcile(false, false);
        return snapshot;
    }

    /** @param listener told from now on what joins and leaves */
    public void listen(Listener listener) {
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** Looks at the folder now ({@code POST /plugins/reload}). @return every plugin found */
    public synchronized List<FoundPlugin> reload() {
        reconcile(false, false);
        return snapshot;
    }

    /** Applies new allow/deny lists and pins at once ({@code POST /security/refresh}). @return every plugin found */
    public synchronized List<FoundPlugin> applyRules() {
        reconcile(true, false);
        return snapshot;
    }

    /** @return every plugin found: those running, and what each other file became */
    public List<FoundPlugin> plugins() {
        return snapshot;
    }

    /** Looks at the folder every {@code interval} from now on, acting on files that have stopped changing. */
    public void watch(Duration interval) {
        watcher = Thread.ofVirtual().name("plugins-watch").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(interval);
                    lookOnce();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** One look at the folder; a look that fails is logged and the next one tries again, so watching never stops. */
    private synchronized void lookOnce() {
        try {
            reconcile(false, true);
        } catch (RuntimeException e) {
            EventLog.error("agent.dropin.watch_failed", "cause", Causes.describe(e));
        }
    }

    private void reconcile(boolean rulesChanged, boolean onlyStable) {
        PluginRules now = rules.get();
        List<Path> files = PluginFiles.list(dist);
        boolean changed = false;
        for (Path gone : List.copyOf(byFile.keySet())) {
            if (!files.contains(gone)) {
                byFile.remove(gone);
                lastSeen.remove(gone);
                changed |= retireFrom(gone, "removed", null);
            }
        }
        List<Looked> toHash = new ArrayList<>();
        for (Path file : files) {
            FileStamp stamp = PluginFiles.stamp(file);
            FileStamp before = lastSeen.put(file, stamp);
            Entry known = byFile.get(file);
            if (known != null && known.stamp().equals(stamp) && !rulesChanged) {
                continue;
            }
            if (onlyStable && !stamp.equals(before)) {
                continue; // still being written, or first seen: look again next time
            }
            toHash.add(new Looked(file, stamp, null, null));
        }
        // Hashing and loading run for all files at once; what is decided and registered runs in file order, so that
        // the outcome does not depend on which file was quicker.
        List<Looked> hashed = InParallel.each(toHash, this::identify);
        List<Looked> toLoad = new ArrayList<>();
        for (Looked looked : hashed) {
            Path file = looked.file();
            FileStamp stamp = looked.stamp();
            String sha = looked.sha();
            Entry known = byFile.get(file);
            if (known != null && Objects.equals(known.sha(), sha)) {
                Entry same = new Entry(file, sha, stamp, known.plugin(), known.folder());
                byFile.put(file, same);
                if (known.started() && running.get(known.plugin().id()) == known) {
                    running.put(known.plugin().id(), same);
                }
                if (!rulesChanged) {
                    continue;
                }
                if (known.started()) {
                    Optional<String> refused = now.blockReason(known.plugin().id())
                            .or(() -> now.pinMismatch(known.plugin().id(), sha));
                    if (refused.isPresent()) {
                        changed |= retireFrom(file, "blocked", refused.get());
                        byFile.put(file, new Entry(file, sha, stamp, blocked(known.plugin(), refused.get()), null));
                    }
                    continue;
                }
            }
            toLoad.add(looked);
        }
        for (Loaded loaded : InParallel.each(toLoad, looked -> load(looked, now))) {
            changed |= putInForce(loaded);
        }
        digests.keepOnly(files);
        digests.save();
        pruneCache();
        snapshot = describe();
        if (changed) {
            listener.changed();
        }
    }

    /**
     * A file looked at, with its content's SHA-256 (null when it could not be copied) and why it cannot be loaded
     * (null when it can).
     */
    private record Looked(Path file, FileStamp stamp, String sha, String problem) {
    }

    /** What loading a file gave: a started plugin with its folder, or what it became instead. */
    private record Loaded(Path file, String sha, FileStamp stamp, FoundPlugin plugin, PluginFolder folder) {
    }

    /**
     * Learns {@code looked}'s content and makes sure the cache holds it: from what was remembered when its stamp did
     * not change and the cache entry is whole, else by copying it into the cache and hashing the copy. Safe to run
     * for several files at once.
     */
    private Looked identify(Looked looked) {
        Path file = looked.file();
        try {
            FileStamp before = Files.isRegularFile(file) ? looked.stamp() : null; // taken by this look just now
            Optional<String> known = before == null ? Optional.empty() : digests.digest(file, before);
            if (known.isPresent() && cache.complete(known.get())) {
                return new Looked(file, looked.stamp(), known.get(), null);
            }
            PluginCache.Stored stored = cache.store(file);
            // Remembered only when the file did not change while it was copied: else the digest may be of neither.
            if (before != null && before.equals(FileStamp.of(file))) {
                digests.remember(file, before, stored.sha());
            }
            return new Looked(file, looked.stamp(), stored.sha(), stored.problem());
        } catch (IOException | UncheckedIOException e) {
            return new Looked(file, looked.stamp(), null,
                    "cannot copy it into the plugin cache: " + Causes.describe(e));
        }
    }

    /** Loads {@code file}'s content from its private copy; safe to run for several files at once. */
    private Loaded load(Looked looked, PluginRules now) {
        Path file = looked.file();
        String sha = looked.sha();
        if (looked.problem() != null) {
            FoundPlugin invalid = new FoundPlugin(name(file), null, PluginState.INVALID, looked.problem(), null,
                    null, name(file), sha, null, null);
            EventLog.error("agent.dropin.failed", "plugin_id", invalid.id(), "version", null, "file", name(file),
                    "state", invalid.state().label(), "cause", invalid.error());
            failures.accept(PluginState.INVALID);
            return new Loaded(file, sha, looked.stamp(), invalid, null);
        }
        // The digest is that of the copy, taken when it was made: the plugin's files are not read again for it.
        PluginFolder folder = new PluginFolder(cache.folder(sha), now, failures, path -> sha);
        List<FoundPlugin> found = folder.load();
        FoundPlugin plugin = found.isEmpty()
                ? new FoundPlugin(name(file), null, PluginState.INVALID, "no plugin found in it", null, null,
                        name(file), sha, null, null)
                : renamed(found.getFirst(), name(file));
        return new Loaded(file, sha, looked.stamp(), plugin, folder);
    }

    /** Puts a loaded plugin in force when it started, in place of an older version of it; one file at a time. */
    private boolean putInForce(Loaded loaded) {
        Path file = loaded.file();
        String sha = loaded.sha();
        FileStamp stamp = loaded.stamp();
        FoundPlugin plugin = loaded.plugin();
        PluginFolder folder = loaded.folder();
        if (folder == null) {
            byFile.put(file, new Entry(file, sha, stamp, plugin, null));
            return false;
        }
        if (!plugin.started()) {
            folder.close();
            byFile.put(file, new Entry(file, sha, stamp, plugin, null));
            return false;
        }
        Entry candidate = new Entry(file, sha, stamp, plugin, folder);
        Entry old = running.get(plugin.id());
        if (old != null && !old.file().equals(file) && byFile.get(old.file()) != null) {
            folder.close();
            byFile.put(file, new Entry(file, sha, stamp, new FoundPlugin(plugin.id(), plugin.version(),
                    PluginState.DUPLICATE, "plugin id already taken by " + name(old.file()), null, null,
                    name(file), sha, plugin.requires(), null), null));
            return false;
        }
        try {
            listener.started(plugin);
        } catch (RuntimeException | LinkageError e) {
            EventLog.error("agent.dropin.failed", "plugin_id", plugin.id(), "version", plugin.version(),
                    "state", "failed", "cause", "registering what it contributes threw " + Causes.describe(e));
        }
        running.put(plugin.id(), candidate);
        byFile.put(file, candidate);
        if (old != null) {
            EventLog.info("agent.dropin.replaced", "plugin_id", plugin.id(), "old_version", old.plugin().version(),
                    "version", plugin.version(), "sha256", sha);
            drainThenUnload(old, "replaced");
        }
        return true;
    }

    /**
     * Takes the plugin loaded from {@code file} out of service, if one runs: no new requests, then unloaded. Logged
     * once as {@code agent.dropin.<why>}: a warning with the reason when there is one (the rules refused it), before
     * its drain, so that the drain's own events follow it.
     */
    private boolean retireFrom(Path file, String why, String reason) {
        for (Entry entry : List.copyOf(running.values())) {
            if (entry.file().equals(file)) {
                running.remove(entry.plugin().id());
                try {
                    listener.removed(entry.plugin());
                } catch (RuntimeException e) {
                    EventLog.error("agent.dropin.stop_failed", "plugin_id", entry.plugin().id(),
                            "cause", Causes.describe(e));
                }
                FoundPlugin plugin = entry.plugin();
                if (reason == null) {
                    EventLog.info("agent.dropin." + why, "plugin_id", plugin.id(), "version", plugin.version(),
                            "file", plugin.file());
                } else {
                    EventLog.warn("agent.dropin." + why, "plugin_id", plugin.id(), "version", plugin.version(),
                            "file", plugin.file(), "reason", reason);
                }
                drainThenUnload(entry, why);
                return true;
            }
        }
        return false;
    }

    private void drainThenUnload(Entry entry, String why) {
        unloading.add(entry.sha());
        draining.drainThenUnload(entry.plugin(), entry.folder(), () -> unloaded(entry.sha()), why);
    }

    /** A version has been unloaded: its copy goes unless another file or version still uses the same content. */
    private synchronized void unloaded(String sha) {
        unloading.remove(sha);
        if (!closed) {
            pruneCache();
        }
    }

    /**
     * Deletes the cache entries no loaded version uses: what did not start is copied again should it be looked at
     * again, which is rare, rather than kept for good.
     */
    private void pruneCache() {
        Set<String> inUse = new HashSet<>(unloading);
        running.values().forEach(entry -> inUse.add(entry.sha()));
        cache.prune(inUse, Set.of(KnownDigests.FILE));
    }

    /** Waits until every replaced or removed version has been unloaded; for tests and shut-down. */
    public void awaitUnloaded(Duration max) throws InterruptedException {
        draining.awaitUnloaded(max);
    }

    private List<FoundPlugin> describe() {
        List<FoundPlugin> out = new ArrayList<>();
        running.values().forEach(entry -> out.add(entry.plugin()));
        byFile.values().stream().filter(entry -> !entry.started()).forEach(entry -> out.add(entry.plugin()));
        out.sort(Comparator.comparing(FoundPlugin::file).thenComparing(p -> p.started() ? 0 : 1));
        return List.copyOf(out);
    }

    private static String name(Path path) {
        return path.getFileName().toString();
    }

    private static FoundPlugin renamed(FoundPlugin plugin, String file) {
        return new FoundPlugin(plugin.id(), plugin.version(), plugin.state(), plugin.error(), plugin.plugin(),
                plugin.loader(), file, plugin.sha256(), plugin.requires(), plugin.loadedAt());
    }

    private static FoundPlugin blocked(FoundPlugin plugin, String reason) {
        return new FoundPlugin(plugin.id(), plugin.version(), PluginState.BLOCKED, reason, null, null, plugin.file(),
                plugin.sha256(), plugin.requires(), null);
    }

    /** Stops looking at the folder (at shut-down, before what plugins contribute is closed). */
    public void stopWatching() {
        Thread thread = watcher;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * Stops watching, then stops and unloads every plugin; replaced versions still draining are not waited for. The
     * copies stay in the cache for the next start.
     */
    @Override
    public synchronized void close() {
        closed = true;
        stopWatching();
        List<Entry> started = new ArrayList<>(running.values());
        started.sort(Comparator.comparing((Entry e) -> e.plugin().loadedAt()).reversed());
        for (Entry entry : started) {
            entry.folder().close();
        }
        running.clear();
    }
}

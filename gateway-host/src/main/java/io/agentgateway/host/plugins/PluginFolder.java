package io.agentgateway.host.plugins;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.security.PluginRules;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * Loads the plugins of one folder: {@code *.jar} plugins and {@code *.zip} plugins ({@code classes/} + {@code lib/}),
 * see docs/plugins.md. A plugin that is blocked, broken, incompatible, a duplicate or fails to start is logged with
 * its cause and kept out; the others load regardless.
 */
public final class PluginFolder implements AutoCloseable {

    private final GatewayPluginManager manager;
    private final Consumer<PluginState> failures;
    private List<FoundPlugin> plugins;

    /** Loads from {@code pluginsDir} under {@code rules}, counting failures in the gateway's metrics. */
    public PluginFolder(Path pluginsDir, PluginRules rules) {
        this(pluginsDir, rules, DropinFailureMetric::increment);
    }

    /**
     * @param failures told the state of every plugin that was found but did not start, blocked ones excepted
     */
    public PluginFolder(Path pluginsDir, PluginRules rules, Consumer<PluginState> failures) {
        this(pluginsDir, rules, failures, Digests::sha256);
    }

    /** @param hasher how each plugin file's SHA-256 is learnt: {@link LivePlugins} knows it before loading */
    PluginFolder(Path pluginsDir, PluginRules rules, Consumer<PluginState> failures, PluginCache.Hasher hasher) {
        this.manager = new GatewayPluginManager(pluginsDir, rules, hasher);
        this.failures = requireNonNull(failures, "failures is null");
    }

    /**
     * Finds, loads and starts the plugins. Call once.
     *
     * @return every plugin found, whatever its state, ordered by file name
     */
    public synchronized List<FoundPlugin> load() {
        if (plugins != null) {
            throw new IllegalStateException("plugins already loaded from " + manager.getPluginsRoot());
        }
        manager.expandZips();
        manager.loadPlugins();
        manager.startPlugins();
        List<FoundPlugin> found = new ArrayList<>(manager.refused());
        for (PluginWrapper wrapper : List.copyOf(manager.getPlugins())) {
            FoundPlugin plugin = describe(wrapper);
            if (!plugin.started()) {
                // Release its jars now: a plugin that did not start never will.
                manager.unloadPlugin(wrapper.getPluginId());
            }
            found.add(plugin);
        }
        found.sort(Comparator.comparing(FoundPlugin::file));
        found.forEach(this::report);
        plugins = List.copyOf(found);
        return plugins;
    }

    /** @return what {@link #load()} returned, empty before it ran */
    public synchronized List<FoundPlugin> plugins() {
        return plugins == null ? List.of() : plugins;
    }

    private FoundPlugin describe(PluginWrapper wrapper) {
        String id = wrapper.getPluginId();
        String version = wrapper.getDescriptor().getVersion();
        String file = GatewayPluginManager.fileName(wrapper.getPluginPath());
        String sha256 = manager.digests().get(id);
        String requires = wrapper.getDescriptor().getRequires();
        if (wrapper.getPluginState().isStarted()
                && wrapper.getPlugin() instanceof ServiceLoaderPlugin started) {
            return new FoundPlugin(id, version, PluginState.STARTED, null, started.gatewayPlugin(),
                    wrapper.getPluginClassLoader(), file, sha256, requires, Instant.now());
        }
        Throwable cause = wrapper.getFailedException();
        String error = cause == null ? "not started (" + wrapper.getPluginState() + ")"
                : cause instanceof PluginRuntimeException && cause.getMessage() != null ? cause.getMessage()
                : Causes.describe(cause);
        return new FoundPlugin(id, version, PluginState.FAILED, error, null, null, file, sha256, requires, null);
    }

    private void report(FoundPlugin plugin) {
        switch (plugin.state()) {
            case STARTED -> EventLog.info("agent.dropin.loaded", "plugin_id", plugin.id(),
                    "version", plugin.version(), "file", plugin.file());
            case BLOCKED -> EventLog.warn("agent.dropin.blocked", "plugin_id", plugin.id(),
                    "version", plugin.version(), "file", plugin.file(), "reason", plugin.error());
            default -> {
                EventLog.error("agent.dropin.failed", "plugin_id", plugin.id(), "version", plugin.version(),
                        "file", plugin.file(), "state", plugin.state().label(), "cause", plugin.error());
                failures.accept(plugin.state());
            }
        }
    }

    /**
     * Stops the started plugins one at a time, last started first, then unloads all of them. PF4J's
     * {@code stopPlugins()} is avoided: it fails with a ConcurrentModificationException once a plugin has started.
     */
    @Override
    public synchronized void close() {
        List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
        for (PluginWrapper wrapper : started.reversed()) {
            try {
                manager.stopPlugin(wrapper.getPluginId());
            } catch (RuntimeException e) {
                EventLog.error("agent.dropin.stop_failed", "plugin_id", wrapper.getPluginId(),
                        "cause", Causes.describe(e));
            }
            if (wrapper.getFailedException() != null) {
                EventLog.error("agent.dropin.stop_failed", "plugin_id", wrapper.getPluginId(),
                        "cause", Causes.describe(wrapper.getFailedException()));
            }
        }
        manager.unloadPlugins();
    }
}

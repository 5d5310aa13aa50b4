package io.agentgateway.host.plugins;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.GatewayPlugin;
import java.util.function.Supplier;

/**
 * One plugin found in the plugins folder, whatever became of it.
 *
 * @param id its {@code Plugin-Id}, or the file name when no descriptor could be read
 * @param version its {@code Plugin-Version}, or null when unknown
 * @param state where it ended up
 * @param error why it is not {@link PluginState#STARTED}, null when it is
 * @param plugin its entry point, null unless started
 * @param loader its class loader, null unless started
 * @param file the file or folder name it came from, inside the plugins folder
 * @param sha256 the SHA-256 (hex) of that file, null when it was refused before it was read
 * @param requires its {@code Plugin-Requires}, null when unknown
 * @param loadedAt when it started, null unless started
 */
public record FoundPlugin(String id, String version, PluginState state, String error, GatewayPlugin plugin,
                           ClassLoader loader, String file, String sha256, String requires,
                           java.time.Instant loadedAt) {

    /** A plugin whose digest, requirement and start time are unknown. */
    public FoundPlugin(String id, String version, PluginState state, String error, GatewayPlugin plugin,
            ClassLoader loader, String file) {
        this(id, version, state, error, plugin, loader, file, null, null, null);
    }

    public FoundPlugin {
        requireNonNull(id, "id is null");
        requireNonNull(state, "state is null");
        requireNonNull(file, "file is null");
        if (state == PluginState.STARTED) {
            requireNonNull(plugin, "plugin is null");
            requireNonNull(loader, "loader is null");
        } else {
            requireNonNull(error, "error is null");
        }
    }

    /** @return whether the plugin runs and its {@link #plugin()} may be called */
    public boolean started() {
        return state == PluginState.STARTED;
    }

    /**
     * Calls into this plugin with its class loader as the thread's context class loader.
     *
     * @throws IllegalStateException when the plugin did not start
     */
    public <T> T call(Supplier<T> call) {
        if (!started()) {
            throw new IllegalStateException("plugin " + id + " is " + state.label() + ": " + error);
        }
        return PluginCalls.call(loader, call::get);
    }
}

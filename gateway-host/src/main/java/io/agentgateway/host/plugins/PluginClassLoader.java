package io.agentgateway.host.plugins;

import static java.util.Objects.requireNonNull;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * The class loader of one plugin: its jar (or its expanded zip's {@code classes/} and {@code lib/*.jar}) over the
 * loader that shares the API. It carries the plugin's id so a failure in code it defined can be put down to the plugin.
 */
final class PluginClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final String pluginId;
    private final InFlight inFlight = new InFlight();

    PluginClassLoader(String pluginId, URL[] urls, ClassLoader sharedApi) {
        super("plugin:" + requireNonNull(pluginId, "pluginId is null"), urls, sharedApi);
        this.pluginId = pluginId;
    }

    String pluginId() {
        return pluginId;
    }

    /** @return the calls under way in the plugin version this loader loaded */
    InFlight inFlight() {
        return inFlight;
    }
}

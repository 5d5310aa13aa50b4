package io.agentgateway.host.plugins;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.GatewayPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.pf4j.Plugin;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * PF4J's lifecycle handle for a plugin that has no PF4J class of its own: starting it finds the one
 * {@link GatewayPlugin} the jar declares in {@code META-INF/services} and creates it; stopping it closes it when it is
 * {@link AutoCloseable}. Annotation-indexed extensions are not used: JDK 23+ no longer runs the processor by default.
 */
final class ServiceLoaderPlugin extends Plugin {

    private static final String SERVICE_FILE = "META-INF/services/" + GatewayPlugin.class.getName();

    private final PluginWrapper wrapper;
    private volatile GatewayPlugin gatewayPlugin;

    ServiceLoaderPlugin(PluginWrapper wrapper) {
        this.wrapper = requireNonNull(wrapper, "wrapper is null");
    }

    /** @return the plugin's entry point, null until started */
    GatewayPlugin gatewayPlugin() {
        return gatewayPlugin;
    }

    @Override
    public void start() {
        ClassLoader loader = wrapper.getPluginClassLoader();
        try {
            gatewayPlugin = PluginCalls.call(loader, () -> find(loader));
        } catch (PluginRuntimeException e) {
            throw e;
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            // PF4J only catches Exception and LinkageError; ServiceConfigurationError is neither.
            throw new PluginRuntimeException(e, "{}", Causes.describe(e));
        }
    }

    private GatewayPlugin find(ClassLoader loader) {
        List<GatewayPlugin> found = new ArrayList<>();
        for (GatewayPlugin plugin : ServiceLoader.load(GatewayPlugin.class, loader)) {
            found.add(plugin);
        }
        if (found.isEmpty()) {
            throw new PluginRuntimeException("no " + SERVICE_FILE + " entry: the plugin offers no GatewayPlugin");
        }
        if (found.size() > 1) {
            throw new PluginRuntimeException(SERVICE_FILE + " names " + found.size()
                    + " GatewayPlugin classes, one is expected: "
                    + found.stream().map(plugin -> plugin.getClass().getName()).toList());
        }
        return found.getFirst();
    }

    @Override
    public void stop() {
        GatewayPlugin plugin = gatewayPlugin;
        gatewayPlugin = null;
        if (plugin instanceof AutoCloseable closeable) {
            try {
                PluginCalls.run(wrapper.getPluginClassLoader(), closeable::close);
            } catch (Exception | LinkageError e) {
                throw new PluginRuntimeException(e, "closing {} failed: {}", plugin.getClass().getName(),
                        Causes.describe(e));
            }
        }
    }
}

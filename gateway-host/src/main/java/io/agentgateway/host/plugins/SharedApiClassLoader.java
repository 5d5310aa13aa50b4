package io.agentgateway.host.plugins;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every plugin class loader: the platform (java.*, javax.* of the JDK) plus the API packages
 * {@code io.agentgateway.api..} taken from the host, and nothing else. A plugin therefore brings its own Jackson or
 * Kotlin without clashing with the host's, and cannot reach host internals.
 */
final class SharedApiClassLoader extends ClassLoader {

    static final String API_PACKAGE_PREFIX = "io.agentgateway.api.";
    private static final String API_RESOURCE_PREFIX = "io/agentgateway/api/";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader host;

    SharedApiClassLoader(ClassLoader host) {
        super("agent-gateway-api", ClassLoader.getPlatformClassLoader());
        this.host = requireNonNull(host, "host is null");
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE_PREFIX)) {
            return host.loadClass(name);
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        return name.startsWith(API_RESOURCE_PREFIX) ? host.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return name.startsWith(API_RESOURCE_PREFIX) ? host.getResources(name) : Collections.emptyEnumeration();
    }
}

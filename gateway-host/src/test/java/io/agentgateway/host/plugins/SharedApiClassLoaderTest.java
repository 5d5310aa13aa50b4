package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentgateway.api.GatewayPlugin;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a plugin's class loader sees of the host through its parent: the API, and nothing else. */
class SharedApiClassLoaderTest {

    private final ClassLoader host = getClass().getClassLoader();
    private final SharedApiClassLoader shared = new SharedApiClassLoader(host);

    @Test
    void apiClassesAreTheHostsOwn() throws Exception {
        assertSame(GatewayPlugin.class, shared.loadClass(GatewayPlugin.class.getName()));
    }

    @Test
    void hostClassesAndLibrariesAreNotThere() {
        assertThrows(ClassNotFoundException.class, () -> shared.loadClass("io.agentgateway.host.Gateway"));
        assertThrows(ClassNotFoundException.class, () -> shared.loadClass("com.fasterxml.jackson.databind.ObjectMapper"));
    }

    @Test
    void apiResourcesAreFoundOneByOneAndAllTogether() throws Exception {
        String name = "io/agentgateway/api/GatewayPlugin.class";
        assertNotNull(shared.getResource(name));
        List<URL> all = Collections.list(shared.getResources(name));
        assertEquals(Collections.list(host.getResources(name)), all);
        assertFalse(all.isEmpty());
    }

    @Test
    void noOtherResourceOfTheHostIsFoundEitherWay() throws Exception {
        for (String name : List.of("io/agentgateway/host/Gateway.class",
                "META-INF/services/org.slf4j.spi.SLF4JServiceProvider",
                "com/fasterxml/jackson/databind/ObjectMapper.class")) {
            assertNotNull(host.getResource(name), "the host has " + name);
            assertNull(shared.getResource(name), name);
            assertEquals(List.of(), Collections.list(shared.getResources(name)), name);
        }
    }
}

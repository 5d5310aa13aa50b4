package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.PluginFolderTest.only;
import static io.agentgateway.host.plugins.TestPluginJar.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.security.PluginRules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin shares the JDK and the API with the host, and nothing else. */
class PluginIsolationTest {

    @TempDir
    static Path dir;
    static PluginFolder loader;
    static FoundPlugin plain;
    static FoundPlugin ownJackson;

    @BeforeAll
    static void load() {
        plugin("plain").withService(TestPlugins.HELLO).writeJar(dir.resolve("plain.jar"));
        plugin("own-jackson").withService(TestPlugins.HELLO).withClass(TestPlugins.OWN_OBJECT_MAPPER)
                .writeJar(dir.resolve("own-jackson.jar"));
        loader = new PluginFolder(dir, new PluginRules(List.of("*"), List.of()), state -> { });
        plain = only(loader.load(), "plain");
        ownJackson = only(loader.plugins(), "own-jackson");
    }

    @AfterAll
    static void close() {
        loader.close();
    }

    @Test
    void hostClassesAreInvisibleToAPlugin() {
        assertThrows(ClassNotFoundException.class, () -> plain.loader().loadClass(Json.class.getName()));
        assertThrows(ClassNotFoundException.class, () -> plain.loader().loadClass(PluginFolder.class.getName()));
        assertThrows(ClassNotFoundException.class,
                () -> plain.loader().loadClass("com.fasterxml.jackson.databind.ObjectMapper"));
        assertThrows(ClassNotFoundException.class, () -> plain.loader().loadClass("org.pf4j.Plugin"));
        assertThrows(ClassNotFoundException.class, () -> plain.loader().loadClass("io.helidon.webserver.WebServer"));
    }

    @Test
    void hostResourcesAreInvisibleToAPlugin() {
        assertNull(plain.loader().getResource("io/agentgateway/host/Json.class"));
        assertNull(plain.loader().getResource("META-INF/services/org.slf4j.spi.SLF4JServiceProvider"));
    }

    @Test
    void theApiAndTheJdkAreTheHosts() throws ClassNotFoundException {
        assertSame(GatewayPlugin.class, plain.loader().loadClass(GatewayPlugin.class.getName()));
        assertSame(UpstreamProvider.class, plain.loader().loadClass(UpstreamProvider.class.getName()));
        assertSame(java.net.http.HttpClient.class, plain.loader().loadClass("java.net.http.HttpClient"));
        assertSame(java.sql.Timestamp.class, plain.loader().loadClass("java.sql.Timestamp"));
    }

    @Test
    void aPluginsOwnLibraryNeverClashesWithTheHostsCopy() throws ClassNotFoundException {
        Class<?> theirs = ownJackson.loader().loadClass("com.fasterxml.jackson.databind.ObjectMapper");

        assertSame(ownJackson.loader(), theirs.getClassLoader());
        assertNotSame(com.fasterxml.jackson.databind.ObjectMapper.class, theirs);
    }

    @Test
    void pluginsDoNotSeeEachOther() {
        assertThrows(ClassNotFoundException.class,
                () -> plain.loader().loadClass("com.fasterxml.jackson.databind.ObjectMapper"));
        assertNotSame(plain.plugin().getClass(), ownJackson.plugin().getClass());
        assertEquals(plain.plugin().getClass().getName(), ownJackson.plugin().getClass().getName());
    }
}

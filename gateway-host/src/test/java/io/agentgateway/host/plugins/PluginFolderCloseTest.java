package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.PluginFolderTest.only;
import static io.agentgateway.host.plugins.TestPluginJar.plugin;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.security.PluginRules;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing the plugin folder lets go of every plugin's class loader and jar, not only of its extensions. */
class PluginFolderCloseTest {

    @TempDir
    Path dir;

    @Test
    void closingUnloadsThePluginsAndClosesTheirClassLoaders() {
        plugin("a").withService(TestPlugins.HELLO).writeJar(dir.resolve("a.jar"));
        PluginFolder folder = new PluginFolder(dir, new PluginRules(List.of("*"), List.of()), state -> { });
        FoundPlugin a = only(folder.load(), "a");
        ClassLoader loader = a.loader();
        assertTrue(loader instanceof Closeable, "a plugin's loader holds its jar open: " + loader);
        assertNotNull(loader.getResource("META-INF/MANIFEST.MF"), "the jar is readable while loaded");

        folder.close();

        assertNull(loader.getResource("META-INF/MANIFEST.MF"), "the jar was let go");
    }
}

package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.PluginFolderTest.only;
import static io.agentgateway.host.plugins.TestPluginJar.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.security.PluginRules;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing the plugin folder lets go of every plugin's class loader and jar, not only of its extensions. */
class PluginFolderCloseTest {

    private static final String ONLY_IN_A = "only-in-a.txt";

    @TempDir
    Path dir;

    @Test
    void closingUnloadsThePluginsAndClosesTheirClassLoaders() {
        // A resource only this jar holds: a common name such as META-INF/MANIFEST.MF may also be found through the
        // parents (a jar on the boot class path, as a coverage agent's is), which would hide that the jar is gone.
        plugin("a").withService(TestPlugins.HELLO).entry(ONLY_IN_A, "a").writeJar(dir.resolve("a.jar"));
        PluginFolder folder = new PluginFolder(dir, new PluginRules(List.of("*"), List.of()), state -> { });
        FoundPlugin a = only(folder.load(), "a");
        ClassLoader loader = a.loader();
        assertTrue(loader instanceof Closeable, "a plugin's loader holds its jar open: " + loader);
        assertNotNull(loader.getResource(ONLY_IN_A), "the jar is readable while loaded");

        folder.close();

        assertNull(loader.getResource(ONLY_IN_A), "the jar was let go");
    }

    @Test
    void aPluginWhoseCloseThrowsIsLoggedAndTheOthersStillStop() {
        plugin("stubborn").withService(TestPlugins.STUBBORN).writeJar(dir.resolve("stubborn.jar"));
        plugin("a").withService(TestPlugins.HELLO).entry(ONLY_IN_A, "a").writeJar(dir.resolve("a.jar"));
        PluginFolder folder = new PluginFolder(dir, new PluginRules(List.of("*"), List.of()), state -> { });
        ClassLoader a = only(folder.load(), "a").loader();
        try (CapturedEvents events = new CapturedEvents()) {
            folder.close();

            List<Map<String, Object>> failed = events.named("agent.dropin.stop_failed");
            assertEquals(1, failed.size(), failed::toString);
            assertEquals("stubborn", failed.getFirst().get("plugin_id"));
            assertTrue(String.valueOf(failed.getFirst().get("cause")).contains("still connected"), failed::toString);
        }
        assertNull(a.getResource(ONLY_IN_A), "the other plugin was unloaded all the same");
    }
}

package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginDescriptor;

/**
 * What a plugin's class path is: a jar is its own; a plugin folder's is its classes/ first, then its lib/*.jar in
 * name order, so which copy of a class wins never depends on the file system's order. A zip is expanded first.
 */
class IsolatingPluginLoaderTest {

    @TempDir
    Path dir;

    private final IsolatingPluginLoader loader = new IsolatingPluginLoader(getClass().getClassLoader());

    @Test
    void jarsAndFoldersAreLoadedAndZipsAreNot() throws Exception {
        assertTrue(loader.isApplicable(Files.createDirectories(dir.resolve("tools"))));
        assertTrue(loader.isApplicable(Files.writeString(dir.resolve("tools.jar"), "")));
        assertFalse(loader.isApplicable(Files.writeString(dir.resolve("tools.zip"), "")));
    }

    @Test
    void aFoldersClassPathIsItsClassesThenItsLibraryJarsInNameOrder() throws Exception {
        Path plugin = Files.createDirectories(dir.resolve("tools"));
        Files.createDirectories(plugin.resolve("classes"));
        Path lib = Files.createDirectories(plugin.resolve("lib"));
        Files.writeString(lib.resolve("b.jar"), "");
        Files.writeString(lib.resolve("a.jar"), "");
        Files.writeString(lib.resolve("README.txt"), "not a jar");

        try (URLClassLoader classes = (URLClassLoader) loader.loadPlugin(plugin, descriptor())) {
            assertEquals(List.of(plugin.resolve("classes").toUri().toURL(), lib.resolve("a.jar").toUri().toURL(),
                    lib.resolve("b.jar").toUri().toURL()), Arrays.asList(classes.getURLs()));
            assertEquals("tools", ((PluginClassLoader) classes).pluginId());
        }
    }

    @Test
    void aJarIsItsOwnClassPath() throws Exception {
        Path jar = Files.writeString(dir.resolve("tools.jar"), "");
        try (URLClassLoader classes = (URLClassLoader) loader.loadPlugin(jar, descriptor())) {
            assertEquals(List.of(jar.toUri().toURL()), Arrays.asList(classes.getURLs()));
        }
    }

    private static DefaultPluginDescriptor descriptor() {
        return new DefaultPluginDescriptor("tools", "", "", "1.0.0", ">=1.0.0", "", "");
    }
}

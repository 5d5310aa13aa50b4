package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.PluginFolderTest.only;
import static io.agentgateway.host.plugins.TestPluginJar.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.security.PluginRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad plugin is kept out with its cause, and the good plugin next to it still starts. */
class PluginFailuresTest {

    @TempDir
    Path dir;
    final List<PluginState> failures = new CopyOnWriteArrayList<>();

    private List<FoundPlugin> loadWithAGoodNeighbour() {
        plugin("good").withService(TestPlugins.HELLO).writeJar(dir.resolve("good.jar"));
        try (PluginFolder loader = new PluginFolder(dir, new PluginRules(List.of("*"), List.of()), failures::add)) {
            List<FoundPlugin> plugins = loader.load();
            FoundPlugin good = only(plugins, "good");
            assertEquals(PluginState.STARTED, good.state(), good::error);
            return plugins;
        }
    }

    private static void assertKeptOut(FoundPlugin plugin, PluginState state, String errorPart) {
        assertEquals(state, plugin.state(), plugin::toString);
        assertNull(plugin.plugin());
        assertNull(plugin.loader());
        assertTrue(plugin.error().contains(errorPart), () -> "'" + errorPart + "' not in: " + plugin.error());
    }

    @Test
    void aCorruptJarIsInvalid() throws IOException {
        Files.write(dir.resolve("corrupt.jar"), "not a zip at all".getBytes());

        FoundPlugin corrupt = only(loadWithAGoodNeighbour(), "corrupt.jar");

        assertKeptOut(corrupt, PluginState.INVALID, "Cannot read manifest from corrupt.jar");
        assertEquals(List.of(PluginState.INVALID), failures);
    }

    @Test
    void aTruncatedZipIsInvalidAndLeavesNoHalfExpandedFolder() throws IOException {
        Path whole = plugin("cut").withService(TestPlugins.HELLO).withClass(TestPlugins.OWN_OBJECT_MAPPER)
                .writeZip(dir.resolve("whole.zip.tmp"));
        byte[] bytes = Files.readAllBytes(whole);
        Files.delete(whole);
        Files.write(dir.resolve("cut.zip"), Arrays.copyOf(bytes, bytes.length * 2 / 3));

        FoundPlugin cut = only(loadWithAGoodNeighbour(), "cut.zip");

        assertKeptOut(cut, PluginState.INVALID, "cannot expand");
        assertTrue(Files.notExists(dir.resolve("cut")));
    }

    @Test
    void aZipThatIsNoZipIsInvalid() throws IOException {
        Files.write(dir.resolve("garbage.zip"), "not a zip at all".getBytes());

        assertKeptOut(only(loadWithAGoodNeighbour(), "garbage.zip"), PluginState.INVALID, "cannot expand");
    }

    @Test
    void aJarWithoutPluginIdIsInvalid() {
        plugin("x").manifest("Plugin-Id", null).withService(TestPlugins.HELLO).writeJar(dir.resolve("anonymous.jar"));

        assertKeptOut(only(loadWithAGoodNeighbour(), "anonymous.jar"), PluginState.INVALID, "Plugin-Id");
    }

    @Test
    void everyPluginFoundIsListedByFileNameWithItsCauseSaidOnce() {
        plugin("zeta").withService(TestPlugins.BOOM).writeJar(dir.resolve("a-boom.jar"));
        plugin("alpha").withService(TestPlugins.HELLO).writeJar(dir.resolve("m-hello.jar"));
        plugin("blocked").withService(TestPlugins.HELLO).writeJar(dir.resolve("b-blocked.jar"));
        try (PluginFolder loader = new PluginFolder(dir, new PluginRules(List.of("*"), List.of("blocked")),
                failures::add)) {
            List<FoundPlugin> plugins = loader.load();

            assertEquals(List.of("a-boom.jar", "b-blocked.jar", "m-hello.jar"),
                    plugins.stream().map(FoundPlugin::file).toList());
            assertEquals("ServiceConfigurationError: io.agentgateway.api.GatewayPlugin: Provider demo.boom.BoomPlugin"
                    + " could not be instantiated; caused by IllegalStateException: boom: no API key",
                    plugins.getFirst().error(), "the loader's own wrapper is not named, and the cause only once");
        }
    }

    @Test
    void aConstructorThatThrowsFailsThePluginWithItsCause() {
        plugin("boom").withService(TestPlugins.BOOM).writeJar(dir.resolve("boom.jar"));
        try (CapturedEvents events = new CapturedEvents()) {
            FoundPlugin boom = only(loadWithAGoodNeighbour(), "boom");

            assertKeptOut(boom, PluginState.FAILED, "boom: no API key");
            assertEquals(List.of(PluginState.FAILED), failures);
            List<Map<String, Object>> failed = events.named("agent.dropin.failed");
            assertEquals(1, failed.size(), failed::toString);
            assertEquals("boom", failed.getFirst().get("plugin_id"));
            assertEquals("failed", failed.getFirst().get("state"));
            assertTrue(failed.getFirst().get("cause").toString().contains("boom: no API key"), failed::toString);
            assertEquals(List.of(Map.of("event", "agent.dropin.loaded", "plugin_id", "good", "version", "1.0.0",
                    "file", "good.jar")), events.named("agent.dropin.loaded"), "the neighbour's start is logged");
        }
    }

    @Test
    void aJarWithoutGatewayPluginServiceFails() {
        plugin("empty").withClass(TestPlugins.HELLO).writeJar(dir.resolve("empty.jar"));

        assertKeptOut(only(loadWithAGoodNeighbour(), "empty"), PluginState.FAILED,
                "no META-INF/services/io.agentgateway.api.GatewayPlugin entry");
    }

    @Test
    void aJarOfferingTwoGatewayPluginsFailsNamingBoth() {
        plugin("pair").withClass(TestPlugins.HELLO).withClass(TestPlugins.TATTLE)
                .entry("META-INF/services/io.agentgateway.api.GatewayPlugin",
                        TestPlugins.HELLO + "\n" + TestPlugins.TATTLE + "\n")
                .writeJar(dir.resolve("pair.jar"));

        assertKeptOut(only(loadWithAGoodNeighbour(), "pair"), PluginState.FAILED, "names 2 GatewayPlugin classes,"
                + " one is expected: [" + TestPlugins.HELLO + ", " + TestPlugins.TATTLE + "]");
    }

    @Test
    void aServiceNamingAMissingClassFails() {
        plugin("typo").entry("META-INF/services/io.agentgateway.api.GatewayPlugin", "demo.Missing\n")
                .writeJar(dir.resolve("typo.jar"));

        assertKeptOut(only(loadWithAGoodNeighbour(), "typo"), PluginState.FAILED, "demo.Missing");
    }

    @Test
    void aPluginForAnotherApiVersionIsIncompatibleAndSaysWhichVersions() {
        plugin("future").manifest("Plugin-Requires", ">=2.0.0").withService(TestPlugins.HELLO)
                .writeJar(dir.resolve("future.jar"));

        FoundPlugin future = only(loadWithAGoodNeighbour(), "future");

        assertKeptOut(future, PluginState.INCOMPATIBLE, "needs gateway API >=2.0.0, this gateway has API " + io.agentgateway.api.ApiVersion.CURRENT);
        assertEquals(List.of(PluginState.INCOMPATIBLE), failures);
    }

    @Test
    void theSecondPluginWithAnIdAlreadyTakenIsRefused() throws IOException {
        Path first = plugin("twin").withService(TestPlugins.HELLO).writeJar(dir.resolve("twin-old.jar"));
        Path second = plugin("twin").manifest("Plugin-Version", "2.0.0").withService(TestPlugins.HELLO)
                .writeJar(dir.resolve("twin-new.jar"));
        // The plugin that was in the folder first keeps its id.
        Files.setLastModifiedTime(first, FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(second, FileTime.from(Instant.now()));

        List<FoundPlugin> twins = loadWithAGoodNeighbour().stream().filter(p -> p.id().equals("twin")).toList();

        assertEquals(2, twins.size(), twins::toString);
        FoundPlugin kept = twins.stream().filter(FoundPlugin::started).findFirst().orElseThrow();
        FoundPlugin refused = twins.stream().filter(p -> !p.started()).findFirst().orElseThrow();
        assertEquals("twin-old.jar", kept.file());
        assertEquals("twin-new.jar", refused.file());
        assertKeptOut(refused, PluginState.DUPLICATE, "twin-old.jar");
    }

    @Test
    void aPluginRequiresThatIsNoVersionRangeIsInvalidAndQuoted() {
        plugin("vague").manifest("Plugin-Requires", "the latest").withService(TestPlugins.HELLO)
                .writeJar(dir.resolve("vague.jar"));

        assertKeptOut(only(loadWithAGoodNeighbour(), "vague"), PluginState.INVALID,
                "Plugin-Requires 'the latest' is not a version range");
    }

    @Test
    void aPluginDeclaringPluginDependenciesIsInvalid() {
        plugin("needy").manifest("Plugin-Dependencies", "good").withService(TestPlugins.HELLO)
                .writeJar(dir.resolve("needy.jar"));

        assertKeptOut(only(loadWithAGoodNeighbour(), "needy"), PluginState.INVALID, "Plugin-Dependencies");
    }
}

package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.TestPluginJar.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.host.security.PluginRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginFolderTest {

    static final PluginContext NO_CONTEXT = new PluginContext() {
        public String pluginId() {
            return "test";
        }

        public System.Logger logger() {
            return System.getLogger("test");
        }

        public Optional<ToolDefinition> gatewayTool(String name) {
            return Optional.empty();
        }
    };

    @TempDir
    Path dir;
    @TempDir
    Path scratch;
    final List<PluginState> failures = new CopyOnWriteArrayList<>();

    @AfterEach
    void forgetTattles() {
        System.clearProperty("demo.started");
        System.clearProperty("demo.closed");
    }

    PluginFolder loader(PluginRules rules) {
        return new PluginFolder(dir, rules, failures::add);
    }

    static FoundPlugin only(List<FoundPlugin> plugins, String id) {
        List<FoundPlugin> matching = plugins.stream().filter(plugin -> plugin.id().equals(id)).toList();
        assertEquals(1, matching.size(), () -> "plugins with id " + id + " in " + plugins);
        return matching.getFirst();
    }

    @Test
    void anAllowedPluginStartsAndAnswersWithItsOwnContextClassLoader() {
        plugin("hello").withService(TestPlugins.HELLO).writeJar(dir.resolve("hello.jar"));
        try (PluginFolder loader = loader(new PluginRules(List.of("*"), List.of()))) {
            FoundPlugin hello = only(loader.load(), "hello");

            assertEquals(PluginState.STARTED, hello.state());
            assertEquals("1.0.0", hello.version());
            assertEquals("hello.jar", hello.file());
            assertNull(hello.error());
            String name = hello.call(() -> hello.plugin().upstreamProviders(NO_CONTEXT).getFirst().name());
            assertEquals("hello via plugin:hello", name);
            assertTrue(failures.isEmpty(), failures::toString);
        }
    }

    @Test
    void aPluginZipLoadsItsClassesAndItsLibraries() {
        Path lib = plugin("unused").manifest("Plugin-Id", null).withClass(TestPlugins.OWN_OBJECT_MAPPER)
                .writeJar(scratch.resolve("own-json-1.0.jar"));
        plugin("zipped").withService(TestPlugins.HELLO).writeZip(dir.resolve("zipped.zip"), lib);
        try (PluginFolder loader = loader(new PluginRules(List.of("*"), List.of()))) {
            FoundPlugin zipped = only(loader.load(), "zipped");

            assertEquals(PluginState.STARTED, zipped.state(), zipped::error);
            assertEquals("zipped", zipped.file());
            Class<?> own = assertDoesNotThrow(() -> zipped.loader().loadClass(TestPlugins.OWN_OBJECT_MAPPER));
            assertSame(zipped.loader(), own.getClassLoader());
        }
    }

    @Test
    void aDeniedPluginIsNeverStartedAndIsLoggedAsBlocked() {
        plugin("tattle-denied").withService(TestPlugins.TATTLE).writeJar(dir.resolve("denied.jar"));
        plugin("hello").withService(TestPlugins.HELLO).writeJar(dir.resolve("hello.jar"));
        PluginRules rules = new PluginRules(List.of("*"), List.of("*-denied"));
        try (CapturedEvents events = new CapturedEvents(); PluginFolder loader = loader(rules)) {
            List<FoundPlugin> plugins = loader.load();

            FoundPlugin denied = only(plugins, "tattle-denied");
            assertEquals(PluginState.BLOCKED, denied.state());
            assertNull(denied.plugin());
            assertNull(denied.loader());
            assertNull(System.getProperty("demo.started"), "the denied plugin's class ran");
            assertEquals(PluginState.STARTED, only(plugins, "hello").state());
            List<Map<String, Object>> blocked = events.named("agent.dropin.blocked");
            assertEquals(1, blocked.size(), blocked::toString);
            assertEquals("tattle-denied", blocked.getFirst().get("plugin_id"));
            assertTrue(blocked.getFirst().get("reason").toString().contains("*-denied"), blocked::toString);
            assertTrue(failures.isEmpty(), "a deliberate block is not a failure");
        }
    }

    @Test
    void aPluginMatchingNoAllowGlobIsBlocked() {
        plugin("other").withService(TestPlugins.HELLO).writeJar(dir.resolve("other.jar"));
        try (PluginFolder loader = loader(new PluginRules(List.of("openai-*"), List.of()))) {
            FoundPlugin other = only(loader.load(), "other");

            assertEquals(PluginState.BLOCKED, other.state());
            assertTrue(other.error().contains("openai-*"), other.error());
        }
    }

    @Test
    void closeStopsThePluginsInReverseStartOrder() {
        for (String id : List.of("a", "b", "c")) {
            plugin(id).withService(TestPlugins.TATTLE).writeJar(dir.resolve(id + ".jar"));
        }
        PluginFolder loader = loader(new PluginRules(List.of("*"), List.of()));
        assertEquals(3, loader.load().stream().filter(FoundPlugin::started).count());

        loader.close();

        List<String> started = new ArrayList<>(Arrays.asList(System.getProperty("demo.started").trim().split(" ")));
        Collections.reverse(started);
        assertEquals(String.join(" ", started), System.getProperty("demo.closed").trim());
    }

    @Test
    void loadRunsOnce() {
        try (PluginFolder loader = loader(new PluginRules(List.of("*"), List.of()))) {
            assertEquals(List.of(), loader.load());
            assertThrows(IllegalStateException.class, loader::load);
        }
    }

    @Test
    void aPluginThatBundlesApiClassesIsRefusedSayingHowToBuildIt() throws Exception {
        byte[] copy = GatewayPlugin.class.getResourceAsStream("GatewayPlugin.class").readAllBytes();
        plugin("bundles-api").withService(TestPlugins.HELLO)
                .entry("io/agentgateway/api/GatewayPlugin.class", copy).writeJar(dir.resolve("bundles-api.jar"));
        try (PluginFolder loader = loader(new PluginRules(List.of("*"), List.of()))) {
            FoundPlugin plugin = only(loader.load(), "bundles-api");

            assertEquals(PluginState.INVALID, plugin.state());
            assertEquals("it bundles classes of the gateway API (io/agentgateway/api/GatewayPlugin.class): the host"
                    + " provides them; build it with gateway-api in 'provided' scope", plugin.error());
        }
    }

    private static <T> T assertDoesNotThrow(java.util.concurrent.Callable<T> call) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(call::call);
    }
}

package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.TestPluginJar.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamSettings;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.security.PluginRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream opened through a plugin's provider outlives the plugin's versions: each call goes to the newest
 * version, a request keeps the version it started on, and with no version loaded a call fails as 'plugin not loaded'.
 */
class LiveProvidersTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    Path dist;
    final LiveProviders providers = new LiveProviders();
    LivePlugins live;

    @BeforeEach
    void open() throws Exception {
        dist = Files.createDirectories(dir.resolve("dist"));
        live = new LivePlugins(dist, dir.resolve("cache"), () -> new PluginRules(List.of("*"), List.of()),
                state -> { }, WAIT);
        live.listen(new LivePlugins.Listener() {
            public void started(FoundPlugin plugin) {
                plugin.call(() -> plugin.plugin().upstreamProviders(PluginFolderTest.NO_CONTEXT))
                        .forEach(offered -> assertTrue(providers.bind(plugin, offered)));
            }

            public void removed(FoundPlugin plugin) {
                providers.unbind(plugin);
            }

            public void drained(FoundPlugin plugin) {
                providers.forget(plugin);
            }
        });
    }

    @AfterEach
    void close() {
        live.close();
    }

    @Test
    void callsGoToTheNewestVersionAndARequestKeepsTheOneItStartedOn() throws Exception {
        assertFalse(providers.bound("versioned"));
        version(1);
        assertTrue(providers.bound("versioned"));
        assertEquals(List.of("versioned"), List.copyOf(providers.providers(List.of("versioned")).keySet()));
        Upstream upstream = providers.provider("versioned").open(settings());
        assertEquals(List.of("m"), upstream.listModels());
        try (PluginLeases.Scope request = PluginLeases.open()) {
            assertEquals("provider v1", TestPlugins.answer(upstream));
            version(2);
            assertEquals("provider v1", TestPlugins.answer(upstream), "a request under way stays on its version");
        }
        try (PluginLeases.Scope request = PluginLeases.open()) {
            assertEquals("provider v2", TestPlugins.answer(upstream), "a new request goes to the newest");
        }
        upstream.close();
    }

    @Test
    void withNoVersionLoadedACallFailsAsPluginNotLoaded() throws Exception {
        Upstream opened = providers.provider("versioned").open(settings());
        GatewayException before = assertThrows(GatewayException.class, () -> TestPlugins.answer(opened));
        assertEquals(502, before.status());
        assertEquals("plugin_not_loaded", before.code());

        version(1);
        assertEquals("provider v1", TestPlugins.answer(opened), "the provider is bound once its plugin loads");
        Files.delete(dist.resolve("versioned.jar"));
        live.reload();
        live.awaitUnloaded(WAIT);
        assertFalse(providers.bound("versioned"));
        GatewayException after = assertThrows(GatewayException.class, () -> TestPlugins.answer(opened));
        assertTrue(after.getMessage().contains("no loaded plugin provides 'versioned'"), after.getMessage());
    }

    @Test
    void aSecondPluginOfferingTheSameNameDoesNotTakeItOver() throws Exception {
        version(1);
        FoundPlugin first = live.plugins().getFirst();
        try (PluginClassLoader loader = new PluginClassLoader("other", new java.net.URL[0],
                getClass().getClassLoader())) {
            FoundPlugin other = new FoundPlugin("other", "1.0.0", PluginState.STARTED, null, first.plugin(), loader,
                    "other.jar");
            assertFalse(providers.bind(other, providers.provider("versioned")), "the first plugin keeps the name");
        }
    }

    private void version(int n) {
        plugin("versioned").manifest("Plugin-Version", "1.0." + n).withService(TestPlugins.VERSIONED)
                .entry("version.txt", "v" + n).writeJar(dist.resolve("versioned.jar"));
        assertEquals("1.0." + n, live.reload().getFirst().version());
    }

    private static UpstreamSettings settings() {
        return new UpstreamSettings("v", "", null, Duration.ofSeconds(5), List.of(), Map.of());
    }
}

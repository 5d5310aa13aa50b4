package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.TestPluginJar.plugin;
import static io.agentgateway.host.plugins.VersionedJars.answer;
import static io.agentgateway.host.plugins.VersionedJars.ask;
import static io.agentgateway.host.plugins.VersionedJars.drop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.it.RunningGateway;
import io.agentgateway.host.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins dropped, replaced and removed while a real gateway runs, watched as {@code plugins-dist/} is by default:
 * each change is in force within about a second, requests under way finish on the version they started on, a version
 * that fails leaves the old one serving, and security.yaml's allow/deny lists and pins apply at a refresh.
 */
class LivePluginsIT {

    static final String UPSTREAMS = """
            upstreams:
              - name: v
                provider: versioned
                models: [m]
            """;

    @TempDir
    Path dir;
    Path plugins;
    Path config;
    RunningGateway gateway;

    @org.junit.jupiter.api.BeforeAll
    static void compileThePluginFirst() {
        TestPlugins.classes(); // compiled once per run, seconds on a busy machine: not part of any timing below
    }

    @BeforeEach
    void start() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        config = Files.createDirectories(dir.resolve("config"));
        gateway = RunningGateway.start(config, UPSTREAMS, Map.of("GATEWAY_PLUGINS_DIR", plugins.toString()));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> listed() throws Exception {
        return (List<Map<String, Object>>) Json.readObject(gateway.get("/plugins", RunningGateway.KEY).body())
                .get("data");
    }

    private String listedQuietly() {
        try {
            return String.valueOf(listed());
        } catch (Exception e) {
            return e.toString();
        }
    }

    private String models() throws Exception {
        return gateway.get("/v1/models", RunningGateway.KEY).body();
    }

    private static void within(long millis, String what, Check check) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (!check.holds()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + millis + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private Predicate<Map<String, Object>> is(String state, String version) {
        return p -> "versioned".equals(p.get("id")) && state.equals(p.get("state"))
                && (version == null || version.equals(p.get("version")));
    }

    @Test
    void anAddedPluginServesWithinTwoSecondsAndAReplacementTakesNewRequestsWhileRunningOnesFinishOnTheOld()
            throws Exception {
        assertTrue(!models().contains("live/va")); // and the HTTP path is warm: the time below is the gateway's
        drop(plugins, "versioned.jar", 1);
        long dropped = System.currentTimeMillis();
        within(2000, "the agent listed in /v1/models", () -> models().contains("live/va"));
        System.out.println("added: in /v1/models after " + (System.currentTimeMillis() - dropped) + " ms");
        assertEquals("provider v1", answer(ask(gateway, "v/m", "hi", false), false));
        assertEquals("agent v1 / provider v1 / tool v1", answer(ask(gateway, "live/va", "hi", true), true));

        // A stream of about a second, under way while version 2 replaces version 1.
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return ask(gateway, "v/m", "slow", true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(150);
        drop(plugins, "versioned.jar", 2);
        within(2000, "version 2 answering", () -> "provider v2".equals(answer(ask(gateway, "v/m", "hi", false),
                false)));
        assertEquals("provider v1", answer(slow.get(), true), "the stream started on v1 finished on v1");
        assertEquals("agent v2 / provider v2 / tool v2", answer(ask(gateway, "live/va", "hi", false), false));
        within(3000, "only version 2 listed", () -> listed().stream().filter(is("started", null)).toList().size() == 1
                && listed().stream().anyMatch(is("started", "1.0.2")));
        Map<String, Object> v2 = listed().stream().filter(is("started", "1.0.2")).findFirst().orElseThrow();
        assertEquals(sha256(plugins.resolve("versioned.jar")), v2.get("sha256"));
        assertNotNull(v2.get("loaded_at"));
        assertEquals(Map.of("providers", List.of("versioned"), "models", List.of("live/va", "v/m"),
                "agents", List.of("live/va"), "tools", List.of("version_of_tool")), v2.get("contributes"));
    }

    @Test
    void aVersionThatFailsLeavesTheOldServingAndIsReported() throws Exception {
        drop(plugins, "versioned.jar", 1);
        within(2000, "v1 answering", () -> "provider v1".equals(answer(ask(gateway, "v/m", "hi", false), false)));

        Path staging = dir.resolve("broken.jar");
        plugin("versioned").manifest("Plugin-Version", "1.0.9").withService(TestPlugins.BOOM).writeJar(staging);
        Files.move(staging, plugins.resolve("versioned.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        within(3000, "the failed version reported", () -> listed().stream().anyMatch(is("failed", "1.0.9")));
        assertTrue(listed().stream().anyMatch(is("started", "1.0.1")), () -> "listed: " + listedQuietly());
        assertEquals("provider v1", answer(ask(gateway, "v/m", "hi", false), false));
    }

    @Test
    void aRemovedPluginIsUnloadedAndPostPluginsReloadActsAtOnce() throws Exception {
        gateway.close();
        gateway = RunningGateway.start(config, UPSTREAMS, Map.of("GATEWAY_PLUGINS_DIR", plugins.toString(),
                "GATEWAY_PLUGINS_WATCH", "false"));
        drop(plugins, "versioned.jar", 1);
        Thread.sleep(1000);
        assertTrue(!models().contains("live/va"), "not watched: nothing changes by itself");

        HttpResponse<String> reload = gateway.send(HttpRequest.newBuilder(gateway.uri("/plugins/reload"))
                .header("Authorization", "Bearer " + RunningGateway.KEY).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, reload.statusCode(), reload::body);
        assertTrue(reload.body().contains("\"state\":\"started\""), reload::body);
        assertTrue(models().contains("live/va"));

        Files.delete(plugins.resolve("versioned.jar"));
        gateway.send(HttpRequest.newBuilder(gateway.uri("/plugins/reload"))
                .header("Authorization", "Bearer " + RunningGateway.KEY).POST(HttpRequest.BodyPublishers.noBody()));
        assertTrue(!models().contains("live/va"), "its agent is gone");
        assertEquals(List.of(), listed());
        HttpResponse<String> gone = ask(gateway, "v/m", "hi", false);
        assertEquals(502, gone.statusCode(), gone::body);
        assertTrue(gone.body().contains("no loaded plugin provides 'versioned'"), gone::body);
    }

    @Test
    void securityRefreshAppliesDenyAndPinsAtOnce() throws Exception {
        drop(plugins, "versioned.jar", 1);
        within(2000, "v1 answering", () -> "provider v1".equals(answer(ask(gateway, "v/m", "hi", false), false)));

        Files.writeString(config.resolve("security.yaml"), RunningGateway.securityYaml("") .replace(
                "default:\n", "default:\n  dropin_module_denylist: [versioned]\n"));
        assertEquals(200, refresh().statusCode());
        assertTrue(listed().stream().anyMatch(is("blocked", null)), () -> "listed: " + listedQuietly());
        assertTrue(!models().contains("live/va"), "a denied plugin takes no new requests");

        String v1 = sha256(plugins.resolve("versioned.jar"));
        Files.writeString(config.resolve("security.yaml"), RunningGateway.securityYaml("plugin_pins:\n  versioned: "
                + v1 + "\n"));
        assertEquals(200, refresh().statusCode());
        assertTrue(listed().stream().anyMatch(is("started", "1.0.1")), "allowed again, it loads at once");
        assertEquals("provider v1", answer(ask(gateway, "v/m", "hi", false), false));

        drop(plugins, "versioned.jar", 2); // bytes its pin does not name
        String tampered = sha256(plugins.resolve("versioned.jar"));
        within(3000, "the tampered jar refused", () -> listed().stream().anyMatch(is("blocked", null)));
        Map<String, Object> blocked = listed().stream().filter(is("blocked", null)).findFirst().orElseThrow();
        assertEquals("sha256 does not match its plugin_pins entry: expected " + v1 + ", actual " + tampered,
                blocked.get("cause"));
        assertEquals("provider v1", answer(ask(gateway, "v/m", "hi", false), false), "the pinned version serves on");
    }

    private HttpResponse<String> refresh() throws Exception {
        return gateway.send(HttpRequest.newBuilder(gateway.uri("/security/refresh"))
                .header("Authorization", "Bearer " + RunningGateway.KEY).POST(HttpRequest.BodyPublishers.noBody()));
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    static Set<Integer> versions(String text) {
        return VersionedJars.versionsIn(text);
    }
}

package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.TestPluginJar.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.it.RunningGateway;
import io.agentgateway.host.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin whose code throws {@code Error}s (StackOverflowError, NoClassDefFoundError, LinkageError) on a real
 * gateway: each reaches the client as a 502 OpenAI error body naming the plugin, streamed or not, is counted per
 * plugin, shows as its last error at {@code GET /plugins}, and the gateway keeps serving.
 */
class PluginContainmentIT {

    @TempDir
    static Path dir;
    static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        plugin("faulty").withService(TestPlugins.FAULTY).writeJar(plugins.resolve("faulty.jar"));
        gateway = RunningGateway.start(Files.createDirectories(dir.resolve("config")), """
                upstreams:
                  - name: f
                    provider: faulty
                    models: [m]
                """, Map.of("GATEWAY_PLUGINS_DIR", plugins.toString()));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static HttpResponse<String> ask(String what, boolean stream) throws Exception {
        return gateway.chat(RunningGateway.KEY, "{\"model\":\"f/m\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + what + "\"}]}");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> errorOf(String json) throws Exception {
        return (Map<String, Object>) Json.readObject(json).get("error");
    }

    @Test
    void everyErrorOutOfPluginCodeIsA502PluginErrorNamingThePlugin() throws Exception {
        for (String fault : List.of("stack-overflow", "no-class-def", "linkage")) {
            HttpResponse<String> res = ask(fault, false);
            assertEquals(502, res.statusCode(), res::body);
            assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("application/json"));
            Map<String, Object> error = errorOf(res.body());
            assertEquals("plugin_error", error.get("code"), res::body);
            assertTrue(String.valueOf(error.get("message")).contains("'faulty'"), res::body);
            assertFalse(res.body().contains("at demo.faulty"), "no stack trace reaches the client");
        }
    }

    @Test
    void anErrorFromAnAgentPluginsCodeIsA502PluginErrorToo() throws Exception {
        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> res = gateway.chat(RunningGateway.KEY, "{\"model\":\"faulty/boom\",\"stream\":"
                    + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            String json = res.statusCode() == 200
                    ? res.body().lines().filter(line -> line.startsWith("data:") && line.contains("error"))
                            .findFirst().orElseThrow().substring(5).trim()
                    : res.body();
            assertTrue(res.statusCode() == 502 || stream, res::body);
            assertEquals("plugin_error", errorOf(json).get("code"), res::body);
            assertTrue(String.valueOf(errorOf(json).get("message")).contains("'faulty'"), res::body);
        }
    }

    @Test
    void anErrorInAStartedStreamEndsItWithAPluginErrorEvent() throws Exception {
        HttpResponse<String> res = ask("no-class-def", true);
        assertEquals(200, res.statusCode());
        assertTrue(res.body().contains("so far"), res::body);
        String last = res.body().lines().filter(line -> line.startsWith("data:")).reduce((a, b) -> b).orElseThrow();
        assertEquals("plugin_error", errorOf(last.substring(5).trim()).get("code"), res::body);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLastErrorShowsAtPluginsAndIsCounted() throws Exception {
        ask("linkage", false);
        Map<String, Object> faulty = ((List<Map<String, Object>>) Json.readObject(
                gateway.get("/plugins", RunningGateway.KEY).body()).get("data")).stream()
                .filter(p -> "faulty".equals(p.get("id"))).findFirst().orElseThrow();
        assertEquals("started", faulty.get("state"), "one failed call does not stop the plugin");
        Map<String, Object> last = (Map<String, Object>) faulty.get("last_error");
        assertTrue(String.valueOf(last.get("cause")).contains("LinkageError"), last::toString);
        assertEquals("complete", last.get("call"));
        assertTrue(((Number) last.get("count")).longValue() >= 1);

        String metrics = gateway.get("/metrics/prometheus", RunningGateway.KEY).body();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith(PluginErrors.METRIC)
                && line.contains("plugin=\"faulty\"")), metrics);

        assertEquals(200, gateway.get("/v1/models", RunningGateway.KEY).statusCode(), "the gateway still serves");
    }
}

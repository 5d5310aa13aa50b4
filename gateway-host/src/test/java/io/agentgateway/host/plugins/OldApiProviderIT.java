package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.TestPluginJar.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.host.it.RunningGateway;
import io.agentgateway.host.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider compiled against the released API 1.0.0 ({@code gateway-api/compat/gateway-api-1.0.0.jar}), which
 * knows nothing of the JSON pass-through calls, still answers chat completions, whole and streamed, through their
 * default methods: the client sees the same OpenAI shapes as from a provider that passes JSON through.
 */
class OldApiProviderIT {

    private static final String SOURCE = """
            package demo.old;
            import io.agentgateway.api.*;
            import io.agentgateway.api.upstream.*;
            import java.util.*;
            public class OldPlugin implements GatewayPlugin, UpstreamProvider {
                public List<UpstreamProvider> upstreamProviders(PluginContext context) { return List.of(this); }
                public String name() { return "old-api-echo"; }
                public Upstream open(UpstreamSettings settings) { return new Echo(); }
                static final class Echo implements Upstream {
                    public List<String> listModels() { return List.of("m"); }
                    public Map<String, Object> complete(ChatRequest request) {
                        return Map.of("id", "old-1", "object", "chat.completion", "created", 1, "model", "m",
                                "choices", List.of(Map.of("index", 0, "finish_reason", "stop", "message",
                                        Map.of("role", "assistant", "content", "echo: " + last(request)))));
                    }
                    public void stream(ChatRequest request, ChunkSink sink) {
                        for (String part : List.of("echo: ", last(request))) {
                            if (!sink.accept(Map.of("id", "old-1", "choices", List.of(Map.of("index", 0,
                                    "delta", Map.of("content", part)))))) {
                                return;
                            }
                        }
                        Map<String, Object> end = new HashMap<>(Map.of("index", 0, "delta", Map.of()));
                        end.put("finish_reason", "stop");
                        sink.accept(Map.of("id", "old-1", "choices", List.of(end)));
                    }
                    private static String last(ChatRequest request) {
                        List<?> messages = (List<?>) request.body().get("messages");
                        return String.valueOf(((Map<?, ?>) messages.get(messages.size() - 1)).get("content"));
                    }
                }
            }
            """;

    @TempDir
    static Path dir;
    static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/demo/old")).resolve("OldPlugin.java");
        Files.writeString(src, SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path api = Path.of("..", "gateway-api", "compat", "gateway-api-1.0.0.jar");
        assertTrue(Files.isRegularFile(api), "the released API jar: " + api.toAbsolutePath());
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-classpath", api.toString(), "-proc:none", "--release", "21", src.toString()));
        TestPluginJar jar = plugin("old-api").manifest("Plugin-Requires", ">=1.0.0 & <2.0.0")
                .entry("META-INF/services/" + GatewayPlugin.class.getName(), "demo.old.OldPlugin\n");
        try (Stream<Path> files = Files.list(classes.resolve("demo/old"))) {
            for (Path file : files.toList()) {
                jar.entry("demo/old/" + file.getFileName(), Files.readAllBytes(file));
            }
        }
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        jar.writeJar(plugins.resolve("old-api.jar"));
        gateway = RunningGateway.start(Files.createDirectories(dir.resolve("config")), """
                upstreams:
                  - name: old
                    provider: old-api-echo
                    models: [m]
                """, Map.of("GATEWAY_PLUGINS_DIR", plugins.toString()));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aWholeAnswerComesBackShapedForTheClient() throws Exception {
        HttpResponse<String> res = ask(false);
        assertEquals(200, res.statusCode(), res::body);
        Map<String, Object> completion = Json.readObject(res.body());
        assertEquals("old/m", completion.get("model"));
        Map<?, ?> message = (Map<?, ?>) ((Map<?, ?>) ((List<?>) completion.get("choices")).getFirst()).get("message");
        assertEquals("echo: hello", message.get("content"));
    }

    @Test
    void aStreamEndsProperlyWithEveryChunkShapedForTheClient() throws Exception {
        HttpResponse<String> res = ask(true);
        assertEquals(200, res.statusCode(), res::body);
        List<String> events = res.body().lines().filter(line -> line.startsWith("data: "))
                .map(line -> line.substring(6)).toList();
        assertEquals("[DONE]", events.getLast(), res::body);
        StringBuilder content = new StringBuilder();
        for (String event : events.subList(0, events.size() - 1)) {
            Map<String, Object> chunk = Json.readObject(event);
            assertEquals("chat.completion.chunk", chunk.get("object"), event);
            assertEquals("old/m", chunk.get("model"), event);
            Map<?, ?> choice = (Map<?, ?>) ((List<?>) chunk.get("choices")).getFirst();
            Object part = ((Map<?, ?>) choice.get("delta")).get("content");
            content.append(part == null ? "" : part);
        }
        assertEquals("echo: hello", content.toString());
        assertTrue(events.getFirst().contains("\"role\":\"assistant\""), events.getFirst());
    }

    private static HttpResponse<String> ask(boolean stream) throws Exception {
        return gateway.chat(RunningGateway.KEY, "{\"model\":\"old/m\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
    }
}

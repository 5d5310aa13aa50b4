package io.agentgateway.plugins.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.api.upstream.UpstreamSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DemoUpstreamTest {

    private static final PluginContext CONTEXT = new PluginContext() {
        public String pluginId() {
            return "demo";
        }

        public System.Logger logger() {
            return System.getLogger("demo");
        }

        public Optional<ToolDefinition> gatewayTool(String name) {
            return Optional.empty();
        }
    };

    private final UpstreamProvider provider = ServiceLoader.load(GatewayPlugin.class).findFirst().orElseThrow()
            .upstreamProviders(CONTEXT).get(0);
    private final Upstream upstream = provider.open(new UpstreamSettings("demo", "unused", null,
            Duration.ofSeconds(5), List.of("extra"), Map.of()));

    @Test
    void thePluginProvidesDemoServingEchoAndTheConfiguredNames() throws Exception {
        assertEquals("demo", provider.name());
        assertEquals(List.of("echo", "extra"), upstream.listModels());
    }

    @Test
    void aCompletionHasTheAnswerTheFinishReasonAndUsage() throws Exception {
        Map<String, Object> completion = upstream.complete(request(body("Hello", false)));

        assertEquals("chat.completion", completion.get("object"));
        assertEquals("echo", completion.get("model"));
        Map<?, ?> choice = (Map<?, ?>) ((List<?>) completion.get("choices")).get(0);
        assertEquals("Demo echo: Hello", ((Map<?, ?>) choice.get("message")).get("content"));
        assertEquals("stop", choice.get("finish_reason"));
        assertEquals(Map.of("prompt_tokens", 1, "completion_tokens", 3, "total_tokens", 4), completion.get("usage"));
    }

    @Test
    void aStreamHasTheRoleFirstAWordAChunkTheFinishReasonLastAndUsageWhenAsked() throws Exception {
        Map<String, Object> body = body("Hello world", true);
        body.put("stream_options", Map.of("include_usage", true));
        List<Map<String, Object>> chunks = new ArrayList<>();

        upstream.stream(request(body), chunks::add);

        String id = (String) chunks.get(0).get("id");
        assertTrue(chunks.stream().allMatch(c -> id.equals(c.get("id"))
                && "chat.completion.chunk".equals(c.get("object"))), "one id for every chunk: " + chunks);
        assertEquals("assistant", delta(chunks.get(0)).get("role"));
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> chunk : chunks.subList(1, chunks.size() - 2)) {
            text.append(delta(chunk).get("content"));
            assertNull(choice(chunk).get("finish_reason"));
        }
        assertEquals("Demo echo: Hello world", text.toString());
        assertEquals(7, chunks.size(), "role, four words, finish, usage: " + chunks);
        assertEquals("stop", choice(chunks.get(chunks.size() - 2)).get("finish_reason"));
        Map<String, Object> usage = chunks.get(chunks.size() - 1);
        assertEquals(List.of(), usage.get("choices"));
        assertEquals(6, ((Map<?, ?>) usage.get("usage")).get("total_tokens"));
    }

    @Test
    void aStreamWithoutIncludeUsageEndsWithTheFinishReason() throws Exception {
        List<Map<String, Object>> chunks = new ArrayList<>();

        upstream.stream(request(body("Hello", true)), chunks::add);

        assertEquals("stop", choice(chunks.get(chunks.size() - 1)).get("finish_reason"));
        assertTrue(chunks.stream().noneMatch(c -> c.containsKey("usage")), chunks.toString());
    }

    @Test
    void aStreamedToolCallHasItsNameFirstThenItsArgumentsInPieces() throws Exception {
        Map<String, Object> body = body("Use lookup please", true);
        body.put("tools", List.of(DemoModelTest.tool("lookup", "Looks up", Map.of("type", "object",
                "required", List.of("query"), "properties", Map.of("query", Map.of("type", "string"))))));
        List<Map<String, Object>> chunks = new ArrayList<>();

        upstream.stream(request(body), chunks::add);

        Map<?, ?> first = (Map<?, ?>) ((List<?>) delta(chunks.get(1)).get("tool_calls")).get(0);
        assertEquals("call_demo_1_1", first.get("id"));
        assertEquals(Map.of("name", "lookup", "arguments", ""), first.get("function"));
        StringBuilder arguments = new StringBuilder();
        for (Map<String, Object> chunk : chunks.subList(2, chunks.size() - 1)) {
            Map<?, ?> call = (Map<?, ?>) ((List<?>) delta(chunk).get("tool_calls")).get(0);
            arguments.append(((Map<?, ?>) call.get("function")).get("arguments"));
        }
        assertEquals("{\"query\":\"Use lookup please\"}", arguments.toString());
        assertTrue(chunks.size() > 4, "arguments come in more than one piece: " + chunks);
        assertEquals("tool_calls", choice(chunks.get(chunks.size() - 1)).get("finish_reason"));
    }

    @Test
    void theStreamStopsWhenTheConsumerWantsNoMore() throws Exception {
        List<Map<String, Object>> chunks = new ArrayList<>();

        upstream.stream(request(body("one two three four", true)), chunk -> chunks.add(chunk) && chunks.size() < 2);

        assertEquals(2, chunks.size());
    }

    @Test
    void anUnknownModelIsA404NamingTheModelsThereAre() {
        Map<String, Object> body = body("Hi", false);
        body.put("model", "gpt-4o");

        UpstreamException e = assertThrows(UpstreamException.class, () -> upstream.complete(request(body)));

        assertEquals(404, e.status());
        assertEquals(UpstreamException.Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("'gpt-4o'") && e.getMessage().contains("echo"), e.getMessage());
        assertEquals("model_not_found", ((Map<?, ?>) e.errorBody().get("error")).get("code"));
    }

    @Test
    void moreThanOneChoiceIsA400NamingTheField() {
        Map<String, Object> body = body("Hi", false);
        body.put("n", 2);

        UpstreamException e = assertThrows(UpstreamException.class, () -> upstream.complete(request(body)));

        assertEquals(400, e.status());
        assertEquals("n", ((Map<?, ?>) e.errorBody().get("error")).get("param"));
    }

    private static Map<String, Object> body(String question, boolean stream) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", "echo");
        body.put("messages", List.of(Map.of("role", "user", "content", question)));
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    private static ChatRequest request(Map<String, Object> body) {
        return new ChatRequest(body, "req-1", Cancellation.NONE);
    }

    private static Map<?, ?> choice(Map<String, Object> chunk) {
        return (Map<?, ?>) ((List<?>) chunk.get("choices")).get(0);
    }

    private static Map<?, ?> delta(Map<String, Object> chunk) {
        return (Map<?, ?>) choice(chunk).get("delta");
    }
}

package io.agentgateway.plugins.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.upstream.JsonChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.api.upstream.UpstreamSettings;
import io.agentgateway.testkit.FakePluginContext;
import io.agentgateway.testkit.UpstreamProviderContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provider contract every provider meets, and what this provider adds, against the mock server in this JVM. */
class OpenAiCompatibleUpstreamIT extends UpstreamProviderContract {

    @Override
    protected UpstreamProvider provider() {
        return new OpenAiCompatibleProvider(new FakePluginContext("openai-compatible"));
    }

    @Test
    void anUpstreamWithoutAKeyIsRejectedByAServerThatWantsOne() throws Exception {
        try (Upstream none = open(mock().baseUrl(), null, Duration.ofSeconds(5))) {
            assertEquals(401, assertThrows(UpstreamException.class, none::listModels).status());
        }
    }

    @Test
    void quirkyChunksPassThroughUntouchedForTheHostToNormalise() throws Exception {
        List<Map<String, Object>> ollama = new ArrayList<>();
        upstream().stream(request("ollama-quirks", true), ollama::add);
        Map<?, ?> call = (Map<?, ?>) ((List<?>) delta(ollama.get(0)).get("tool_calls")).get(0);
        assertFalse(call.containsKey("index"));
        assertEquals(Map.of("city", "Paris"), ((Map<?, ?>) call.get("function")).get("arguments"));
        assertEquals("stop", choice(ollama.getLast()).get("finish_reason"));

        List<Map<String, Object>> vllm = new ArrayList<>();
        upstream().stream(request("vllm-quirks", true), vllm::add);
        assertTrue(vllm.getLast().containsKey("choices") && vllm.getLast().get("choices") == null);
        assertTrue(vllm.getLast().get("usage") instanceof Map<?, ?>);
    }

    @Test
    void onTheOnePassPathTheHostsBytesGoOutAndTheServersComeBackAsSent() throws Exception {
        String sent = "{\"model\":\"pass-json\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"top_k\":3}";
        byte[] answer = upstream().completeJson(request("pass-json", false), sent.getBytes(StandardCharsets.UTF_8),
                null);
        Map<String, Object> completion = new FakePluginContext("t").json().readObject(answer);
        assertEquals("chat.completion", completion.get("object"));
        assertEquals(3L, mock().receivedBodies("pass-json").getLast().get("top_k"), "an unknown field reached it");

        List<String> events = new ArrayList<>();
        String streamed = sent.substring(0, sent.length() - 1) + ",\"stream\":true}";
        upstream().streamJson(request("pass-json", true), streamed.getBytes(StandardCharsets.UTF_8),
                new JsonChunkSink() {
                    @Override
                    public boolean accept(Map<String, Object> chunk) {
                        throw new AssertionError("chunks go over as the server's text");
                    }

                    @Override
                    public boolean acceptJson(String data) {
                        return events.add(data);
                    }
                });
        assertEquals(JsonChunkSink.DONE, events.getLast(), "[DONE] is handed over too: the host judges the end");
        assertTrue(events.getFirst().contains("\"chat.completion.chunk\""), events.getFirst());
    }

    @Test
    void aStreamRefusedWithAnErrorStatusIsRejectedWithThatStatusOnBothPaths() throws Exception {
        JsonChunkSink none = new JsonChunkSink() {
            @Override
            public boolean accept(Map<String, Object> chunk) {
                throw new AssertionError("a refused stream has no chunks");
            }

            @Override
            public boolean acceptJson(String data) {
                throw new AssertionError("a refused stream has no chunks");
            }
        };
        try (Upstream wrongKey = open(mock().baseUrl(), "sk-wrong", Duration.ofSeconds(5))) {
            UpstreamException parsed = assertThrows(UpstreamException.class,
                    () -> wrongKey.stream(request("m", true), none::accept));
            UpstreamException passed = assertThrows(UpstreamException.class,
                    () -> wrongKey.streamJson(request("m", true), "{\"model\":\"m\",\"stream\":true}"
                            .getBytes(StandardCharsets.UTF_8), none));
            for (UpstreamException refused : List.of(parsed, passed)) {
                assertEquals(UpstreamException.Kind.REJECTED, refused.kind());
                assertEquals(401, refused.status());
            }
        }
    }

    @Test
    void aStreamOptionsSettingThatIsNotABooleanIsRefusedAtOpen() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> provider()
                .open(new UpstreamSettings("lm", mock().baseUrl(), null, Duration.ofSeconds(1), List.of(),
                        Map.of("stream_options", "sometimes"))));
        assertTrue(e.getMessage().contains("stream_options"), e.getMessage());
    }
}

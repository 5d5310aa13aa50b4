package io.agentgateway.plugins.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgateway.api.Cancellation;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException.Kind;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamSettings;
import io.agentgateway.mock.MockUpstream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The provider's contract, checked against the mock server running in this JVM. */
class OpenAiCompatibleUpstreamIT {

    private static final String KEY = "sk-test-secret-123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MockUpstream mock;
    private static Upstream upstream;

    @BeforeAll
    static void start() throws Exception {
        mock = MockUpstream.start(0, MockUpstream.Options.defaults().withApiKey(KEY));
        upstream = open(mock.baseUrl(), KEY, Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        upstream.close();
        mock.close();
    }

    @Test
    void completionComesBackWithUpstreamOnlyFieldsIntact() throws Exception {
        Map<String, Object> completion = upstream.complete(request("mock-model", false));
        Map<?, ?> message = (Map<?, ?>) ((Map<?, ?>) ((List<?>) completion.get("choices")).get(0)).get("message");
        assertEquals("echo: hello", message.get("content"));
        assertEquals("fp_mock", completion.get("system_fingerprint"));
        assertTrue(((Map<?, ?>) completion.get("usage")).containsKey("total_tokens"));
    }

    @Test
    void unknownRequestFieldsReachTheServerExactly() throws Exception {
        Map<String, Object> body = body("passthrough", false);
        body.put("top_k", 40);
        body.put("temperature", 1);
        body.put("repeat_penalty", 1.1);
        body.put("vendor_extra", Map.of("nested", List.of(1, "two", Map.of("three", true))));
        upstream.complete(new ChatRequest(body, "req-1", Cancellation.NONE));

        List<?> received = JSON.readValue(mock.requests("passthrough"), List.class);
        assertEquals(List.of(body), received);
        assertTrue(mock.requests("passthrough").contains("\"temperature\":1,"), "integers stay integers");
    }

    @Test
    void streamDeliversChunksInOrderAndEndsAtDone() throws Exception {
        List<Map<String, Object>> chunks = new ArrayList<>();
        upstream.stream(request("mock-model", true), chunks::add);

        assertEquals(1 + 3 + 1, chunks.size(), "role, three content pieces, finish");
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> chunk : chunks) {
            assertEquals(chunks.get(0).get("id"), chunk.get("id"));
            Object content = delta(chunk).get("content");
            text.append(content == null ? "" : content);
        }
        assertEquals("echo: hello", text.toString());
        assertEquals("stop", choice(chunks.getLast()).get("finish_reason"));
        assertFalse(chunks.getLast().containsKey("usage"), "no usage unless asked");
    }

    @Test
    void includeUsageAddsAFinalUsageChunk() throws Exception {
        Map<String, Object> body = body("mock-model", true);
        body.put("stream_options", Map.of("include_usage", true));
        List<Map<String, Object>> chunks = new ArrayList<>();
        upstream.stream(new ChatRequest(body, "req-2", Cancellation.NONE), chunks::add);

        Map<String, Object> last = chunks.getLast();
        assertEquals(List.of(), last.get("choices"));
        assertTrue(((Map<?, ?>) last.get("usage")).get("total_tokens") instanceof Number);
        assertTrue(chunks.get(0).containsKey("usage") && chunks.get(0).get("usage") == null);
    }

    @Test
    void streamedToolCallFragmentsArriveAsTheServerSentThem() throws Exception {
        List<Map<String, Object>> chunks = new ArrayList<>();
        upstream.stream(request("tool-calls", true), chunks::add);
        StringBuilder weatherArguments = new StringBuilder();
        for (Map<String, Object> chunk : chunks) {
            if (delta(chunk).get("tool_calls") instanceof List<?> calls) {
                Map<?, ?> call = (Map<?, ?>) calls.get(0);
                if (((Number) call.get("index")).intValue() == 0) {
                    weatherArguments.append(((Map<?, ?>) call.get("function")).get("arguments"));
                }
            }
        }
        assertEquals("{\"city\":\"Paris\"}", weatherArguments.toString());
        assertEquals("tool_calls", choice(chunks.getLast()).get("finish_reason"));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 429, 500, 503})
    void errorStatusesAreRejectedWithStatusAndBody(int status) {
        for (boolean stream : new boolean[] {false, true}) {
            List<Map<String, Object>> chunks = new ArrayList<>();
            UpstreamException e = assertThrows(UpstreamException.class, () -> call("error-" + status, stream, chunks));
            assertEquals(Kind.REJECTED, e.kind());
            assertEquals(status, e.status());
            assertEquals(status == 429 || status >= 500, e.retriable());
            Map<?, ?> error = (Map<?, ?>) e.errorBody().get("error");
            assertTrue(error.get("message").toString().startsWith("mock error " + status));
            assertTrue(chunks.isEmpty(), "an error status comes before any chunk");
            // Only the mock's 429 sends Retry-After (1 s).
            assertEquals(status == 429 ? java.util.Optional.of(Duration.ofSeconds(1)) : java.util.Optional.empty(),
                    e.retryAfter());
        }
    }

    @Test
    void aWrongKeyIsRejectedAndTheKeyNeverShows() throws Exception {
        try (Upstream wrong = open(mock.baseUrl(), "sk-wrong-key-456", Duration.ofSeconds(5));
             Upstream none = open(mock.baseUrl(), null, Duration.ofSeconds(5))) {
            UpstreamException e = assertThrows(UpstreamException.class, () -> wrong.complete(request("m", false)));
            assertEquals(401, e.status());
            assertFalse(String.valueOf(e.getMessage()).contains("sk-wrong-key-456"));
            assertEquals(401, assertThrows(UpstreamException.class, () -> none.listModels()).status());
        }
    }

    @Test
    void aBrokenStreamIsDropped() {
        for (String model : List.of("drop", "drop-clean")) {
            List<Map<String, Object>> chunks = new ArrayList<>();
            UpstreamException e = assertThrows(UpstreamException.class, () -> call(model, true, chunks));
            assertEquals(Kind.DROPPED, e.kind(), model);
            assertEquals(2, chunks.size(), "chunks before the break are delivered");
        }
        assertEquals(Kind.DROPPED, assertThrows(UpstreamException.class,
                () -> call("drop", false, new ArrayList<>())).kind());
    }

    @Test
    void aFinishedStreamWithoutDoneStillCompletes() throws Exception {
        List<Map<String, Object>> chunks = new ArrayList<>();
        upstream.stream(request("no-done", true), chunks::add);
        assertEquals("stop", choice(chunks.getLast()).get("finish_reason"));
    }

    @Test
    void anErrorInsideA200StreamIsRejectedWithItsBody() {
        List<Map<String, Object>> chunks = new ArrayList<>();
        UpstreamException e = assertThrows(UpstreamException.class, () -> call("error-in-stream", true, chunks));
        assertEquals(Kind.REJECTED, e.kind());
        assertEquals(0, e.status());
        assertEquals("mock failure inside the stream", ((Map<?, ?>) e.errorBody().get("error")).get("message"));
        assertEquals(1, chunks.size());
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (Upstream impatient = open(mock.baseUrl(), KEY, Duration.ofMillis(300))) {
            for (boolean stream : new boolean[] {false, true}) {
                long start = System.nanoTime();
                UpstreamException e = assertThrows(UpstreamException.class, () -> {
                    if (stream) {
                        impatient.stream(request("hang", true), chunk -> true);
                    } else {
                        impatient.complete(request("hang", false));
                    }
                });
                assertEquals(Kind.TIMEOUT, e.kind());
                assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3000);
            }
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (Upstream nowhere = open("http://127.0.0.1:" + port + "/v1", KEY, Duration.ofSeconds(2))) {
            assertEquals(Kind.UNREACHABLE,
                    assertThrows(UpstreamException.class, () -> nowhere.complete(request("m", false))).kind());
            UpstreamException e = assertThrows(UpstreamException.class, nowhere::listModels);
            assertEquals(Kind.UNREACHABLE, e.kind());
            assertFalse(e.getMessage().contains(KEY));
        }
    }

    @Test
    void aSinkThatWantsNoMoreEndsTheStreamEarly() throws Exception {
        try (MockUpstream slow = MockUpstream.start(0,
                MockUpstream.Options.defaults().withChunks(50).withChunkDelayMs(20));
             Upstream toSlow = open(slow.baseUrl(), null, Duration.ofSeconds(5))) {
            List<Map<String, Object>> chunks = new ArrayList<>();
            long start = System.nanoTime();
            toSlow.stream(request("mock-model", true), chunk -> chunks.add(chunk) && chunks.size() < 2);
            assertEquals(2, chunks.size());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 900, "did not read all 50 chunks");
        }
    }

    @Test
    void cancellingWhileWaitingForTheFirstByteAbortsTheCall() throws Exception {
        TestCancellation cancellation = new TestCancellation();
        Map<String, Object> outcome = new LinkedHashMap<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            long start = System.nanoTime();
            try {
                upstream.stream(new ChatRequest(body("hang", true), "req-3", cancellation), chunk -> true);
            } catch (UpstreamException e) {
                outcome.put("kind", e.kind());
            }
            outcome.put("millis", Duration.ofNanos(System.nanoTime() - start).toMillis());
            outcome.put("interrupted", Thread.currentThread().isInterrupted());
        });
        Thread.sleep(300);
        cancellation.cancel();
        caller.join(3000);
        assertEquals(Kind.DROPPED, outcome.get("kind"));
        assertTrue((Long) outcome.get("millis") < 2000);
        assertEquals(false, outcome.get("interrupted"), "the interrupt does not leak out of the call");
    }

    @Test
    void quirkyChunksPassThroughUntouchedForTheHostToNormalise() throws Exception {
        List<Map<String, Object>> ollama = new ArrayList<>();
        upstream.stream(request("ollama-quirks", true), ollama::add);
        Map<?, ?> call = (Map<?, ?>) ((List<?>) delta(ollama.get(0)).get("tool_calls")).get(0);
        assertFalse(call.containsKey("index"));
        assertEquals(Map.of("city", "Paris"), ((Map<?, ?>) call.get("function")).get("arguments"));
        assertEquals("stop", choice(ollama.getLast()).get("finish_reason"));

        List<Map<String, Object>> vllm = new ArrayList<>();
        upstream.stream(request("vllm-quirks", true), vllm::add);
        assertTrue(vllm.getLast().containsKey("choices") && vllm.getLast().get("choices") == null);
        assertTrue(vllm.getLast().get("usage") instanceof Map<?, ?>);
    }

    @Test
    void listsTheServersModels() throws Exception {
        assertTrue(upstream.listModels().containsAll(List.of("mock-model", "tool-calls")));
    }

    @Test
    void aStreamOptionsSettingThatIsNotABooleanIsRefusedAtOpen() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OpenAiCompatibleProvider()
                .open(new UpstreamSettings("lm", mock.baseUrl(), null, Duration.ofSeconds(1), List.of(),
                        Map.of("stream_options", "sometimes"))));
        assertTrue(e.getMessage().contains("stream_options"), e.getMessage());
    }

    private static void call(String model, boolean stream, List<Map<String, Object>> chunks) throws Exception {
        if (stream) {
            upstream.stream(request(model, true), chunks::add);
        } else {
            assertNull(upstream.complete(request(model, false)), "expected a failure");
        }
    }

    private static Upstream open(String baseUrl, String key, Duration timeout) {
        return new OpenAiCompatibleProvider().open(
                new UpstreamSettings("mock", baseUrl, key, timeout, List.of(), Map.of()));
    }

    private static ChatRequest request(String model, boolean stream) {
        return new ChatRequest(body(model, stream), "req-0", Cancellation.NONE);
    }

    private static Map<String, Object> body(String model, boolean stream) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", List.of(Map.of("role", "user", "content", "hello")));
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    private static Map<?, ?> choice(Map<String, Object> chunk) {
        return (Map<?, ?>) ((List<?>) chunk.get("choices")).get(0);
    }

    private static Map<?, ?> delta(Map<String, Object> chunk) {
        List<?> choices = (List<?>) chunk.get("choices");
        return choices.isEmpty() ? Map.of() : (Map<?, ?>) ((Map<?, ?>) choices.get(0)).get("delta");
    }
}

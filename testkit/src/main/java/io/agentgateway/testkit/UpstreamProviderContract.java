package io.agentgateway.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamException.Kind;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.api.upstream.UpstreamSettings;
import io.agentgateway.mock.MockUpstream;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * What the gateway relies on from an upstream provider, checked against the scripted mock upstream
 * ({@link MockUpstream}, started by this suite on loopback). A provider's test extends it and names the provider:
 *
 * <pre>{@code
 * class MyProviderContractTest extends UpstreamProviderContract {
 *     protected UpstreamProvider provider() { return new MyProvider(); }
 * }
 * }</pre>
 *
 * <p>The suite is for providers that speak the OpenAI chat-completions protocol to the entry's {@code base_url}, as
 * servers such as Ollama, vLLM and LM Studio do. It checks completions, streams that end at {@code [DONE]}, usage,
 * streamed tool-call deltas, unknown request fields passed on untouched, the API key, a consumer that wants no more,
 * cancellation, timeouts, and that each failure arrives as the {@link UpstreamException.Kind} the host maps to the
 * client's status (docs/guides/upstream-plugins.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class UpstreamProviderContract {

    /** The key the mock demands; {@link #settings} hands it to the provider as the entry's {@code api_key}. */
    protected static final String API_KEY = "sk-contract-test-key";

    private MockUpstream mock;
    private Upstream upstream;

    /** @return the provider under test */
    protected abstract UpstreamProvider provider();

    /** @return the upstreams.yaml keys of the entry besides the common ones, as the provider reads them */
    protected Map<String, Object> options() {
        return Map.of();
    }

    /** @return the entry the provider opens an upstream from; override to shape it further */
    protected UpstreamSettings settings(String baseUrl, String apiKey, Duration timeout) {
        return new UpstreamSettings("contract", baseUrl, apiKey, timeout, List.of(), options());
    }

    /** @return the mock upstream the suite runs against, for checks of a provider's own */
    protected final MockUpstream mock() {
        return mock;
    }

    /** @return the upstream opened on the mock with a 5 s timeout */
    protected final Upstream upstream() {
        return upstream;
    }

    @BeforeAll
    final void startMock() throws IOException {
        mock = MockUpstream.start(0, MockUpstream.Options.defaults().withApiKey(API_KEY));
        upstream = open(mock.baseUrl(), API_KEY, Duration.ofSeconds(5));
    }

    @AfterAll
    final void stopMock() {
        if (upstream != null) {
            upstream.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    @Test
    void listsTheServersModels() throws Exception {
        assertTrue(upstream.listModels().containsAll(List.of("mock-model", "tool-calls")), "the mock's /models");
    }

    @Test
    void aCompletionComesBackWithItsAnswerAndUsage() throws Exception {
        Map<String, Object> completion = upstream.complete(request("mock-model", false));
        assertEquals("chat.completion", completion.get("object"));
        assertEquals("echo: hello", message(completion).get("content"));
        assertEquals("stop", choice(completion).get("finish_reason"));
        assertTrue(((Map<?, ?>) completion.get("usage")).get("total_tokens") instanceof Number, "usage.total_tokens");
    }

    @Test
    void unknownRequestFieldsReachTheServerUntouched() throws Exception {
        Map<String, Object> body = body("contract-passthrough", false);
        body.put("top_k", 40);
        body.put("temperature", 1);
        body.put("repeat_penalty", 1.1);
        body.put("vendor_extra", Map.of("nested", List.of(1, "two", Map.of("three", true))));
        upstream.complete(new ChatRequest(body, "req-passthrough", Cancellation.NONE));

        Map<String, Object> received = mock.receivedBodies("contract-passthrough").getLast();
        assertEquals(Map.of("nested", List.of(1L, "two", Map.of("three", true))), received.get("vendor_extra"));
        assertEquals(40L, received.get("top_k"));
        assertEquals(1L, received.get("temperature"), "an integer stays an integer");
        assertEquals(1.1, received.get("repeat_penalty"));
        assertEquals(body.get("messages"), received.get("messages"));
    }

    @Test
    void aStreamDeliversEveryChunkInOrderAndEndsAtDone() throws Exception {
        List<Map<String, Object>> chunks = new ArrayList<>();
        upstream.stream(request("mock-model", true), chunks::add);

        assertEquals(1 + 3 + 1, chunks.size(), "role, three content pieces, finish; [DONE] is no chunk");
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> chunk : chunks) {
            assertEquals("chat.completion.chunk", chunk.get("object"));
            assertEquals(chunks.getFirst().get("id"), chunk.get("id"), "one id for the whole stream");
            Object content = delta(chunk).get("content");
            text.append(content == null ? "" : content);
        }
        assertEquals("echo: hello", text.toString());
        assertEquals("stop", choice(chunks.getLast()).get("finish_reason"));
        assertFalse(chunks.getLast().get("usage") instanceof Map, "no usage unless asked");
    }

    @Test
    void includeUsageAddsAFinalUsageChunk() throws Exception {
        Map<String, Object> body = body("mock-model", true);
        body.put("stream_options", Map.of("include_usage", true));
        List<Map<String, Object>> chunks = new ArrayList<>();
        upstream.stream(new ChatRequest(body, "req-usage", Cancellation.NONE), chunks::add);

        Map<String, Object> last = chunks.getLast();
        assertEquals(List.of(), last.get("choices"));
        assertTrue(((Map<?, ?>) last.get("usage")).get("total_tokens") instanceof Number, "usage.total_tokens");
    }

    @Test
    void streamedToolCallDeltasJoinIntoTheCalls() throws Exception {
        List<Map<String, Object>> chunks = new ArrayList<>();
        upstream.stream(request("tool-calls", true), chunks::add);
        Map<Integer, StringBuilder> arguments = new LinkedHashMap<>();
        Map<Integer, Object> names = new LinkedHashMap<>();
        for (Map<String, Object> chunk : chunks) {
            if (delta(chunk).get("tool_calls") instanceof List<?> calls) {
                for (Object entry : calls) {
                    Map<?, ?> call = (Map<?, ?>) entry;
                    int index = ((Number) call.get("index")).intValue();
                    Map<?, ?> function = (Map<?, ?>) call.get("function");
                    if (function.get("name") != null) {
                        names.put(index, function.get("name"));
                    }
                    Object fragment = function.get("arguments");
                    arguments.computeIfAbsent(index, i -> new StringBuilder()).append(fragment == null ? "" : fragment);
                }
            }
        }
        assertEquals(Map.of(0, "get_weather", 1, "get_time"), names);
        assertEquals("{\"city\":\"Paris\"}", arguments.get(0).toString());
        assertEquals("tool_calls", choice(chunks.getLast()).get("finish_reason"));
    }

    @Test
    void aCompletionCarriesTheToolCalls() throws Exception {
        Map<String, Object> completion = upstream.complete(request("tool-calls", false));
        List<?> calls = (List<?>) message(completion).get("tool_calls");
        Map<?, ?> function = (Map<?, ?>) ((Map<?, ?>) calls.getFirst()).get("function");
        assertEquals("get_weather", function.get("name"));
        assertEquals("{\"city\":\"Paris\"}", function.get("arguments"));
        assertEquals("tool_calls", choice(completion).get("finish_reason"));
    }

    @TestFactory
    Stream<DynamicTest> errorStatusesAreRejectedWithStatusBodyAndRetryAfter() {
        return Stream.of(400, 401, 404, 429, 500, 503).map(status -> DynamicTest.dynamicTest("HTTP " + status, () -> {
            for (boolean stream : new boolean[] {false, true}) {
                List<Map<String, Object>> chunks = new ArrayList<>();
                UpstreamException e = assertThrows(UpstreamException.class,
                        () -> call("error-" + status, stream, chunks), "stream=" + stream);
                assertEquals(Kind.REJECTED, e.kind(), "stream=" + stream);
                assertEquals(status, e.status());
                assertEquals(status == 429 || status >= 500, e.retriable());
                Map<?, ?> error = (Map<?, ?>) e.errorBody().get("error");
                assertNotNull(error, "the server's {\"error\": ...} body is kept");
                assertTrue(String.valueOf(error.get("message")).startsWith("mock error " + status));
                assertTrue(chunks.isEmpty(), "an error status comes before any chunk");
                // The mock's 429 asks for Retry-After: 1; the others say nothing.
                assertEquals(status == 429 ? Optional.of(Duration.ofSeconds(1)) : Optional.empty(), e.retryAfter());
            }
        }));
    }

    @Test
    void aWrongKeyIsRejectedAndNoKeyShowsInTheMessage() throws Exception {
        try (Upstream wrong = open(mock.baseUrl(), "sk-wrong-key-456", Duration.ofSeconds(5))) {
            UpstreamException e = assertThrows(UpstreamException.class, () -> wrong.complete(request("m", false)));
            assertEquals(401, e.status());
            assertFalse(String.valueOf(e.getMessage()).contains("sk-wrong-key-456"));
        }
    }

    @Test
    void aStreamThatBreaksOffIsDroppedAfterTheChunksBeforeTheBreak() {
        for (String model : List.of("drop", "drop-clean")) {
            List<Map<String, Object>> chunks = new ArrayList<>();
            UpstreamException e = assertThrows(UpstreamException.class, () -> call(model, true, chunks), model);
            assertEquals(Kind.DROPPED, e.kind(), model);
            assertEquals(2, chunks.size(), model + ": the chunks before the break are delivered");
        }
        assertEquals(Kind.DROPPED, assertThrows(UpstreamException.class,
                () -> call("drop", false, new ArrayList<>())).kind(), "a completion cut off halfway");
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
        assertEquals("mock failure inside the stream", ((Map<?, ?>) e.errorBody().get("error")).get("message"));
        assertEquals(1, chunks.size(), "the chunk before the error is delivered");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (Upstream impatient = open(mock.baseUrl(), API_KEY, Duration.ofMillis(300))) {
            for (boolean stream : new boolean[] {false, true}) {
                long start = System.nanoTime();
                UpstreamException e = assertThrows(UpstreamException.class, () -> {
                    if (stream) {
                        impatient.stream(request("hang", true), chunk -> true);
                    } else {
                        impatient.complete(request("hang", false));
                    }
                }, "stream=" + stream);
                assertEquals(Kind.TIMEOUT, e.kind(), "stream=" + stream);
                assertTrue(elapsedMillis(start) < 3000, "gave up after the 300 ms timeout, not much later");
            }
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (Upstream nowhere = open("http://127.0.0.1:" + port + "/v1", API_KEY, Duration.ofSeconds(2))) {
            assertEquals(Kind.UNREACHABLE,
                    assertThrows(UpstreamException.class, () -> nowhere.complete(request("m", false))).kind());
            assertEquals(Kind.UNREACHABLE, assertThrows(UpstreamException.class,
                    () -> nowhere.stream(request("m", true), chunk -> true)).kind());
            UpstreamException e = assertThrows(UpstreamException.class, nowhere::listModels);
            assertEquals(Kind.UNREACHABLE, e.kind());
            assertFalse(String.valueOf(e.getMessage()).contains(API_KEY), "the key never shows");
        }
    }

    @Test
    void aConsumerThatWantsNoMoreEndsTheStreamEarly() throws Exception {
        try (MockUpstream slow = MockUpstream.start(0,
                MockUpstream.Options.defaults().withChunks(50).withChunkDelayMs(20).withApiKey(API_KEY));
             Upstream toSlow = open(slow.baseUrl(), API_KEY, Duration.ofSeconds(5))) {
            List<Map<String, Object>> chunks = new ArrayList<>();
            long start = System.nanoTime();
            toSlow.stream(request("mock-model", true), chunk -> chunks.add(chunk) && chunks.size() < 2);
            assertEquals(2, chunks.size(), "no chunk after the consumer said no");
            assertTrue(elapsedMillis(start) < 900, "returned without reading the other 48 chunks (1 s)");
        }
    }

    @Test
    void cancellingWhileWaitingForTheFirstByteAbortsTheCall() throws Exception {
        int before = mock.receivedBodies("hang").size();
        TestCancellation cancellation = new TestCancellation();
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                upstream.stream(new ChatRequest(body("hang", true), "req-cancel", cancellation), chunk -> true);
                outcome.complete("returned normally");
            } catch (UpstreamException e) {
                outcome.complete(Thread.currentThread().isInterrupted() ? "interrupt leaked" : e.kind());
            } catch (RuntimeException e) {
                outcome.complete(e);
            }
        });
        awaitRequest("hang", before);
        long cancelledAt = System.nanoTime();
        cancellation.cancel();
        assertEquals(Kind.DROPPED, outcome.get(5, TimeUnit.SECONDS), "a cancelled call ends as DROPPED");
        assertTrue(elapsedMillis(cancelledAt) < 2000, "ended soon after the cancellation, not at the 5 s timeout");
    }

    @Test
    void anAlreadyCancelledRequestIsNotAnswered() {
        UpstreamException e = assertThrows(UpstreamException.class, () -> upstream.complete(
                new ChatRequest(body("hang", false), "req-cancelled", TestCancellation.cancelled())));
        assertEquals(Kind.DROPPED, e.kind());
    }

    /** Opens an upstream of the provider under test. */
    protected final Upstream open(String baseUrl, String apiKey, Duration timeout) {
        return provider().open(settings(baseUrl, apiKey, timeout));
    }

    /** @return a request for {@code model} with one user message, {@code hello} */
    protected static ChatRequest request(String model, boolean stream) {
        return new ChatRequest(body(model, stream), "req-contract", Cancellation.NONE);
    }

    /** @return a mutable request body for {@code model} with one user message, {@code hello} */
    protected static Map<String, Object> body(String model, boolean stream) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", List.of(Map.of("role", "user", "content", "hello")));
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    /** @return the first choice of a completion or a chunk */
    protected static Map<?, ?> choice(Map<String, Object> completionOrChunk) {
        return (Map<?, ?>) ((List<?>) completionOrChunk.get("choices")).getFirst();
    }

    /** @return the delta of a chunk's first choice, empty for a chunk without choices */
    protected static Map<?, ?> delta(Map<String, Object> chunk) {
        List<?> choices = (List<?>) chunk.get("choices");
        return choices == null || choices.isEmpty() ? Map.of() : (Map<?, ?>) ((Map<?, ?>) choices.getFirst()).get("delta");
    }

    private static Map<?, ?> message(Map<String, Object> completion) {
        return (Map<?, ?>) choice(completion).get("message");
    }

    private void call(String model, boolean stream, List<Map<String, Object>> chunks) throws Exception {
        if (stream) {
            upstream.stream(request(model, true), chunks::add);
        } else {
            upstream.complete(request(model, false));
            fail("expected a failure, got a completion");
        }
    }

    /** Waits until the mock has received a request for {@code model} beyond the {@code before} it had. */
    private void awaitRequest(String model, int before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (mock.receivedBodies(model).size() <= before) {
            if (System.nanoTime() > deadline) {
                fail("the request for " + model + " never reached the server");
            }
            Thread.sleep(5);
        }
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}

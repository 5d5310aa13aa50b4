package io.agentgateway.mock;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A scripted OpenAI-compatible server for tests and benchmarks, built on the JDK alone. It listens on 127.0.0.1.
 *
 * <p>Command line: {@code java -cp bench/mock-upstream/target/classes io.agentgateway.mock.MockUpstream --port 0
 * [--latency-ms N] [--chunk-delay-ms N] [--chunks N] [--api-key KEY]}. The first line on stdout is
 * {@code mock-upstream listening on <port>}.
 *
 * <p>Endpoints: {@code GET /v1/models}; {@code POST /v1/chat/completions}, streaming ({@code stream: true}, SSE ending
 * with {@code data: [DONE]}, with a usage chunk when {@code stream_options.include_usage}) or not. With {@code --api-key}
 * both demand {@code Authorization: Bearer KEY} and answer 401 otherwise.
 *
 * <p>The request's {@code model} picks the behaviour:
 * <ul>
 *   <li>{@code mock-model} and any other name: echoes the last user message as {@code "echo: <text>"}, with usage;
 *       streamed as {@code --chunks} content chunks (default 3)</li>
 *   <li>{@code tool-calls}: two parallel calls, get_weather {@code {"city":"Paris"}} and get_time {@code {}}, streamed as
 *       fragmented deltas, {@code finish_reason: "tool_calls"}</li>
 *   <li>{@code error-400}, {@code error-401}, {@code error-429} (with {@code Retry-After: 1}), {@code error-500},
 *       {@code error-503}, and any {@code error-NNN} from 400 to 599: that status with an OpenAI error body</li>
 *   <li>{@code echo-headers-NNN}: that status with the request's headers in the error message;
 *       {@code echo-key-NNN}: that status with the presented API key in it</li>
 *   <li>{@code fail-once-<anything>}: the first request for that model gets a 503, later ones the echo answer</li>
 *   <li>{@code drop}: two chunks, then the TCP connection is cut (no finish_reason, no [DONE]); not streaming: half a
 *       body, then the cut</li>
 *   <li>{@code drop-clean}: two chunks, then the body ends properly but without finish_reason and [DONE]</li>
 *   <li>{@code no-done}: a complete stream with its finish_reason chunk, but without [DONE]</li>
 *   <li>{@code hang}: reads the request and never answers (until the server closes)</li>
 *   <li>{@code error-in-stream}: status 200, one chunk, then {@code data: {"error":{...}}} and the end; not streaming:
 *       status 200 with an error body</li>
 *   <li>{@code ollama-quirks}: tool calls without {@code index}, each whole in one chunk, {@code arguments} as a JSON
 *       object, {@code finish_reason: "stop"}</li>
 *   <li>{@code vllm-quirks}: tool-call deltas without {@code id}, {@code arguments: null} in a delta, empty arguments
 *       for the parameterless tool, a usage chunk with {@code choices: null} (even unasked)</li>
 * </ul>
 *
 * <p>Scripting: {@code POST /__script/{model}} with {@code {"responses":[<assistant message>, ...]}} queues answers
 * (each with {@code content} and/or {@code tool_calls}, optional {@code delay_ms} and {@code finish_reason}) that
 * requests for that model receive first in, first out before the scenarios apply; {@code DELETE /__script} empties
 * all queues. {@code GET /__requests/{model}} returns the bodies received for that model, verbatim, as a JSON array
 * oldest first (the newest 1000 are kept); {@code DELETE /__requests} forgets them. {@code POST /__mode} with
 * {@code {"model": "hang"}} (any scenario's model) makes every chat request behave as that model until
 * {@code POST /__mode {}}: a server that goes bad and recovers while clients keep calling it.
 */
public final class MockUpstream implements AutoCloseable {

    /**
     * How the server behaves under load tests.
     *
     * @param latencyMs delay before each answer
     * @param chunkDelayMs gap between streamed events
     * @param chunks content chunks per streamed text answer
     * @param apiKey the key clients must send as a bearer token, or null to accept any request
     */
    public record Options(long latencyMs, long chunkDelayMs, int chunks, String apiKey) {

        public Options {
            if (latencyMs < 0 || chunkDelayMs < 0 || chunks < 1) {
                throw new IllegalArgumentException("delays must be >= 0 and chunks >= 1");
            }
        }

        public static Options defaults() {
            return new Options(0, 0, 3, null);
        }

        public Options withLatencyMs(long value) {
            return new Options(value, chunkDelayMs, chunks, apiKey);
        }

        public Options withChunkDelayMs(long value) {
            return new Options(latencyMs, value, chunks, apiKey);
        }

        public Options withChunks(int value) {
            return new Options(latencyMs, chunkDelayMs, value, apiKey);
        }

        public Options withApiKey(String value) {
            return new Options(latencyMs, chunkDelayMs, chunks, value);
        }
    }

    static final List<String> MODEL_IDS = List.of("mock-model", "tool-calls", "error-400", "error-401", "error-429",
            "error-500", "error-503", "drop", "drop-clean", "no-done", "hang", "error-in-stream", "ollama-quirks",
            "vllm-quirks");

    private final HttpServer server;
    private final ExecutorService executor;
    private final ScriptQueue scripts = new ScriptQueue();
    private final RequestLog requests = new RequestLog();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Options options;
    private final byte[] modelList;
    private final String expectedAuthorization;
    /** A scenario every chat request gets whatever its model, set by {@code POST /__mode}; null for none. */
    private volatile String forcedModel;

    private MockUpstream(HttpServer server, Options options) {
        this.server = server;
        this.options = options;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.modelList = modelList().getBytes(StandardCharsets.UTF_8);
        this.expectedAuthorization = options.apiKey() == null ? null : "Bearer " + options.apiKey();
        ChatCompletionsHandler chat = new ChatCompletionsHandler(options, scripts, requests, this::hang,
                () -> forcedModel);
        server.createContext("/", exchange -> route(exchange, chat));
        server.setExecutor(executor);
    }

    /**
     * Starts a server on 127.0.0.1.
     *
     * @param port the port, 0 for any free one
     * @param options delays, chunking and key
     * @return the running server; close it when done
     */
    public static MockUpstream start(int port, Options options) throws IOException {
        // Small SSE writes must leave at once: Nagle's algorithm would hold them back.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
        MockUpstream mock = new MockUpstream(server, options);
        server.start();
        return mock;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** @return the API root, {@code http://127.0.0.1:<port>/v1} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** Queues scripted answers for {@code model}, as {@code POST /__script/{model}} does. */
    public void script(String model, String responsesJson) {
        scripts.add(model, ScriptRoutes.answers(responsesJson));
    }

    /** @return the bodies received for {@code model}, as {@code GET /__requests/{model}} returns them */
    public String requests(String model) {
        return requests.json(model);
    }

    /**
     * @return the bodies received for {@code model}, oldest first, parsed: objects as maps in field order, integral
     *     numbers as {@code Long}, other numbers as {@code Double}
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> receivedBodies(String model) {
        return (List<Map<String, Object>>) Json.parse(requests.json(model));
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    public static void main(String[] args) throws IOException {
        int port = 0;
        Options options = Options.defaults();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value);
                case "--latency-ms" -> options = options.withLatencyMs(Long.parseLong(value));
                case "--chunk-delay-ms" -> options = options.withChunkDelayMs(Long.parseLong(value));
                case "--chunks" -> options = options.withChunks(Integer.parseInt(value));
                case "--api-key" -> options = options.withApiKey(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        MockUpstream mock = start(port, options);
        Runtime.getRuntime().addShutdownHook(new Thread(mock::close));
        System.out.println("mock-upstream listening on " + mock.port());
        System.out.flush();
    }

    private void route(HttpExchange exchange, ChatCompletionsHandler chat) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.startsWith("/v1/") && expectedAuthorization != null
                && !expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getRequestBody().readAllBytes();
            ErrorReplies.send(exchange, 401, ErrorReplies.forStatus(401));
        } else if (path.equals("/v1/chat/completions") && method.equals("POST")) {
            chat.handle(exchange);
        } else if (path.equals("/v1/embeddings") && method.equals("POST")) {
            embeddings(exchange);
        } else if (path.equals("/v1/models") && method.equals("GET")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, modelList.length);
            exchange.getResponseBody().write(modelList);
        } else if (path.equals("/__mode") && method.equals("POST")) {
            // {"model": "hang" | "error-500" | ...} makes every chat request behave as that model; {} undoes it.
            Object model = Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    instanceof Map<?, ?> mode ? mode.get("model") : null;
            forcedModel = model instanceof String s && !s.isBlank() ? s : null;
            exchange.sendResponseHeaders(204, -1);
        } else if (path.startsWith("/__")) {
            ScriptRoutes.handle(exchange, path, method, scripts, requests);
        } else {
            exchange.getRequestBody().readAllBytes();
            ErrorReplies.send(exchange, 404, ErrorReplies.error("mock: no route for " + method + " " + path,
                    "invalid_request_error", null));
        }
        exchange.close();
    }

    /**
     * One vector per input, {@code dimensions} long (default 3), holding 1, 2, 3...; always base64 (little-endian
     * float32, as OpenAI encodes it), so a client that asked for floats shows the gateway converted.
     */
    private static void embeddings(HttpExchange exchange) throws IOException {
        Object parsed = Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Map<?, ?> body = parsed instanceof Map<?, ?> map ? map : Map.of();
        int dimensions = body.get("dimensions") instanceof Number n ? n.intValue() : 3;
        int inputs = body.get("input") instanceof List<?> list ? list.size() : 1;
        java.nio.ByteBuffer vector = java.nio.ByteBuffer.allocate(dimensions * 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 1; i <= dimensions; i++) {
            vector.putFloat(i);
        }
        String encoded = java.util.Base64.getEncoder().encodeToString(vector.array());
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < inputs; i++) {
            data.append(i == 0 ? "" : ",").append("{\"object\":\"embedding\",\"index\":").append(i)
                    .append(",\"embedding\":\"").append(encoded).append("\"}");
        }
        byte[] answer = ("{\"object\":\"list\",\"data\":[" + data + "],\"model\":\"" + body.get("model")
                + "\",\"usage\":{\"prompt_tokens\":" + inputs + ",\"total_tokens\":" + inputs + "}}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
    }

    private void hang() {
        try {
            closing.await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new ChatCompletionsHandler.ConnectionCut();
    }

    private static String modelList() {
        long created = System.currentTimeMillis() / 1000;
        List<Object> data = new ArrayList<>();
        for (String id : MODEL_IDS) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("id", id);
            model.put("object", "model");
            model.put("created", created);
            model.put("owned_by", "mock");
            data.add(model);
        }
        return "{\"object\":\"list\",\"data\":" + Json.write(data) + "}";
    }

    static void sleep(long millis) throws IOException {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting");
        }
    }
}

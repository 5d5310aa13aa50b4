package io.agentgateway.plugins.openai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpMethod;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIIoException;
import io.agentgateway.api.Cancellation;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One OpenAI-compatible server, reached through openai-java's request and response types over a small blocking
 * HTTP/1.1 transport ({@link Http1Transport}). Bodies go out exactly as the host
 * gave them and come back parsed but untouched: the SDK's typed request/response classes are bypassed because they
 * rewrite values (an integer {@code temperature} becomes {@code 1.0}) and demand an API key that local servers lack.
 *
 * <p>Timeouts: a non-streaming call must complete within the configured timeout; a stream must start, and then
 * deliver each next byte, within it, but may run longer as a whole. Retries are the host's business: none here.
 */
final class OpenAiCompatibleUpstream implements Upstream {

    /** Buffers shared between calls, not kept per thread: each stream has a virtual thread of its own. */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newBoundedPool(256)).build());
    private static final ObjectReader MAP_READER = MAPPER.readerFor(new TypeReference<Map<String, Object>>() { });

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http;
    private final RequestOptions callOptions;
    private final RequestOptions streamOptions;
    private final UpstreamFailures failures;
    private final ChunkStreamReader chunkReader;
    /** False for servers that reject {@code stream_options} (LM Studio): it is then left out of every request. */
    private final boolean sendStreamOptions;

    OpenAiCompatibleUpstream(UpstreamSettings settings) {
        requireNonNull(settings, "settings is null");
        this.baseUrl = settings.baseUrl().endsWith("/")
                ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1) : settings.baseUrl();
        Origin origin = originOf(settings.name(), baseUrl);
        this.authorization = settings.apiKey() == null || settings.apiKey().isBlank()
                ? null : "Bearer " + settings.apiKey();
        Duration timeout = settings.timeout();
        this.http = new Http1Transport(origin, timeout, intOption(settings, "max_idle_connections", 64),
                Duration.ofSeconds(intOption(settings, "keep_alive_seconds", 300)), null);
        this.callOptions = RequestOptions.builder()
                .timeout(Timeout.builder().connect(timeout).read(timeout).write(timeout).request(timeout).build())
                .build();
        this.streamOptions = RequestOptions.builder()
                .timeout(Timeout.builder().connect(timeout).read(timeout).write(timeout).request(Duration.ZERO)
                        .build())
                .build();
        this.failures = new UpstreamFailures(settings.name(), MAP_READER);
        this.chunkReader = new ChunkStreamReader(MAP_READER, failures);
        this.sendStreamOptions = booleanOption(settings, "stream_options", true);
    }

    @Override
    public List<String> listModels() throws UpstreamException {
        HttpRequest request = request(HttpMethod.GET, "application/json").addPathSegment("models").build();
        Map<String, Object> list = readJson(send(request, callOptions, InFlightCall.start(Cancellation.NONE)), null);
        List<String> ids = new ArrayList<>();
        if (list.get("data") instanceof List<?> data) {
            for (Object model : data) {
                if (model instanceof Map<?, ?> m && m.get("id") != null) {
                    ids.add(m.get("id").toString());
                }
            }
        } else {
            throw failures.protocol("the model list has no data array", null);
        }
        return ids;
    }

    @Override
    public Map<String, Object> complete(ChatRequest chat) throws UpstreamException {
        InFlightCall call = InFlightCall.start(chat.cancellation());
        try {
            HttpResponse response = send(chatRequest(chat, chat.body(), "application/json"), callOptions, call);
            Map<String, Object> completion = readJson(response, call);
            if (completion.containsKey("error") && !completion.containsKey("choices")) {
                throw failures.errorInStream(completion);
            }
            return completion;
        } finally {
            call.finish();
        }
    }

    @Override
    public void stream(ChatRequest chat, ChunkSink sink) throws UpstreamException {
        Map<String, Object> body = chat.body();
        if (!Boolean.TRUE.equals(body.get("stream"))) {
            body = new HashMap<>(body);
            body.put("stream", true);
        }
        InFlightCall call = InFlightCall.start(chat.cancellation());
        try (HttpResponse response = send(chatRequest(chat, body, "text/event-stream"), streamOptions, call)) {
            String contentType = response.headers().values("Content-Type").stream().findFirst().orElse("");
            if (response.statusCode() >= 400 || contentType.startsWith("application/json")) {
                Map<String, Object> answer = readJson(response, call);
                throw answer.containsKey("error") ? failures.errorInStream(answer)
                        : failures.protocol("asked to stream, the server answered plain JSON", null);
            }
            chunkReader.read(response.body(), sink);
        } catch (IOException e) {
            throw call.cancelled() ? failures.cancelled() : failures.io(e, true);
        } finally {
            call.finish();
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private HttpRequest chatRequest(ChatRequest chat, Map<String, Object> body, String accept)
            throws UpstreamException {
        if (!sendStreamOptions && body.containsKey("stream_options")) {
            body = new HashMap<>(body);
            body.remove("stream_options");
        }
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(body);
        } catch (JacksonException e) {
            throw failures.protocol("the request body cannot be written as JSON", e);
        }
        return request(HttpMethod.POST, accept)
                .addPathSegments("chat", "completions")
                .putHeader("x-request-id", chat.requestId())
                .body(new JsonRequestBody(json))
                .build();
    }

    private HttpRequest.Builder request(HttpMethod method, String accept) {
        HttpRequest.Builder builder = HttpRequest.builder().method(method).baseUrl(baseUrl).putHeader("Accept", accept);
        if (authorization != null) {
            builder.putHeader("Authorization", authorization);
        }
        return builder;
    }

    private HttpResponse send(HttpRequest request, RequestOptions options, InFlightCall call)
            throws UpstreamException {
        if (call.cancelled()) {
            throw failures.cancelled();
        }
        try {
            return http.execute(request, options);
        } catch (OpenAIIoException e) {
            throw call.cancelled() ? failures.cancelled() : failures.io(e, false);
        }
    }

    /** Reads a whole JSON answer; an error status becomes REJECTED with the server's error body. */
    private Map<String, Object> readJson(HttpResponse response, InFlightCall call) throws UpstreamException {
        try (response) {
            byte[] bytes = response.body().readAllBytes();
            if (response.statusCode() >= 400) {
                throw failures.rejected(response.statusCode(), bytes,
                        response.headers().values("Retry-After").stream().findFirst().orElse(null));
            }
            Map<String, Object> json = MAP_READER.readValue(bytes);
            if (json == null) {
                throw failures.protocol("the answer is not a JSON object", null);
            }
            return json;
        } catch (JacksonException e) {
            throw failures.protocol("the answer is not a JSON object", e);
        } catch (IOException e) {
            throw call != null && call.cancelled() ? failures.cancelled() : failures.io(e, true);
        }
    }

    private static Origin originOf(String upstream, String baseUrl) {
        try {
            return Origin.of(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("upstream '" + upstream + "': base_url must be an http(s) URL", e);
        }
    }

    private static boolean booleanOption(UpstreamSettings settings, String key, boolean fallback) {
        Object value = settings.options().get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (value.toString().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("upstream '" + settings.name() + "': " + key
                    + " must be true or false");
        };
    }

    private static int intOption(UpstreamSettings settings, String key, int fallback) {
        Object value = settings.options().get(key);
        return value instanceof Number n ? n.intValue() : value != null ? Integer.parseInt(value.toString()) : fallback;
    }
}

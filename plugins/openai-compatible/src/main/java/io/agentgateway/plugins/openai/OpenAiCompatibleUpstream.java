package io.agentgateway.plugins.openai;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.JsonCodec;
import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpRequest;
import io.agentgateway.api.http.HttpResponse;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.JsonChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.EmbeddingRequest;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One OpenAI-compatible server, reached through the host's HTTP client (which applies the entry's proxy, TLS settings
 * and limits). Bodies go out exactly as the host gave them and come back untouched: as the server's own bytes on the
 * host's one-pass path ({@link #completeJson}, {@link #streamJson}), parsed into maps on the other (agents' turns).
 *
 * <p>Timeouts: a non-streaming call must complete within the configured timeout; a stream must start, and then
 * deliver each next byte, within it, but may run longer as a whole (up to the host's stream limits). Retries are the
 * host's business: none here.
 */
final class OpenAiCompatibleUpstream implements Upstream {

    private final URI models;
    private final URI chatCompletions;
    private final URI embeddings;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final JsonCodec json;
    private final UpstreamFailures failures;
    private final ChunkStreamReader chunkReader;
    /** False for servers that reject {@code stream_options} (LM Studio): it is then left out of every request. */
    private final boolean sendStreamOptions;

    /** @param http the host's client for this upstream; closed with it */
    OpenAiCompatibleUpstream(UpstreamSettings settings, HttpClient http, JsonCodec json) {
        requireNonNull(settings, "settings is null");
        String base = settings.baseUrl().endsWith("/")
                ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1) : settings.baseUrl();
        this.models = endpoint(settings.name(), base, "/models");
        this.chatCompletions = endpoint(settings.name(), base, "/chat/completions");
        this.embeddings = endpoint(settings.name(), base, "/embeddings");
        this.authorization = settings.apiKey() == null || settings.apiKey().isBlank()
                ? null : "Bearer " + settings.apiKey();
        this.timeout = settings.timeout();
        this.sendStreamOptions = booleanOption(settings, "stream_options", true);
        this.http = requireNonNull(http, "http is null");
        this.json = requireNonNull(json, "json is null");
        this.failures = new UpstreamFailures(settings.name(), json);
        this.chunkReader = new ChunkStreamReader(json, failures);
    }

    @Override
    public List<String> listModels() throws UpstreamException {
        HttpRequest request = withAuthorization(HttpRequest.get(models).header("Accept", "application/json"))
                .timeout(timeout).build();
        InFlightCall call = InFlightCall.start(Cancellation.NONE);
        Map<String, Object> list = readJson(send(request, call), call);
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
            HttpResponse response = send(chatRequest(chat, chat.body(), "application/json").timeout(timeout).build(),
                    call);
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
        try (HttpResponse response = openStream(chatRequest(chat, body, "text/event-stream").build(), call)) {
            chunkReader.read(response.events(), sink);
        } catch (IOException e) {
            throw failed(e, call, true);
        } finally {
            call.finish();
        }
    }

    /** The host's bytes go out as they are, the server's come back as they are: this side neither parses nor writes. */
    @Override
    public byte[] completeJson(ChatRequest chat, byte[] body, JsonCodec codec) throws UpstreamException {
        InFlightCall call = InFlightCall.start(chat.cancellation());
        try (HttpResponse response = send(chatRequest(chat, body, "application/json").timeout(timeout).build(), call)) {
            byte[] answer = response.bodyBytes();
            if (response.status() >= 400) {
                throw failures.rejected(response.status(), answer, response.header("Retry-After").orElse(null));
            }
            return answer;
        } catch (IOException e) {
            throw failed(e, call, true);
        } finally {
            call.finish();
        }
    }

    /** Each event's data goes to the host as the server sent it; the host judges chunks and how the stream ended. */
    @Override
    public void streamJson(ChatRequest chat, byte[] body, JsonChunkSink sink) throws UpstreamException {
        InFlightCall call = InFlightCall.start(chat.cancellation());
        try (HttpResponse response = openStream(chatRequest(chat, body, "text/event-stream").build(), call)) {
            chunkReader.pass(response.events(), sink);
        } catch (IOException e) {
            throw failed(e, call, true);
        } finally {
            call.finish();
        }
    }

    /** Passed through as the client sent it: {@code encoding_format} and {@code dimensions} included. */
    @Override
    public Map<String, Object> embed(EmbeddingRequest request) throws UpstreamException {
        InFlightCall call = InFlightCall.start(request.cancellation());
        try {
            byte[] content;
            try {
                content = json.write(request.body());
            } catch (IllegalArgumentException e) {
                throw failures.protocol("the request body cannot be written as JSON", e);
            }
            HttpRequest post = withAuthorization(HttpRequest.post(embeddings, content, "application/json")
                    .header("Accept", "application/json")
                    .header("x-request-id", request.requestId())).timeout(timeout).build();
            Map<String, Object> answer = readJson(send(post, call), call);
            if (!(answer.get("data") instanceof List<?>)) {
                throw failures.protocol("the embeddings answer has no data array", null);
            }
            return answer;
        } finally {
            call.finish();
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private HttpRequest.Builder chatRequest(ChatRequest chat, Map<String, Object> body, String accept)
            throws UpstreamException {
        if (!sendStreamOptions && body.containsKey("stream_options")) {
            body = new HashMap<>(body);
            body.remove("stream_options");
        }
        byte[] content;
        try {
            content = json.write(body);
        } catch (IllegalArgumentException e) {
            throw failures.protocol("the request body cannot be written as JSON", e);
        }
        return chatRequest(chat.requestId(), content, accept);
    }

    /** The host's bytes, written again from the parsed body only for a server that must not see stream_options. */
    private HttpRequest.Builder chatRequest(ChatRequest chat, byte[] body, String accept) throws UpstreamException {
        if (!sendStreamOptions && chat.body().containsKey("stream_options")) {
            return chatRequest(chat, chat.body(), accept);
        }
        return chatRequest(chat.requestId(), body, accept);
    }

    private HttpRequest.Builder chatRequest(String requestId, byte[] content, String accept) {
        return withAuthorization(HttpRequest.post(chatCompletions, content, "application/json")
                .header("Accept", accept)
                .header("x-request-id", requestId));
    }

    private HttpRequest.Builder withAuthorization(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private HttpResponse send(HttpRequest request, InFlightCall call) throws UpstreamException {
        if (call.cancelled()) {
            throw failures.cancelled();
        }
        try {
            return http.send(request);
        } catch (IOException e) {
            throw failed(e, call, false);
        }
    }

    /**
     * Sends a request that asks for a stream and returns the answer once it is one; an error status, or a JSON body
     * in place of the stream, is read and thrown as the failure it reports.
     */
    private HttpResponse openStream(HttpRequest request, InFlightCall call) throws UpstreamException {
        HttpResponse response = send(request, call);
        String contentType = response.header("Content-Type").orElse("");
        if (response.status() >= 400 || contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            Map<String, Object> answer = readJson(response, call);
            throw answer.containsKey("error") ? failures.errorInStream(answer)
                    : failures.protocol("asked to stream, the server answered plain JSON", null);
        }
        return response;
    }

    /** @param answered whether the server had begun to answer (then a broken connection is a drop) */
    private UpstreamException failed(IOException e, InFlightCall call, boolean answered) {
        return call.cancelled() ? failures.cancelled() : failures.io(e, answered);
    }

    /** Reads a whole JSON answer; an error status becomes REJECTED with the server's error body. */
    private Map<String, Object> readJson(HttpResponse response, InFlightCall call) throws UpstreamException {
        try (response) {
            byte[] bytes = response.bodyBytes();
            if (response.status() >= 400) {
                throw failures.rejected(response.status(), bytes, response.header("Retry-After").orElse(null));
            }
            return json.readObject(bytes);
        } catch (IllegalArgumentException e) {
            throw failures.protocol("the answer is not a JSON object", e);
        } catch (IOException e) {
            throw failed(e, call, true);
        }
    }

    private static URI endpoint(String upstream, String base, String path) {
        if (base.isBlank()) {
            throw new IllegalArgumentException("upstream '" + upstream + "': base_url is required by the"
                    + " openai-compatible provider (the server's API root, such as http://localhost:11434/v1)");
        }
        try {
            URI uri = URI.create(base + path);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("upstream '" + upstream + "': base_url must be an http(s) URL");
    }

    private static boolean booleanOption(UpstreamSettings settings, String key, boolean fallback) {
        Object value = settings.options().get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("upstream '" + settings.name() + "': " + key
                    + " must be true or false");
        };
    }
}

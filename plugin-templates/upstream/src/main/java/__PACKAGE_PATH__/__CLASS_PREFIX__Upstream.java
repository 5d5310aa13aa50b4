package __PACKAGE__;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamException.Kind;
import io.agentgateway.api.upstream.UpstreamSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One upstreams.yaml entry: a server that speaks the OpenAI chat-completions protocol at {@code base_url}. Adapt the
 * requests and answers here to the server you connect to; the failures keep their kinds (docs/guides/
 * upstream-plugins.md) and the contract test (UpstreamProviderContract) tells you when one drifts.
 */
final class __CLASS_PREFIX__Upstream implements Upstream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UpstreamSettings settings;
    private final HttpClient http;
    private final Calls calls;

    __CLASS_PREFIX__Upstream(UpstreamSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .build();
        this.calls = new Calls(http, settings.name());
    }

    @Override
    public List<String> listModels() throws UpstreamException {
        Map<String, Object> list = json(calls.send(request("/models").GET(), null));
        List<String> ids = new ArrayList<>();
        if (list.get("data") instanceof List<?> models) {
            for (Object model : models) {
                if (model instanceof Map<?, ?> entry && entry.get("id") instanceof String id) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    @Override
    public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
        Map<String, Object> completion = json(calls.send(chat(request, "application/json"), request.cancellation()));
        if (completion.get("error") != null) {
            throw calls.failure(Kind.REJECTED, 0, "reported an error after answering 200", completion);
        }
        return completion;
    }

    @Override
    public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
        HttpResponse<InputStream> response = calls.send(chat(request, "text/event-stream"), request.cancellation());
        try (EventStream events = new EventStream(response.body(), settings.timeout(), request.cancellation())) {
            boolean finished = false;
            for (String data = events.next(); data != null; data = events.next()) {
                if (data.equals("[DONE]")) {
                    return;
                }
                Map<String, Object> chunk = parse(data);
                if (chunk.get("error") != null) {
                    throw calls.failure(Kind.REJECTED, 0, "reported an error inside its stream", chunk);
                }
                finished |= hasFinishReason(chunk);
                if (!sink.accept(chunk)) {
                    return; // the consumer wants no more: closing the body ends the call
                }
            }
            if (!finished) {
                throw calls.failure(Kind.DROPPED, 0, "ended its stream before it was finished", null);
            }
        } catch (IOException e) {
            throw calls.broken(e, request.cancellation());
        }
    }

    private HttpRequest.Builder chat(ChatRequest request, String accept) throws UpstreamException {
        byte[] body;
        try {
            // Unknown fields reach the server as the client sent them.
            body = JSON.writeValueAsBytes(request.body());
        } catch (JacksonException e) {
            throw calls.failure(Kind.PROTOCOL, 0, "the request cannot be written as JSON", null);
        }
        return request("/chat/completions").header("Content-Type", "application/json").header("Accept", accept)
                .header("X-Request-Id", request.requestId()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.baseUrl().replaceAll("/+$", "") + path))
                .timeout(settings.timeout());
        if (settings.apiKey() != null) {
            builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        return builder;
    }

    private Map<String, Object> json(HttpResponse<InputStream> response) throws UpstreamException {
        try (InputStream body = response.body()) {
            return parse(new String(Calls.readBounded(body), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw calls.failure(Kind.DROPPED, 0, "broke off its answer", null);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(String json) throws UpstreamException {
        try {
            return JSON.readValue(json, Map.class);
        } catch (JacksonException e) {
            throw calls.failure(Kind.PROTOCOL, 0, "sent something that is not a JSON object", null);
        }
    }

    private static boolean hasFinishReason(Map<String, Object> chunk) {
        if (chunk.get("choices") instanceof List<?> choices) {
            for (Object choice : choices) {
                if (choice instanceof Map<?, ?> c && c.get("finish_reason") != null) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        http.close();
    }
}

package __PACKAGE__;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgateway.api.Cancellation;
import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpRequest;
import io.agentgateway.api.http.HttpResponse;
import io.agentgateway.api.http.ServerSentEvent;
import io.agentgateway.api.http.ServerSentEvents;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamException.Kind;
import io.agentgateway.api.upstream.UpstreamSettings;
import java.io.IOException;
import java.net.URI;
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

    __CLASS_PREFIX__Upstream(UpstreamSettings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
        this.calls = new Calls(http, settings.name());
    }

    @Override
    public List<String> listModels() throws UpstreamException {
        Map<String, Object> list = whole(authorized(HttpRequest.get(uri("/models"))), Cancellation.NONE);
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
        Map<String, Object> completion = whole(chat(request, "application/json"), request.cancellation());
        if (completion.get("error") != null) {
            throw calls.failure(Kind.REJECTED, 0, "reported an error after answering 200", completion);
        }
        return completion;
    }

    @Override
    public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
        try (InFlight inFlight = new InFlight(request.cancellation());
             HttpResponse response = calls.send(chat(request, "text/event-stream").build(), request.cancellation())) {
            ServerSentEvents events = response.events();
            boolean finished = false;
            try {
                for (ServerSentEvent event = events.next(); event != null; event = events.next()) {
                    if (event.data().equals("[DONE]")) {
                        return;
                    }
                    Map<String, Object> chunk = parse(event.data());
                    if (chunk.get("error") != null) {
                        throw calls.failure(Kind.REJECTED, 0, "reported an error inside its stream", chunk);
                    }
                    finished |= hasFinishReason(chunk);
                    if (!sink.accept(chunk)) {
                        return; // the consumer wants no more: closing the response ends the call
                    }
                }
            } catch (IOException e) {
                throw calls.broken(e, request.cancellation(), true);
            }
            if (!finished) {
                throw calls.failure(Kind.DROPPED, 0, "ended its stream before it was finished", null);
            }
        }
    }

    /** Sends the request and reads its whole answer (at most the host's limit on a response's size). */
    private Map<String, Object> whole(HttpRequest.Builder request, Cancellation cancellation)
            throws UpstreamException {
        try (InFlight inFlight = new InFlight(cancellation);
             HttpResponse response = calls.send(request.build(), cancellation)) {
            return parse(new String(response.bodyBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw calls.broken(e, cancellation, true);
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
        return authorized(HttpRequest.post(uri("/chat/completions"), body, "application/json"))
                .header("Accept", accept).header("X-Request-Id", request.requestId());
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return settings.apiKey() == null ? request : request.header("Authorization", "Bearer " + settings.apiKey());
    }

    private URI uri(String path) {
        return URI.create(settings.baseUrl().replaceAll("/+$", "") + path);
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

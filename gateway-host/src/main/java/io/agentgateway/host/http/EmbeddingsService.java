package io.agentgateway.host.http;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.upstream.EmbeddingRequest;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.cancel.CancellationSource;
import io.agentgateway.host.cancel.ClientWatch;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.limits.RequestLimits;
import io.agentgateway.host.models.ModelEntry;
import io.agentgateway.host.models.ModelKind;
import io.agentgateway.host.openai.Embeddings;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.openai.RequestBodyParser;
import io.agentgateway.host.security.ApiKey;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code POST /v1/embeddings}: through the upstream provider SPI ({@code Upstream.embed}) of the upstream serving
 * the model, with chat's model resolution and key rules ({@link ChatCompletionsService#admitted}), limits, usage and
 * error mapping. Agents answer chat only.
 */
public final class EmbeddingsService implements HttpService {

    private final ChatCompletionsService chat;
    private final Function<String, Optional<Upstream>> upstreams;
    private final RequestBodyParser parser;
    private final Operations operations;

    /** @param upstreams the opened upstreams by name */
    public EmbeddingsService(ChatCompletionsService chat, Function<String, Optional<Upstream>> upstreams,
            long maxBodyBytes, Operations operations) {
        this.chat = requireNonNull(chat, "chat is null");
        this.upstreams = requireNonNull(upstreams, "upstreams is null");
        this.parser = new RequestBodyParser(maxBodyBytes);
        this.operations = requireNonNull(operations, "operations is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/embeddings", this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = parser.readObject(req.content().inputStream(),
                req.headers().contentLength().orElse(-1));
        Embeddings.check(body);
        RequestScope scope = RequestScope.of(req);
        String model = (String) body.get("model");
        scope.model(model);
        ModelEntry entry = chat.admitted(scope, model);
        String prefix = entry.ownedBy() + "/";
        Optional<Upstream> upstream = entry.kind() == ModelKind.UPSTREAM && entry.id().startsWith(prefix)
                ? upstreams.apply(entry.ownedBy()) : Optional.empty();
        if (upstream.isEmpty()) {
            throw GatewayException.badRequest("model", "'" + entry.id() + "' does not serve embeddings: agents and"
                    + " model groups answer chat only. Use an embedding model of an upstream, such as"
                    + " local/all-minilm-l6-v2.");
        }
        String keyId = scope.key() == ApiKey.OPEN ? null : scope.key().id();
        Map<String, Object> upstreamBody = new LinkedHashMap<>(body);
        upstreamBody.put("model", entry.id().substring(prefix.length()));
        scope.usage(operations.usage().open(scope.requestId(), keyId, null));
        // Reserved against a tokens-per-minute limit as a chat of the same text with a one-token answer would be.
        RequestLimits.Admission admission = operations.limits().admit(keyId, Map.of("max_tokens", 1,
                "messages", List.of(Map.of("role", "user", "content", Embeddings.text(body)))));
        UpstreamClock clock = new UpstreamClock(true, scope);
        CancellationSource cancellation = new CancellationSource();
        Map<String, Object> answer;
        clock.start();
        // A client that closes while the vectors are awaited cancels the upstream call at once, as on chat.
        try (ClientWatch.Watch ignored = scope.watchClient(cancellation)) {
            answer = upstream.get().embed(new EmbeddingRequest(upstreamBody, scope.requestId(), cancellation, keyId));
        } catch (UpstreamException e) {
            if (scope.clientGone()) {
                throw scope.clientLeft(); // cancelled because the client left: there is no one to answer
            }
            throw ChatCompletionsService.upstreamFailure(e, entry, scope);
        } finally {
            clock.stop();
            admission.settle(scope.usage().totalTokens());
        }
        if (scope.clientGone()) {
            throw scope.clientLeft(); // an upstream that ignores cancellation (in-process models) still answered
        }
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(Json.writeBytes(Embeddings.normalize(answer, model, "base64".equals(body.get("encoding_format")))));
    }
}

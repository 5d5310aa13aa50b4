package io.agentgateway.host.http;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.cancel.CancellationSource;
import io.agentgateway.host.cancel.ClientWatch;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.limits.RequestLimits;
import io.agentgateway.host.models.ModelEntry;
import io.agentgateway.host.models.ModelKind;
import io.agentgateway.host.models.ModelRouter;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.observe.Secrets;
import io.agentgateway.host.openai.ChatBody;
import io.agentgateway.host.openai.ChunkNormalizer;
import io.agentgateway.host.openai.CompletionNormalizer;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.openai.OpenAiErrors;
import io.agentgateway.host.openai.RequestBodyParser;
import io.agentgateway.host.security.AccessDecision;
import io.agentgateway.host.security.ApiKey;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.opentelemetry.api.trace.Span;
import java.util.Map;
import java.util.function.Predicate;

/** {@code POST /v1/chat/completions}, streaming and not, for upstream models and agents alike. */
public final class ChatCompletionsService implements HttpService {

    /** The response header naming the {@code <upstream>/<model>} that answered. */
    static final HeaderName SERVED_BY = HeaderNames.create("x-gateway-upstream");

    private final ModelRouter router;
    private final RequestBodyParser parser;
    private final Operations operations;
    private final Drain drain;

    public ChatCompletionsService(ModelRouter router, long maxBodyBytes) {
        this(router, new Drain(), maxBodyBytes, Operations.none());
    }

    public ChatCompletionsService(ModelRouter router, long maxBodyBytes, Operations operations) {
        this(router, new Drain(), maxBodyBytes, operations);
    }

    /** @param drain stops requests still running when a shutdown's grace is over */
    public ChatCompletionsService(ModelRouter router, Drain drain, long maxBodyBytes, Operations operations) {
        this.router = router;
        this.drain = java.util.Objects.requireNonNull(drain, "drain is null");
        this.parser = new RequestBodyParser(maxBodyBytes);
        this.operations = java.util.Objects.requireNonNull(operations, "operations is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/chat/completions", this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        long declaredLength = req.headers().contentLength().orElse(-1);
        ChatBody body = parser.parseBody(req.content().inputStream(), declaredLength);
        serve(req, res, body.tree(), body, AnswerWriter.CHAT);
    }

    /**
     * The chat path, for every route that answers through a model: {@code body} is a checked chat completions body,
     * {@code writer} shows the answer in the route's shape.
     */
    void serve(ServerRequest req, ServerResponse res, Map<String, Object> body, AnswerWriter writer) {
        serve(req, res, body, null, writer);
    }

    /**
     * @param json the client's body as sent, when it came as such: an upstream model's call then passes JSON
     *     through in both directions (the client's bytes renamed; the answer repaired in place), never writing the
     *     parsed body again or building the answer as maps
     */
    private void serve(ServerRequest req, ServerResponse res, Map<String, Object> body, ChatBody json,
            AnswerWriter writer) {
        RequestScope scope = RequestScope.of(req);
        String model = (String) body.get("model");
        scope.model(model);
        ModelEntry entry = admitted(scope, model);
        CancellationSource cancellation = new CancellationSource();
        // An open gateway (no keys configured) has no key id to give, as on the MCP endpoint.
        String keyId = scope.key() == ApiKey.OPEN ? null : scope.key().id();
        ChatRequest request = new ChatRequest(body, scope.requestId(), cancellation, keyId);
        // Every upstream call made for this request (an agent's turns too) now counts for it and its agent.
        scope.usage(operations.usage().open(scope.requestId(), keyId,
                entry.kind() == ModelKind.AGENT ? entry.id() : null));
        // The route, on the request's span: which model id the client asked for and what answers it.
        Span.current().setAttribute("gen_ai.request.model", model).setAttribute("gateway.route.model", entry.id())
                .setAttribute("gateway.route.kind", entry.kind().name().toLowerCase(java.util.Locale.ROOT));
        RequestLimits.Admission admission = operations.limits().admit(keyId, body);
        UpstreamClock clock = new UpstreamClock(entry.kind() != ModelKind.AGENT, scope);
        // A client that closes while the answer is awaited cancels the upstream call (or the agent run); the
        // connection watches for that once the call has lasted a tenth of a second (edge.DeadlineReader).
        try (ClientWatch.Watch ignored = scope.watchClient(cancellation);
             Drain.AutoCloseableQuietly tracked = drain.track(cancellation)) {
            // Agents build their own turns, and the other routes translate the answer from maps.
            ChatBody passed = writer == AnswerWriter.CHAT && entry.kind() != ModelKind.AGENT ? json : null;
            if (Boolean.TRUE.equals(body.get("stream"))) {
                scope.streaming(true);
                stream(entry, request, passed, scope, cancellation, res, clock, writer);
            } else {
                complete(entry, request, passed, model, scope, res, clock, writer);
            }
        } catch (GatewayException e) {
            if (scope.clientGone()) {
                throw scope.clientLeft(); // an agent run stopped because the client left: no one to tell
            }
            throw e;
        } finally {
            admission.settle(scope.usage().totalTokens());
        }
    }

    /**
     * The model a request may use: {@code model} resolved, and allowed to the request's key. A model the key may not
     * use is the same 404 as one that does not exist, so a key cannot find out which models others use.
     */
    ModelEntry admitted(RequestScope scope, String model) {
        ModelEntry entry = router.resolve(model).orElseThrow(() -> GatewayException.modelNotFound(model));
        // The rule applies to the model a bare name resolves to, not to the name as typed.
        if (!scope.key().mayUse(entry.id())) {
            AccessDecision access = scope.key().modelAccess(entry.id()); // the operator's log names the rule
            EventLog.warn("agent.security.decision", "request_id", scope.requestId(), "key_id", scope.key().id(),
                    "model", entry.id(), "decision", "deny", "reason", access.reason());
            // the same 404 as for a model that does not exist, so a key cannot find out which models others use
            throw GatewayException.modelNotFound(model);
        }
        return entry;
    }

    private static void complete(ModelEntry entry, ChatRequest request, ChatBody json, String model,
                                 RequestScope scope, ServerResponse res, UpstreamClock clock, AnswerWriter writer) {
        Map<String, Object> completion = null;
        byte[] text = null;
        clock.start();
        try {
            if (json != null) {
                text = entry.handler().completeJson(request, json, scope::target);
            } else {
                completion = entry.handler().complete(request, scope::target);
            }
        } catch (UpstreamException e) {
            if (scope.clientGone()) {
                throw scope.clientLeft(); // cancelled because the client left: there is no one to answer
            }
            if (shutDown(request)) {
                throw Drain.shuttingDown();
            }
            throw upstreamFailure(e, entry, scope);
        } finally {
            clock.stop();
        }
        servedBy(res, scope);
        if (text != null) {
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(CompletionNormalizer.normalizeJson(text, model));
        } else {
            writer.complete(res, CompletionNormalizer.normalize(completion, model));
        }
    }

    private static void stream(ModelEntry entry, ChatRequest request, ChatBody json, RequestScope scope,
                               CancellationSource cancellation, ServerResponse res, UpstreamClock clock,
                               AnswerWriter writer) {
        SseStream sse = new SseStream(res);
        AnswerWriter.StreamWriter answer = writer.stream(sse);
        Predicate<Boolean> sent = clientHasIt -> {
            if (clientHasIt) {
                return true;
            }
            scope.markClientGone();
            cancellation.cancel(CancellationSource.Reason.CLIENT_GONE);
            return false;
        };
        Runnable first = () -> {
            if (!sse.started()) {
                servedBy(res, scope); // the target that sent the first chunk serves the whole stream
            }
        };
        Predicate<byte[]> texts = json == null ? null : text -> { // chat completions' own shape, as it is
            first.run();
            return sent.test(sse.sendJson(text));
        };
        ChunkNormalizer normalizer = ChunkNormalizer.forRequest(chunk -> {
            first.run();
            return sent.test(answer.chunk(chunk));
        }, texts, entry.id(), request.body());
        clock.start();
        try {
            if (json != null) {
                entry.handler().streamJson(request, json, clock.excludingGatewayWork(normalizer), scope::target);
            } else {
                entry.handler().stream(request, clock.excludingGatewayWork(new ProgressCommentSink(normalizer, sse)),
                        scope::target);
            }
            clock.stop();
            if (scope.clientGone()) {
                endForGoneClient(sse, scope);
                return;
            }
            if (shutDown(request)) {
                failStream(sse, answer, Drain.shuttingDown(), scope); // stopped by the drain: not a whole answer
            } else if (normalizer.finish()) {
                answer.finish();
            }
        } catch (UpstreamException e) {
            failStream(sse, answer, shutDown(request) ? Drain.shuttingDown() : upstreamFailure(e, entry, scope),
                    scope);
        } catch (GatewayException e) {
            failStream(sse, answer, shutDown(request) ? Drain.shuttingDown() : e, scope);
        } catch (RuntimeException | Error e) {
            // A bug here or in a plugin: before the first byte the routing's error handler answers 500; after it,
            // the client must still see an error rather than a stream that merely stops.
            if (!sse.started()) {
                throw e;
            }
            EventLog.error("http.error", "request_id", scope.requestId(), "path", scope.path(),
                    "error", e.getClass().getName() + ": " + e.getMessage());
            failStream(sse, answer, new GatewayException(500, "api_error", "internal_error", null,
                    "The gateway failed while streaming (request id " + scope.requestId() + ")."), scope);
        } finally {
            clock.stop();
        }
        if (sse.clientGone()) {
            scope.markClientGone();
            endForGoneClient(sse, scope);
        }
    }

    /** A stream that never began has sent nothing: its request still has to end, without an answer. */
    private static void endForGoneClient(SseStream sse, RequestScope scope) {
        if (!sse.started()) {
            throw scope.clientLeft();
        }
    }

    /** @return whether the request was stopped because the gateway's shutdown grace is over */
    private static boolean shutDown(ChatRequest request) {
        return request.cancellation() instanceof CancellationSource source
                && source.reason() == CancellationSource.Reason.SHUTTING_DOWN;
    }

    /** Names the upstream target that answered, for clients and their logs; agents' many calls are not named. */
    private static void servedBy(ServerResponse res, RequestScope scope) {
        if (scope.target() != null) {
            res.header(SERVED_BY, scope.target());
        }
    }

    /** Before the first byte a failure is a real status; after it, one error event ends the stream. */
    private static void failStream(SseStream sse, AnswerWriter.StreamWriter answer, GatewayException error,
            RequestScope scope) {
        if (!sse.started()) {
            if (scope.clientGone()) {
                throw scope.clientLeft();
            }
            throw error;
        }
        if (!scope.clientGone()) {
            answer.fail(error);
        }
    }

    /** Maps an upstream failure to the client's error, logging its cause for the operator first. */
    static GatewayException upstreamFailure(UpstreamException e, ModelEntry entry, RequestScope scope) {
        // A group's failure names the upstream of the target that failed last, not the group.
        String target = scope.target();
        String upstream = target == null ? entry.ownedBy() : target.substring(0, target.indexOf('/'));
        GatewayException error = OpenAiErrors.fromUpstream(e, upstream);
        EventLog.warn("upstream.error", "request_id", scope.requestId(), "model", entry.id(),
                "upstream", upstream, "target", target, "kind", e.kind().name().toLowerCase(java.util.Locale.ROOT),
                "upstream_status", e.status() == 0 ? null : e.status(), "status", error.status(),
                "cause", Secrets.redact(e.getMessage()));
        if (!e.errorBody().isEmpty()) {
            // The whole body is for the operator only; the client got at most a short, redacted message.
            EventLog.log(System.Logger.Level.DEBUG, "upstream.error_body", "request_id", scope.requestId(),
                    "upstream", upstream, "body", Secrets.redact(Json.write(e.errorBody())));
        }
        return error;
    }
}

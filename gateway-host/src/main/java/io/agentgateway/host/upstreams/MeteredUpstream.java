package io.agentgateway.host.upstreams;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.JsonCodec;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.EmbeddingRequest;
import io.agentgateway.api.upstream.JsonChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.openai.AnswerFacts;
import io.agentgateway.host.observe.Summaries;
import io.agentgateway.host.observe.Tracing;
import io.agentgateway.host.usage.UsageRecorder;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts every chat call made to one upstream, whoever makes it (a client's {@code <upstream>/<model>} request or an
 * agent's turn), in {@code agent_gateway_upstream_requests_total{upstream,model,status}} and
 * {@code agent_gateway_upstream_latency_ms{upstream,model}} (milliseconds). The model is the one the upstream was
 * called with (a group's target model, not the group), when upstreams.yaml or the server's own list names it, else
 * {@value MeteredModels#UNLISTED} ({@link MeteredModels}: clients cannot add series). The status is {@code ok}, the
 * upstream's HTTP status when it rejected the call, {@code cancelled} when the caller gave up, or the failure kind
 * otherwise ({@code timeout}, {@code unreachable}, {@code dropped}, {@code protocol}, {@code rejected},
 * {@code error}). Model listing is not counted: it is the gateway's own health check, not a request.
 *
 * <p>The tokens of every answered call go to the {@link UsageRecorder} here, where the upstream that answered is
 * known. A stream is always asked for its usage chunk ({@code stream_options.include_usage}); whether the client sees
 * it is decided when the stream is shaped for the client (openai.ChunkNormalizer), by what the client asked.
 */
final class MeteredUpstream implements Upstream {

    static final String REQUESTS = "agent_gateway_upstream_requests_total";
    static final String LATENCY = "agent_gateway_upstream_latency_ms";

    private final String name;
    private final Upstream upstream;
    private final MeterRegistry meters;
    private final MeteredModels models;
    private final UsageRecorder usage;
    private final CheckedJsonAnswers checks;
    // Meters are looked up once per model and outcome, not built on every call: this wraps the request path.
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> latencies = new ConcurrentHashMap<>();

    MeteredUpstream(String name, Upstream upstream, MeterRegistry meters, MeteredModels models) {
        this(name, upstream, meters, models, UsageRecorder.discarding());
    }

    /** @param models the models the meters may name; any other is counted as {@value MeteredModels#UNLISTED} */
    MeteredUpstream(String name, Upstream upstream, MeterRegistry meters, MeteredModels models,
            UsageRecorder usage) {
        this.name = requireNonNull(name, "name is null");
        this.usage = requireNonNull(usage, "usage is null");
        this.checks = new CheckedJsonAnswers(name);
        this.upstream = requireNonNull(upstream, "upstream is null");
        this.meters = requireNonNull(meters, "meters is null");
        this.models = requireNonNull(models, "models is null");
    }

    @Override
    public List<String> listModels() throws UpstreamException {
        return upstream.listModels();
    }

    @Override
    public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
        return metered(Called.chat(request), false, () -> {
            Map<String, Object> completion = upstream.complete(request);
            return new Answered<>(completion, completion.get("usage"), finishReason(completion));
        });
    }

    @Override
    public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
        AtomicReference<Object> reported = new AtomicReference<>();
        AtomicReference<String> finished = new AtomicReference<>();
        metered(Called.chat(request), true, () -> {
            upstream.stream(withUsageAsked(request), chunk -> {
                if (chunk.get("usage") instanceof Map<?, ?> chunkUsage) {
                    reported.set(chunkUsage);
                }
                String reason = finishReason(chunk);
                if (reason != null) {
                    finished.set(reason);
                }
                return sink.accept(chunk);
            });
            return new Answered<>(null, reported.get(), finished.get());
        });
    }

    /** As {@link #complete}, the answer passed through as the upstream's JSON and checked here ({@link CheckedJsonAnswers}). */
    @Override
    public byte[] completeJson(ChatRequest request, byte[] body, JsonCodec json) throws UpstreamException {
        return metered(Called.chat(request), false, () -> {
            byte[] answer = upstream.completeJson(request, body, json);
            AnswerFacts facts = checks.completion(answer);
            return new Answered<>(answer, facts.usage(), facts.finishReason());
        });
    }

    /** As {@link #stream}, each event passed through as the upstream's JSON and checked here. */
    @Override
    public void streamJson(ChatRequest request, byte[] body, JsonChunkSink sink) throws UpstreamException {
        metered(Called.chat(request), true, () -> {
            ChatRequest asked = withUsageAsked(request);
            byte[] askedBody = asked == request ? body
                    : CheckedJsonAnswers.usageAsked(body, request.body(), asked.body());
            CheckedJsonAnswers.Stream checked = checks.stream(sink);
            upstream.streamJson(asked, askedBody, checked);
            checked.end();
            return new Answered<>(null, checked.usage(), checked.finishReason());
        });
    }

    /** Counted with the chat calls: one upstream's request rate and errors, whatever the calls are for. */
    @Override
    public Map<String, Object> embed(EmbeddingRequest request) throws UpstreamException {
        return metered(Called.embeddings(request), false, () -> {
            Map<String, Object> embeddings = upstream.embed(request);
            return new Answered<>(embeddings, embeddings.get("usage"), null);
        });
    }

    /** One call to the upstream, as the meters, the usage and the span see it. */
    private record Called(String operation, String model, String requestId, String keyId,
            Cancellation cancellation) {

        static Called chat(ChatRequest request) {
            return new Called("chat", request.model(), request.requestId(), request.keyId(), request.cancellation());
        }

        static Called embeddings(EmbeddingRequest request) {
            return new Called("embeddings", request.model(), request.requestId(), request.keyId(),
                    request.cancellation());
        }
    }

    /** What an answered call gives back, with its usage and first finish reason (either may be null). */
    private record Answered<T>(T value, Object usage, String finishReason) {
    }

    /** The call to the upstream itself. */
    @FunctionalInterface
    private interface Call<T> {
        Answered<T> run() throws UpstreamException;
    }

    /**
     * Runs {@code call} in its span, then counts and times it under its outcome, records its usage and ends the span.
     *
     * @param streamed whether the call is a stream: a provider returns normally when the sink stopped it because the
     *     client left, which is counted as {@code cancelled}
     */
    private <T> T metered(Called called, boolean streamed, Call<T> call) throws UpstreamException {
        long started = System.nanoTime();
        String status = "error";
        Span span = span(called);
        try (Scope ignored = span.makeCurrent()) {
            Answered<T> answered = call.run();
            status = streamed && called.cancellation().isCancelled() ? "cancelled" : "ok";
            if (answered.usage() instanceof Map<?, ?> reported) {
                usage.record(called.requestId(), called.keyId(), name, called.model(),
                        models.label(name, called.model()), reported);
            }
            traced(span, answered.usage(), answered.finishReason());
            return answered.value();
        } catch (UpstreamException e) {
            // The client left: the upstream did nothing wrong.
            status = called.cancellation().isCancelled() ? "cancelled" : statusOf(e);
            throw e;
        } finally {
            record(called.model(), status, started);
            endSpan(span, status);
        }
    }

    /** A {@code <operation> <model>} client span, by the GenAI semantic conventions, under the current context. */
    private Span span(Called called) {
        return Tracing.tracer().spanBuilder(called.operation() + " " + called.model()).setSpanKind(SpanKind.CLIENT)
                .setAttribute("gen_ai.operation.name", called.operation())
                .setAttribute("gen_ai.provider.name", name)
                .setAttribute("gen_ai.request.model", called.model())
                .startSpan();
    }

    private static void traced(Span span, Object usage, String finishReason) {
        if (usage instanceof Map<?, ?> map) {
            if (map.get("prompt_tokens") instanceof Number prompt) {
                span.setAttribute("gen_ai.usage.input_tokens", prompt.longValue());
            }
            if (map.get("completion_tokens") instanceof Number completion) {
                span.setAttribute("gen_ai.usage.output_tokens", completion.longValue());
            }
        }
        if (finishReason != null) {
            span.setAttribute(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of(finishReason));
        }
    }

    private static void endSpan(Span span, String status) {
        if (!"ok".equals(status)) {
            span.setStatus(StatusCode.ERROR, status);
        }
        span.end();
    }

    /** @return the first choice's finish reason in a completion or a chunk, or null */
    private static String finishReason(Map<String, Object> answer) {
        if (answer.get("choices") instanceof List<?> choices && !choices.isEmpty()
                && choices.getFirst() instanceof Map<?, ?> choice && choice.get("finish_reason") instanceof String r) {
            return r;
        }
        return null;
    }

    @Override
    public void close() {
        upstream.close();
    }

    private static ChatRequest withUsageAsked(ChatRequest request) {
        if (request.body().get("stream_options") instanceof Map<?, ?> options
                && Boolean.TRUE.equals(options.get("include_usage"))) {
            return request;
        }
        Map<String, Object> options = new LinkedHashMap<>();
        if (request.body().get("stream_options") instanceof Map<?, ?> given) {
            given.forEach((key, value) -> options.put(String.valueOf(key), value));
        }
        options.put("include_usage", true);
        Map<String, Object> body = new LinkedHashMap<>(request.body());
        body.put("stream_options", options);
        return request.withBody(body);
    }

    private static String statusOf(UpstreamException e) {
        if (e.kind() == UpstreamException.Kind.REJECTED && e.status() > 0) {
            return Integer.toString(e.status());
        }
        return e.kind().name().toLowerCase(Locale.ROOT);
    }

    private void record(String model, String status, long startedNanos) {
        String label = models.label(name, model);
        requests.computeIfAbsent(label + '\n' + status, key -> meters.getOrCreate(Counter.builder(REQUESTS)
                        .description("Chat calls to upstreams by upstream, model and outcome")
                        .tags(List.of(Tag.create("upstream", name), Tag.create("model", label),
                                Tag.create("status", status)))))
                .increment();
        latencies.computeIfAbsent(label, key -> meters.getOrCreate(Summaries.countSumMax(LATENCY)
                        // No base unit: Prometheus would append it to the name, which already says ms.
                        .description("Upstream call latency in milliseconds")
                        .tags(List.of(Tag.create("upstream", name), Tag.create("model", label)))))
                .record((System.nanoTime() - startedNanos) / 1_000_000.0);
    }
}

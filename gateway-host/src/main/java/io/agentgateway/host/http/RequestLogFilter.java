package io.agentgateway.host.http;

import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.observe.LeftoverMeters;
import io.agentgateway.host.observe.LogContext;
import io.agentgateway.host.observe.Summaries;
import io.agentgateway.host.observe.Tracing;
import io.agentgateway.host.openai.Ids;
import io.agentgateway.host.usage.RequestUsage;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives every request an id ({@code x-request-id} taken from the client when it sends a sane one, else generated),
 * echoes it, and when the request ends logs {@code http.request} and counts it in
 * {@code agent_gateway_requests_total{status}} and {@code agent_gateway_request_latency_ms}. A client that left
 * mid-response is logged with status 499. A request that used tokens logs them ({@code prompt_tokens},
 * {@code completion_tokens}, {@code total_tokens}, and {@code cost} when its models have a price). API requests are
 * kept for the console as they are logged ({@link RecentRequests}).
 */
public final class RequestLogFilter implements Filter {

    static final String REQUESTS = "agent_gateway_requests_total";
    static final String STREAMING = "agent_gateway_streaming_requests_total";
    static final String LATENCY = "agent_gateway_request_latency_ms";
    static final String LATENCY_MIN = "agent_gateway_request_latency_min_ms";

    private static final HeaderName REQUEST_ID = HeaderNames.create("x-request-id");
    private static final HeaderName CONSOLE = HeaderNames.create(RecentRequests.CONSOLE_HEADER);

    /** Sub-millisecond resolution: the gateway's share is expected well under a millisecond. */
    private static final Duration[] OVERHEAD_BUCKETS = {
        Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
        Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(100)};

    private final MeterRegistry meters;
    private final RecentRequests recent;
    private final DistributionSummary latency;
    private final Timer overhead;
    private final Map<Integer, Counter> requestsByStatus = new ConcurrentHashMap<>();
    private final Counter streaming;
    /** The lowest latency yet, in microseconds (the summary keeps no minimum); Long.MAX_VALUE before the first. */
    private final AtomicLong minMicros = new AtomicLong(Long.MAX_VALUE);

    public RequestLogFilter(MeterRegistry meters) {
        this(meters, new RecentRequests());
    }

    /** @param recent where each API request is kept for the console once logged */
    public RequestLogFilter(MeterRegistry meters, RecentRequests recent) {
        this.meters = meters;
        this.recent = recent;
        // The latency summary and its minimum are this gateway's own, registered anew rather than found: the
        // registry is the JVM's, and a gateway started before in the same JVM left both behind. Found, the gauge
        // would go on reading that gateway's minimum while the summary mixed both gateways' requests, so the
        // minimum shown could exceed the average. Replacing both keeps them counting the same requests; with one
        // gateway per JVM there is nothing to replace.
        LeftoverMeters.remove(meters, LATENCY, List.of());
        LeftoverMeters.remove(meters, LATENCY_MIN, List.of());
        // A summary of milliseconds, as the name says: a Timer would export seconds as ..._ms_seconds.
        this.latency = meters.getOrCreate(Summaries.countSumMax(LATENCY)
                .description("Time from request to the end of the response, in milliseconds"));
        this.streaming = meters.getOrCreate(Counter.builder(STREAMING)
                .description("Chat requests answered as a stream (SSE)"));
        meters.getOrCreate(Gauge.builder(LATENCY_MIN, minMicros,
                        min -> min.get() == Long.MAX_VALUE ? 0 : min.get() / 1000.0)
                .description("The shortest request since the gateway started, in milliseconds"));
        this.overhead = meters.getOrCreate(Timer.builder("agent_gateway_overhead_seconds")
                .description("The gateway's own time per upstream request: total minus the time spent waiting on "
                        + "the upstream")
                .baseUnit(TimeUnit.SECONDS)
                .buckets(OVERHEAD_BUCKETS)
                .percentiles(Summaries.NO_PERCENTILES));
    }

    private Counter requestCounter(int status) {
        return meters.getOrCreate(Counter.builder(REQUESTS)
                .description("HTTP requests by status")
                .tags(List.of(Tag.create("status", Integer.toString(status)))));
    }

    /** A client's id is echoed and logged, so only short, printable ASCII ids without spaces are taken. */
    private static boolean isSaneId(String id) {
        if (id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= 32 || c >= 127) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String requestId = req.headers().first(REQUEST_ID)
                .filter(RequestLogFilter::isSaneId)
                .orElseGet(Ids::requestId);
        RequestScope scope = new RequestScope(requestId, req.path().path());
        req.context().register(scope);
        res.header(REQUEST_ID, requestId);
        // Taken now: a HEAD is routed as its GET further on, and is logged as what the client sent.
        String method = req.prologue().method().text();
        LogContext.requestId(requestId);
        Span span = Tracing.tracer().spanBuilder(method + " " + scope.path()).setSpanKind(SpanKind.SERVER)
                .setParent(Tracing.fromClient(name -> req.headers().first(HeaderNames.create(name)).orElse(null)))
                .setAttribute("http.request.method", method)
                .setAttribute("url.path", scope.path())
                .setAttribute("gateway.request_id", requestId)
                .startSpan();
        Scope traced = span.makeCurrent();
        try {
            chain.proceed();
        } catch (CloseConnectionException e) {
            scope.markClientGone(); // left, or cut for being too slow, before it could be answered
            throw e;
        } finally {
            long nanos = System.nanoTime() - start;
            int status = scope.clientGone() ? 499 : res.status().code();
            latency.record(nanos / 1_000_000.0);
            minMicros.accumulateAndGet(nanos / 1000, Math::min);
            if (scope.streaming()) {
                streaming.increment();
            }
            long upstreamNanos = scope.upstreamNanos();
            if (upstreamNanos >= 0) {
                overhead.record(Duration.ofNanos(Math.max(0, nanos - upstreamNanos)));
            }
            requestsByStatus.computeIfAbsent(status, this::requestCounter).increment();
            RequestUsage usage = scope.usage();
            if (usage != null) {
                usage.close();
            }
            boolean used = usage != null && usage.calls() > 0;
            EventLog.info("http.request",
                    "request_id", requestId,
                    "method", method,
                    "path", scope.path(),
                    "status", status,
                    "latency_ms", Math.round(nanos / 10_000.0) / 100.0,
                    "key_id", scope.key() == null ? null : scope.key().id(),
                    "model", scope.model(),
                    "prompt_tokens", used ? usage.promptTokens() : null,
                    "completion_tokens", used ? usage.completionTokens() : null,
                    "total_tokens", used ? usage.totalTokens() : null,
                    "cost", used && usage.cost() > 0 ? usage.cost() : null,
                    "upstream", scope.target());
            if (!req.headers().contains(CONSOLE)) {
                recent.add(new RecentRequests.Entry(java.time.Instant.now(), requestId, method, scope.path(), status,
                        Math.round(nanos / 10_000.0) / 100.0, scope.key() == null ? null : scope.key().id(),
                        scope.model(), scope.target(), used ? usage.totalTokens() : null));
            }
            LogContext.requestId(null);
            span.setAttribute("http.response.status_code", status);
            if (scope.key() != null) {
                span.setAttribute("gateway.key_id", scope.key().id());
            }
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            traced.close();
            span.end();
        }
    }
}

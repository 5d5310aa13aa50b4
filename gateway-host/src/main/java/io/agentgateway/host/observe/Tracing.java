package io.agentgateway.host.observe;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * OpenTelemetry traces, by the GenAI semantic conventions: a span for the HTTP request, the route, an agent run, each
 * turn, each upstream call ({@code chat <model>}) and each tool call ({@code execute_tool <name>}). Exported over
 * OTLP when the standard {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or {@code ..._TRACES_ENDPOINT}) is set, through the
 * OpenTelemetry SDK's own configuration of the {@code OTEL_*} variables; otherwise the API's no-op, which still
 * carries a client's {@code traceparent} on to upstreams and HTTP tools, and costs next to nothing.
 *
 * <p>A holder of the process's one OpenTelemetry rather than a parameter of every constructor it is used in: like the
 * log, it is cross-cutting, and its no-op default needs no wiring in tests.
 */
public final class Tracing {

    /** The {@code OTEL_*} variables passed on to the SDK (read from the gateway's settings, not the process). */
    private static final List<String> VARIABLES = List.of("OTEL_EXPORTER_OTLP_ENDPOINT",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
            "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "OTEL_EXPORTER_OTLP_TIMEOUT",
            "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG",
            "OTEL_BSP_SCHEDULE_DELAY", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE");
    private static final TextMapGetter<Function<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    private static volatile OpenTelemetry openTelemetry = OpenTelemetry.noop();
    private static volatile Tracer tracer = openTelemetry.getTracer("agent-gateway");

    private Tracing() {
    }

    /**
     * Starts exporting when {@code env} names an OTLP endpoint.
     *
     * @return what to close when the gateway stops (flushes the spans not yet sent)
     * @throws IllegalArgumentException when the {@code OTEL_*} settings cannot be used
     */
    public static AutoCloseable start(Function<String, String> env) {
        if (blank(env.apply("OTEL_EXPORTER_OTLP_ENDPOINT")) && blank(env.apply("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))) {
            return () -> { };
        }
        Map<String, String> properties = new HashMap<>();
        properties.put("otel.service.name", "agent-gateway");
        properties.put("otel.metrics.exporter", "none"); // metrics are Prometheus's
        properties.put("otel.logs.exporter", "none"); // logs are the JSON lines
        // OTLP over HTTP with protobuf, sent by the JDK's client: gRPC would need a second HTTP stack.
        properties.put("otel.exporter.otlp.protocol", "http/protobuf");
        for (String variable : VARIABLES) {
            String value = env.apply(variable);
            if (!blank(value)) {
                properties.put(variable.toLowerCase(java.util.Locale.ROOT).replace('_', '.'), value);
            }
        }
        OpenTelemetrySdk sdk;
        try {
            sdk = AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> properties)
                    .disableShutdownHook()
                    .build()
                    .getOpenTelemetrySdk();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("OTEL_* settings: " + e.getMessage() + (e.getCause() == null ? ""
                    : " (" + e.getCause().getMessage() + ")") + "; the gateway exports OTLP over http/protobuf");
        }
        openTelemetry = sdk;
        tracer = sdk.getTracer("agent-gateway");
        EventLog.info("tracing.started", "endpoint", properties.getOrDefault("otel.exporter.otlp.traces.endpoint",
                properties.get("otel.exporter.otlp.endpoint")));
        return () -> {
            sdk.close();
            openTelemetry = OpenTelemetry.noop();
            tracer = openTelemetry.getTracer("agent-gateway");
        };
    }

    /** @return the gateway's tracer */
    public static Tracer tracer() {
        return tracer;
    }

    /** @return the context a client's {@code traceparent} header names, or the current one without it */
    public static Context fromClient(Function<String, String> headers) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
    }

    /** Starts a span of {@code kind} under the current context. */
    public static Span start(String name, SpanKind kind) {
        return tracer.spanBuilder(name).setSpanKind(kind).startSpan();
    }

    /** Ends {@code span}, marking it failed by {@code error} when there is one. */
    public static void end(Span span, Throwable error) {
        if (error != null) {
            span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
        }
        span.end();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

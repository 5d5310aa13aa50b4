package io.agentgateway.host.agents;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.agent.ExecutionPolicy;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.cancel.CancellationSource;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.observe.Tracing;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.tools.ToolManager;
import io.helidon.metrics.api.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Map;

/**
 * Runs agents: the loop of model calls and tool calls behind every agent model id. Needs no HTTP: give it a prepared
 * agent and a {@link ChatRequest}, and it answers as an upstream would, a {@code chat.completion}'s content or the
 * chunks of a stream, which {@code openai.CompletionNormalizer} and {@code openai.ChunkNormalizer} shape for clients.
 * Every tool call goes through the {@link ToolManager}. Thread-safe; one per gateway.
 */
public final class AgentEngine {

    private final AgentMetrics metrics;
    private final AgentLoop.Parts parts;

    /**
     * @param tools the gateway's tools, and the invoker every tool call of an agent goes through
     * @param meters where run metrics go; null records none
     */
    public AgentEngine(ToolManager tools, MeterRegistry meters) {
        requireNonNull(tools, "tools is null");
        this.metrics = new AgentMetrics(meters);
        this.parts = new AgentLoop.Parts(new UpstreamTurns(tools, metrics), new ToolRunner(tools, this::runAsTool),
                metrics);
    }

    /** Runs an agent for a non-streaming request. */
    public RunResult complete(PreparedAgent agent, ChatRequest request) throws UpstreamException {
        return execute(agent, request, null);
    }

    /**
     * Runs an agent for a streaming request. {@code sink} receives what an upstream would stream: content deltas as
     * the model produces them, a chunk with the finish reason, then a chunk with no choices and the run's usage. It
     * may implement {@code models.ProgressSink} to receive the run's progress notes. A sink that returns false
     * stops the run.
     */
    public RunResult stream(PreparedAgent agent, ChatRequest request, ChunkSink sink) throws UpstreamException {
        return execute(agent, request, requireNonNull(sink, "sink is null"));
    }

    private RunResult execute(PreparedAgent agent, ChatRequest request, ChunkSink sink) throws UpstreamException {
        List<Map<String, Object>> messages = ClientRequests.messages(request.body());
        ClientRequests.rejectUnsupported(request.body());
        CancellationSource cancellation = CancellationSource.under(request.cancellation());
        ExecutionPolicy policy = agent.policy();
        AnswerStream out = sink == null ? null : new AnswerStream(sink, cancellation);
        RunScope scope = new RunScope(request.requestId(), request.keyId(), cancellation, messages, request.body(),
                out, agent.id(), Math.max(1, policy.runTimeout().toSeconds()));
        long started = System.nanoTime();
        String outcome = "error";
        Span span = Tracing.tracer().spanBuilder("invoke_agent " + agent.id()).setSpanKind(SpanKind.INTERNAL)
                .setAttribute("gen_ai.operation.name", "invoke_agent")
                .setAttribute("gen_ai.agent.name", agent.id())
                .startSpan();
        Scope traced = span.makeCurrent();
        Thread timer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(policy.runTimeout());
                cancellation.cancel(CancellationSource.Reason.TIMEOUT);
            } catch (InterruptedException e) {
                // the run ended first
            }
        });
        try {
            RunResult result;
            try {
                result = AgentLoop.top(parts, scope, agent).run();
            } finally {
                timer.interrupt();
            }
            if (out != null) {
                out.finish(result.finishReason(), result.usage());
                scope.throwIfCancelled();
            }
            outcome = "completed";
            return result;
        } catch (GatewayException e) {
            outcome = outcomeOf(e);
            throw e;
        } catch (UpstreamException e) {
            outcome = "upstream_error";
            throw e;
        } finally {
            long nanos = System.nanoTime() - started;
            span.setAttribute("gateway.agent.outcome", outcome);
            if (!"completed".equals(outcome)) {
                span.setStatus(StatusCode.ERROR, outcome);
            }
            traced.close();
            span.end();
            metrics.run(agent.id(), outcome, nanos / 1_000_000.0);
            EventLog.info("agent.run", "request_id", request.requestId(), "agent", agent.id(), "outcome", outcome,
                    "stream", sink != null, "latency_ms", nanos / 1_000_000);
        }
    }

    /** Runs an agent used as a tool on one input, inside the run of its caller; its answer is the tool's result. */
    private String runAsTool(RunScope scope, PreparedAgent agent, String input) throws UpstreamException {
        return AgentLoop.asTool(parts, scope, agent, input).run().output();
    }

    private static String outcomeOf(GatewayException e) {
        String code = e.code() == null ? "" : e.code();
        if (code.endsWith("_guardrail_tripped")) {
            return "guardrail";
        }
        if (code.endsWith("_exceeded")) {
            return "limit";
        }
        return switch (code) {
            case "run_timeout" -> "timeout";
            case "client_closed_request" -> "cancelled";
            default -> "error";
        };
    }
}

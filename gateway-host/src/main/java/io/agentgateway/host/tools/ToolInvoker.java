package io.agentgateway.host.tools;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.tool.ToolContext;
import io.agentgateway.host.cancel.CancellationSource;
import io.agentgateway.host.json.JsonSchemaCheck;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.observe.Secrets;
import io.agentgateway.host.plugins.PluginCalls;
import io.agentgateway.host.security.ToolAccessRules;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs every tool call, however the tool is reached (an agent's own tool, a registered one, the gateway-tool shim,
 * the MCP endpoint): access rules, schema validation, a timeout, result truncation, one {@code tool.invoke} log event
 * and the tool metrics. Never throws for the tool's or the caller's mistakes: every failure becomes a
 * {@link ToolOutcome} the model can read.
 */
final class ToolInvoker {

    private final Supplier<ToolAccessRules> rules;
    private final ToolMetrics metrics;
    private final boolean logArguments;

    ToolInvoker(Supplier<ToolAccessRules> rules, ToolMetrics metrics, boolean logArguments) {
        this.rules = requireNonNull(rules, "rules is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.logArguments = logArguments;
    }

    ToolOutcome invoke(RegisteredTool tool, Map<String, Object> arguments, ToolContext context) {
        long start = System.nanoTime();
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        ToolAccessRules.Decision decision = rules.get().check(tool.name(), context.keyId(), context.agentId());
        ToolOutcome outcome = decision.allowed() ? validateAndRun(tool, args, context)
                : ToolOutcome.failure(ToolStatus.DENIED, tool.name(), "Access to tool '" + tool.name()
                        + "' is forbidden for this caller (" + decision.reason() + ").");
        record(tool.name(), tool, outcome, start, context, decision.allowed() ? null : decision.reason(), args);
        return outcome;
    }

    /** Answers, logs and counts a call that cannot be made at all: no such tool, or arguments that are not JSON. */
    ToolOutcome refuse(String name, ToolStatus status, String message, ToolContext context) {
        long start = System.nanoTime();
        ToolOutcome outcome = ToolOutcome.failure(status, name, message);
        record(name, null, outcome, start, context, null, Map.of());
        return outcome;
    }

    private void record(String name, RegisteredTool tool, ToolOutcome outcome, long startNanos, ToolContext context,
            String reason, Map<String, Object> args) {
        long nanos = System.nanoTime() - startNanos;
        ToolProvider provider = tool == null ? null : tool.provider();
        metrics.record(name, provider, outcome.status(), nanos / 1_000_000.0);
        EventLog.log(outcome.isError() ? System.Logger.Level.WARNING : System.Logger.Level.INFO, "tool.invoke",
                "tool", name, "provider", provider == null ? "unknown" : provider.label(),
                "source", tool == null ? null : tool.source(),
                "latency_ms", TimeUnit.NANOSECONDS.toMillis(nanos), "status", outcome.status().label(),
                "request_id", context.requestId(), "agent", context.agentId(), "key_id", context.keyId(),
                "reason", reason, "arguments", logArguments ? args : null);
    }

    private ToolOutcome validateAndRun(RegisteredTool tool, Map<String, Object> args, ToolContext context) {
        List<String> violations;
        try {
            violations = JsonSchemaCheck.violations(args, tool.definition().parameters());
        } catch (IllegalArgumentException e) {
            return ToolOutcome.failure(ToolStatus.ERROR, tool.name(), "The tool's schema is unusable: "
                    + e.getMessage());
        }
        if (!violations.isEmpty()) {
            return ToolOutcome.failure(ToolStatus.INVALID_ARGUMENTS, tool.name(),
                    "The arguments do not match the tool's schema: " + String.join("; ", violations)
                            + ". Fix them and call again.");
        }
        return runWithTimeout(tool, args, context);
    }

    private ToolOutcome runWithTimeout(RegisteredTool tool, Map<String, Object> args, ToolContext caller) {
        CancellationSource cancellation = CancellationSource.under(caller.cancellation());
        ToolContext context = new CallContext(caller.requestId(), caller.agentId(), caller.keyId(), cancellation);
        ClassLoader toolLoader = tool.definition().function().getClass().getClassLoader();
        boolean bounded = tool.definition().function() instanceof BoundedToolFunction;
        // A plugin's tool that throws, an Error included, is recorded against its plugin (PluginCalls.serve); the
        // model gets the failure as the tool's result.
        FutureTask<String> task = new FutureTask<>(() -> PluginCalls.serve(toolLoader, "tool " + tool.name(),
                () -> bounded
                        ? ((BoundedToolFunction) tool.definition().function()).call(args, context,
                                tool.maxResultChars())
                        : tool.definition().function().call(args, context)));
        // In the caller's trace, so that an HTTP tool's call carries its traceparent.
        Thread.ofVirtual().name("tool-" + tool.name()).start(io.opentelemetry.context.Context.current().wrap(task));
        try {
            String text = task.get(tool.timeout().toMillis(), TimeUnit.MILLISECONDS);
            text = text == null ? "" : text;
            return ToolOutcome.ok(bounded ? truncateUnread(text, tool.maxResultChars())
                    : truncate(text, tool.maxResultChars()));
        } catch (TimeoutException e) {
            cancellation.cancel(CancellationSource.Reason.TIMEOUT);
            task.cancel(true);
            return ToolOutcome.failure(ToolStatus.TIMEOUT, tool.name(),
                    "The tool did not answer within " + tool.timeout().toMillis() + " ms.");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            ToolStatus status = cause instanceof ToolUnavailableException ? ToolStatus.UNAVAILABLE : ToolStatus.ERROR;
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            // what a tool's server answered goes to the model and MCP clients: never with a secret in it
            return ToolOutcome.failure(status, tool.name(), Secrets.redact(message));
        } catch (InterruptedException e) {
            cancellation.cancel(CancellationSource.Reason.ABANDONED);
            task.cancel(true);
            Thread.currentThread().interrupt();
            return ToolOutcome.failure(ToolStatus.ERROR, tool.name(), "The call was interrupted.");
        }
    }

    /** Cuts text past {@code max} characters and says so, so the model knows the result is partial. */
    static String truncate(String text, int max) {
        if (max <= 0 || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "\n[truncated: " + (text.length() - max) + " of " + text.length()
                + " characters omitted]";
    }

    /** Like {@link #truncate}, for a result read only one character past {@code max}, so its length is unknown. */
    static String truncateUnread(String text, int max) {
        if (max <= 0 || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "\n[truncated: the result was longer than " + max
                + " characters; the rest was not read]";
    }

    private record CallContext(String requestId, String agentId, String keyId, Cancellation cancellation)
            implements ToolContext {
    }
}

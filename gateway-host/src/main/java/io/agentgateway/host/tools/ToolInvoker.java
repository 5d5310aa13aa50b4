package io.agentgateway.host.tools;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.tool.ToolContext;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.security.ToolAccessRules;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one tool call under the gateway's governance: access rules, schema validation, a timeout, result truncation,
 * one {@code tool.invoke} log event and the tool metrics. Never throws for the tool's or the caller's mistakes: every
 * failure becomes a {@link ToolOutcome} the model can read.
 */
final class ToolInvoker {

    private final Function<String, Optional<RegisteredTool>> lookup;
    private final Supplier<ToolAccessRules> rules;
    private final ToolMetrics metrics;
    private final boolean logArguments;
    private final ArgumentValidator validator = new ArgumentValidator();

    ToolInvoker(Function<String, Optional<RegisteredTool>> lookup, Supplier<ToolAccessRules> rules,
            ToolMetrics metrics, boolean logArguments) {
        this.lookup = requireNonNull(lookup, "lookup is null");
        this.rules = requireNonNull(rules, "rules is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.logArguments = logArguments;
    }

    ToolOutcome invoke(String name, Map<String, Object> arguments, ToolContext context) {
        long start = System.nanoTime();
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        Optional<RegisteredTool> found = lookup.apply(name);
        String provider = found.map(RegisteredTool::provider).orElse("unknown");
        String source = found.map(RegisteredTool::source).orElse(null);
        String reason = null;
        ToolOutcome outcome;
        if (found.isEmpty()) {
            outcome = ToolOutcome.failure("not_found", name, "No tool named '" + name + "' is registered.");
        } else {
            ToolAccessRules.Decision decision = rules.get().check(name, context.keyId(), context.agentId());
            if (!decision.allowed()) {
                reason = decision.reason();
                outcome = ToolOutcome.failure("denied", name,
                        "Access to tool '" + name + "' is forbidden for this caller (" + reason + ").");
            } else {
                outcome = validateAndRun(found.get(), args, context);
            }
        }
        long nanos = System.nanoTime() - start;
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(nanos);
        metrics.record(name, provider, outcome.status(), nanos / 1_000_000.0);
        EventLog.log(outcome.isError() ? System.Logger.Level.WARNING : System.Logger.Level.INFO, "tool.invoke",
                "tool", name, "provider", provider, "source", source, "latency_ms", latencyMs,
                "status", outcome.status(), "request_id", context.requestId(), "agent", context.agentId(),
                "key_id", context.keyId(), "reason", reason, "arguments", logArguments ? args : null);
        return outcome;
    }

    private ToolOutcome validateAndRun(RegisteredTool tool, Map<String, Object> args, ToolContext context) {
        Optional<String> problems;
        try {
            problems = validator.problems(tool.definition().parameters(), args);
        } catch (RuntimeException e) {
            return ToolOutcome.failure("error", tool.name(), "The tool's schema is unusable: " + e.getMessage());
        }
        if (problems.isPresent()) {
            return ToolOutcome.failure("invalid_arguments", tool.name(),
                    "The arguments do not match the tool's schema: " + problems.get() + " Fix them and call again.");
        }
        return runWithTimeout(tool, args, context);
    }

    private ToolOutcome runWithTimeout(RegisteredTool tool, Map<String, Object> args, ToolContext caller) {
        CallCancellation cancellation = new CallCancellation();
        caller.cancellation().onCancel(cancellation::fire);
        ToolContext context = new CallContext(caller.requestId(), caller.agentId(), caller.keyId(), cancellation);
        ClassLoader toolLoader = tool.definition().function().getClass().getClassLoader();
        boolean bounded = tool.definition().function() instanceof BoundedToolFunction;
        FutureTask<String> task = new FutureTask<>(() -> {
            Thread.currentThread().setContextClassLoader(toolLoader);
            return bounded
                    ? ((BoundedToolFunction) tool.definition().function()).call(args, context, tool.maxResultChars())
                    : tool.definition().function().call(args, context);
        });
        Thread.ofVirtual().name("tool-" + tool.name()).start(task);
        try {
            String text = task.get(tool.timeout().toMillis(), TimeUnit.MILLISECONDS);
            text = text == null ? "" : text;
            return ToolOutcome.ok(bounded ? truncateUnread(text, tool.maxResultChars())
                    : truncate(text, tool.maxResultChars()));
        } catch (TimeoutException e) {
            cancellation.fire();
            task.cancel(true);
            return ToolOutcome.failure("timeout", tool.name(),
                    "The tool did not answer within " + tool.timeout().toMillis() + " ms.");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String status = cause instanceof ToolUnavailableException ? "unavailable" : "error";
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return ToolOutcome.failure(status, tool.name(), message);
        } catch (InterruptedException e) {
            cancellation.fire();
            task.cancel(true);
            Thread.currentThread().interrupt();
            return ToolOutcome.failure("error", tool.name(), "The call was interrupted.");
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

package io.agentgateway.api.agent;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Limits and model settings for one agent's runs. A run that reaches a limit stops with an error naming it.
 *
 * @param maxTurns the most model calls in one run (tool rounds and retries included), at least 1
 * @param maxToolHops the most rounds of tool calls in one run (a round runs every tool the model asked for at once)
 * @param maxCompletionTokens sent upstream as {@code max_completion_tokens}; null to leave it to the server
 * @param toolChoice sent upstream as {@code tool_choice} until the first round of tool calls, then {@code auto} (so
 *     a forced tool cannot loop forever): {@code auto}, {@code none}, {@code required} or a tool's name to force
 *     that tool; null to leave it out
 * @param runTimeout the longest a whole run may take, sub-agents included
 * @param maxOutputRetries how often a structured answer that does not match the {@link OutputType} is sent back
 *     for correction before the run fails
 */
public record ExecutionPolicy(
        int maxTurns,
        int maxToolHops,
        Integer maxCompletionTokens,
        String toolChoice,
        Duration runTimeout,
        int maxOutputRetries) {

    /** 10 turns, 8 tool hops, no token cap, no tool_choice, 120 s, 1 output retry. */
    public static final ExecutionPolicy DEFAULT = new ExecutionPolicy(10, 8, null, null, Duration.ofSeconds(120), 1);

    public ExecutionPolicy {
        if (maxTurns < 1) {
            throw new IllegalArgumentException("maxTurns must be at least 1, was " + maxTurns);
        }
        if (maxToolHops < 0) {
            throw new IllegalArgumentException("maxToolHops must not be negative, was " + maxToolHops);
        }
        if (maxCompletionTokens != null && maxCompletionTokens < 1) {
            throw new IllegalArgumentException("maxCompletionTokens must be positive, was " + maxCompletionTokens);
        }
        requireNonNull(runTimeout, "runTimeout is null");
        if (runTimeout.isNegative() || runTimeout.isZero()) {
            throw new IllegalArgumentException("runTimeout must be positive, was " + runTimeout);
        }
        if (maxOutputRetries < 0) {
            throw new IllegalArgumentException("maxOutputRetries must not be negative, was " + maxOutputRetries);
        }
    }

    /** @return this policy with another {@code maxTurns} */
    public ExecutionPolicy withMaxTurns(int value) {
        return new ExecutionPolicy(value, maxToolHops, maxCompletionTokens, toolChoice, runTimeout, maxOutputRetries);
    }

    /** @return this policy with another {@code maxToolHops} */
    public ExecutionPolicy withMaxToolHops(int value) {
        return new ExecutionPolicy(maxTurns, value, maxCompletionTokens, toolChoice, runTimeout, maxOutputRetries);
    }

    /** @return this policy with another {@code maxCompletionTokens} */
    public ExecutionPolicy withMaxCompletionTokens(Integer value) {
        return new ExecutionPolicy(maxTurns, maxToolHops, value, toolChoice, runTimeout, maxOutputRetries);
    }

    /** @return this policy with another {@code toolChoice} */
    public ExecutionPolicy withToolChoice(String value) {
        return new ExecutionPolicy(maxTurns, maxToolHops, maxCompletionTokens, value, runTimeout, maxOutputRetries);
    }

    /** @return this policy with another {@code runTimeout} */
    public ExecutionPolicy withRunTimeout(Duration value) {
        return new ExecutionPolicy(maxTurns, maxToolHops, maxCompletionTokens, toolChoice, value, maxOutputRetries);
    }

    /** @return this policy with another {@code maxOutputRetries} */
    public ExecutionPolicy withMaxOutputRetries(int value) {
        return new ExecutionPolicy(maxTurns, maxToolHops, maxCompletionTokens, toolChoice, runTimeout, value);
    }
}

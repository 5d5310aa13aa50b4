package io.agentgateway.api.agent;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * Checks the client's conversation before the agent's first model call. Only the guardrails of the agent the client
 * addressed run; a tripwire stops the run before any upstream call is made.
 *
 * @param name names the guardrail in errors, logs and metrics
 * @param check the check itself
 */
public record InputGuardrail(String name, Check check) {

    public InputGuardrail {
        requireNonNull(name, "name is null");
        requireNonNull(check, "check is null");
    }

    /** The code of an input guardrail: a plain blocking call. */
    @FunctionalInterface
    public interface Check {

        /**
         * @param context the run
         * @param messages the client's messages, oldest first
         * @return {@link GuardrailResult#pass()} or a tripped result
         * @throws Exception a failure, treated as a tripped guardrail so that a broken check never lets input through
         */
        GuardrailResult check(RunContext context, List<Map<String, Object>> messages) throws Exception;
    }
}

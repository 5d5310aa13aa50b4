package io.agentgateway.api.agent;

import static java.util.Objects.requireNonNull;

/**
 * Checks the final answer before the client sees it. The guardrails of the agent that produced the answer run (after
 * a handoff, the agent handed to). Because the answer must be checked first, an agent with output guardrails streams
 * its answer only once the checks passed.
 *
 * @param name names the guardrail in errors, logs and metrics
 * @param check the check itself
 */
public record OutputGuardrail(String name, Check check) {

    public OutputGuardrail {
        requireNonNull(name, "name is null");
        requireNonNull(check, "check is null");
    }

    /** The code of an output guardrail: a plain blocking call. */
    @FunctionalInterface
    public interface Check {

        /**
         * @param context the run
         * @param output the final answer's text (the JSON text for an agent with an {@link OutputType})
         * @return {@link GuardrailResult#pass()} or a tripped result
         * @throws Exception a failure, treated as a tripped guardrail
         */
        GuardrailResult check(RunContext context, String output) throws Exception;
    }
}

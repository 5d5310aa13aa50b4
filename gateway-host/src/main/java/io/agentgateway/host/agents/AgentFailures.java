package io.agentgateway.host.agents;

import io.agentgateway.host.openai.GatewayException;

/**
 * The errors an agent run ends with, in one place so that their statuses and codes stay as documented in
 * docs/guides/agent-plugins.md.
 */
final class AgentFailures {

    private AgentFailures() {
    }

    /** 400 {@code input_guardrail_tripped}: the client's input was refused before any model call. */
    static GatewayException inputGuardrail(String agentId, String guardrail, String message) {
        return new GatewayException(400, "invalid_request_error", "input_guardrail_tripped", "messages",
                "Input guardrail '" + guardrail + "' of agent " + agentId + " refused the request: " + message);
    }

    /** 422 {@code output_guardrail_tripped}: the answer was withheld. */
    static GatewayException outputGuardrail(String agentId, String guardrail, String message) {
        return new GatewayException(422, "invalid_request_error", "output_guardrail_tripped", null,
                "Output guardrail '" + guardrail + "' of agent " + agentId + " withheld the answer: " + message);
    }

    /** 422 {@code max_turns_exceeded} or {@code max_tool_hops_exceeded}: the run did not finish within a limit. */
    static GatewayException limit(String agentId, String limit, int value) {
        return new GatewayException(422, "invalid_request_error", limit + "_exceeded", null,
                "Agent " + agentId + " stopped: the " + limit + " limit of " + value
                        + " was reached before a final answer");
    }

    /** 504 {@code run_timeout}: the whole run took longer than its policy allows. */
    static GatewayException timeout(String agentId, long seconds) {
        return new GatewayException(504, "api_error", "run_timeout", null,
                "Agent " + agentId + " stopped: the run_timeout limit of " + seconds + " s was reached");
    }

    /** 499: the client went away; nobody reads this, the HTTP layer logs it. */
    static GatewayException clientGone() {
        return new GatewayException(499, "invalid_request_error", "client_closed_request", null,
                "The client closed the request");
    }

    /** 502 {@code output_validation_failed}: the model kept answering outside the output schema. */
    static GatewayException outputInvalid(String agentId, String schema, String violations) {
        return new GatewayException(502, "api_error", "output_validation_failed", null,
                "Agent " + agentId + ": the model's answer does not match the output schema '" + schema + "': "
                        + violations);
    }

    /** 500 {@code agent_misconfigured}: the agent cannot run as configured (no upstream, missing tool, ...). */
    static GatewayException misconfigured(String agentId, String problem) {
        return new GatewayException(500, "api_error", "agent_misconfigured", null,
                "Agent " + agentId + " cannot run: " + problem);
    }
}

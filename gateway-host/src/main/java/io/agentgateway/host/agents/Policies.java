package io.agentgateway.host.agents;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.ExecutionPolicy;
import java.time.Duration;
import java.util.Map;

/** An agent's policy with the metadata keys agents.yaml uses applied on top. */
final class Policies {

    private Policies() {
    }

    static ExecutionPolicy effective(AgentDefinition agent) {
        ExecutionPolicy policy = agent.policy();
        Map<String, Object> metadata = agent.metadata();
        Integer value = integer(metadata, "max_turns");
        if (value != null) {
            policy = policy.withMaxTurns(value);
        }
        value = integer(metadata, "max_tool_hops");
        if (value != null) {
            policy = policy.withMaxToolHops(value);
        }
        value = integer(metadata, "max_completion_tokens");
        if (value != null) {
            policy = policy.withMaxCompletionTokens(value);
        }
        value = integer(metadata, "run_timeout_seconds");
        if (value != null) {
            policy = policy.withRunTimeout(Duration.ofSeconds(value));
        }
        Object toolChoice = metadata.get("tool_choice");
        if (toolChoice != null && !String.valueOf(toolChoice).isBlank()) {
            policy = policy.withToolChoice(String.valueOf(toolChoice).trim());
        }
        return policy;
    }

    private static Integer integer(Map<String, Object> metadata, String key) {
        Object value = metadata.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.valueOf(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metadata " + key + " must be a whole number, was '" + value + "'");
        }
    }
}

package io.agentgateway.host.agents;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.agent.RunContext;
import java.util.List;
import java.util.Map;

/** The {@link RunContext} handed to plugin code; one per agent taking part in a run. */
record AgentRunContext(
        String requestId, String agentId, String keyId, Cancellation cancellation,
        List<Map<String, Object>> messages, Map<String, Object> request) implements RunContext {
}

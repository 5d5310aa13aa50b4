package io.agentgateway.api.agent;

import io.agentgateway.api.tool.ToolContext;
import java.util.List;
import java.util.Map;

/**
 * One agent run as instructions, guardrails and hooks see it: who asked, and what. Also a {@link ToolContext}, so
 * the same object is handed to the agent's tools.
 */
public interface RunContext extends ToolContext {

    /**
     * @return the conversation the client sent (OpenAI chat messages, oldest first), unmodifiable; the agent's own
     *     instructions are not part of it
     */
    List<Map<String, Object>> messages();

    /** @return the client's request body as sent, unmodifiable ({@code model}, {@code user}, sampling fields, ...) */
    Map<String, Object> request();
}

package io.agentgateway.api.agent;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.tool.ToolContext;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.api.tool.ToolFunction;
import java.util.List;
import java.util.Map;

/**
 * Agents used as a tool: when the model calls the tool, the gateway runs each agent on the tool's {@code input}
 * argument, with its own instructions, tools and limits, and hands the answers back as the tool result. Unlike a
 * {@link Handoff}, the calling agent stays in charge.
 *
 * <p>With one agent the result is its answer. With several, they run in parallel (a fan-out of proposers) and the
 * result is a JSON object mapping each agent's name to its answer, in the order given here.
 *
 * <p>Only the gateway's agent runtime can run agents: {@link #call} fails when something else calls the function.
 *
 * @param agents the agents to run, at least one, with distinct names
 */
public record AgentTool(List<AgentDefinition> agents) implements ToolFunction {

    /** The schema of an agent tool's arguments: one string, the task for the agents. */
    public static final Map<String, Object> PARAMETERS = Map.of(
            "type", "object",
            "properties", Map.of("input", Map.of("type", "string", "description", "The task or question")),
            "required", List.of("input"));

    public AgentTool {
        agents = List.copyOf(agents);
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("an agent tool needs at least one agent");
        }
        if (agents.stream().map(AgentDefinition::name).distinct().count() != agents.size()) {
            throw new IllegalArgumentException("the agents of one agent tool need distinct names");
        }
    }

    /**
     * @param name the tool's name
     * @param description what the tool does, for the model
     * @param agents the agents run when it is called
     * @return the tool definition
     */
    public static ToolDefinition of(String name, String description, AgentDefinition... agents) {
        requireNonNull(agents, "agents is null");
        return new ToolDefinition(name, description, PARAMETERS, new AgentTool(List.of(agents)));
    }

    @Override
    public String call(Map<String, Object> arguments, ToolContext context) {
        throw new IllegalStateException("agent tools are run by the gateway's agent runtime");
    }
}

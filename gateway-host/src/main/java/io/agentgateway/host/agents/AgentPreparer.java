package io.agentgateway.host.agents;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.AgentTool;
import io.agentgateway.api.agent.ExecutionPolicy;
import io.agentgateway.api.agent.Handoff;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.tools.GovernedToolFunction;
import io.agentgateway.host.routing.Routes;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepares agents to run under one set of defaults: each agent's id, its policy (its own, with the limits its
 * metadata sets on top), where its model calls go and what its model may call are worked out once, not on every
 * turn. An agent that cannot run as configured is still prepared, with the problem it will answer every request with.
 * Agents a run reaches through handoffs and agent tools are prepared the first time, then kept.
 */
public final class AgentPreparer {

    private final AgentDefaults defaults;
    private final Routes routes;
    private final Map<AgentDefinition, PreparedAgent> reached = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * @param defaults where agents run when their definition does not say
     * @param routes where model calls go: an upstream's model, or a model group
     */
    public AgentPreparer(AgentDefaults defaults, Routes routes) {
        this.defaults = requireNonNull(defaults, "defaults is null");
        this.routes = requireNonNull(routes, "routes is null");
    }

    public AgentDefaults defaults() {
        return defaults;
    }

    /** @return the model id of an agent: its namespace (or the default one) and its name, slugged */
    public String idOf(AgentDefinition agent) {
        return AgentIds.id(agent.namespace() != null ? agent.namespace() : defaults.namespace(), agent.name());
    }

    /** @return {@code agent} prepared under its own id; the same object each time for one definition */
    public PreparedAgent prepare(AgentDefinition agent) {
        return reached.computeIfAbsent(agent, definition -> prepare(idOf(definition), definition));
    }

    /** @return {@code agent} prepared under {@code id}, the id it is registered with */
    public PreparedAgent prepare(String id, AgentDefinition agent) {
        GatewayException problem = null;
        ExecutionPolicy policy = agent.policy();
        try {
            policy = Policies.effective(agent);
        } catch (IllegalArgumentException e) {
            problem = AgentFailures.misconfigured(id, e.getMessage());
        }
        Map<String, ToolBinding> bindings = Map.of();
        PreparedAgent.Target target = null;
        try {
            bindings = bindings(agent, id);
            target = target(agent, id);
        } catch (GatewayException e) {
            problem = problem != null ? problem : e;
        }
        return new PreparedAgent(id, agent, policy, target, bindings, problem, this);
    }

    /** A model that names a group goes to the group, unless the agent itself names an upstream. */
    private PreparedAgent.Target target(AgentDefinition agent, String id) {
        String model = agent.model() != null ? agent.model() : defaults.model();
        if (agent.upstream() == null && model != null && routes.group(model).isPresent()) {
            return new PreparedAgent.Target(model, model, routes.group(model).get());
        }
        String upstreamName = agent.upstream() != null ? agent.upstream() : defaults.upstream();
        if (upstreamName == null || model == null) {
            throw AgentFailures.misconfigured(id, "no " + (upstreamName == null ? "upstream" : "model")
                    + " set: give the agent one, or set defaults in agents.yaml or GATEWAY_DEFAULT_UPSTREAM and"
                    + " GATEWAY_DEFAULT_MODEL");
        }
        if (!routes.hasUpstream(upstreamName)) {
            throw AgentFailures.misconfigured(id, "its upstream '" + upstreamName + "' is not configured in"
                    + " upstreams.yaml (nor is '" + model + "' a model group there)");
        }
        return new PreparedAgent.Target(upstreamName, model, routes.configured(upstreamName, model));
    }

    /** @return the tools and handoffs the model of {@code agent} may call, by name */
    private static Map<String, ToolBinding> bindings(AgentDefinition agent, String id) {
        Map<String, ToolBinding> bindings = new LinkedHashMap<>();
        for (ToolDefinition tool : agent.tools()) {
            put(bindings, bind(tool), id);
        }
        for (Handoff handoff : agent.handoffs()) {
            put(bindings, new ToolBinding.HandoffTo(handoff), id);
        }
        return Collections.unmodifiableMap(bindings);
    }

    /** The API gives every tool as a function; what kind of call it makes is decided here, once. */
    private static ToolBinding bind(ToolDefinition tool) {
        return switch (tool.function()) {
            case GovernedToolFunction governed -> new ToolBinding.Gateway(governed.toolName());
            case AgentTool agents -> new ToolBinding.Agents(tool, agents.agents());
            default -> new ToolBinding.Own(tool);
        };
    }

    private static void put(Map<String, ToolBinding> bindings, ToolBinding binding, String id) {
        if (bindings.putIfAbsent(binding.name(), binding) != null) {
            throw AgentFailures.misconfigured(id, "two tools are named '" + binding.name() + "'");
        }
    }
}

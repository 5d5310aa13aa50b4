package io.agentgateway.host.agents;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.ExecutionPolicy;
import io.agentgateway.host.models.ModelHandler;
import io.agentgateway.host.openai.GatewayException;
import java.util.Map;

/**
 * An agent ready to run: what {@link AgentPreparer} worked out once for it. Runs read it and never change it.
 */
public final class PreparedAgent {

    /**
     * Where the agent's model calls go.
     *
     * @param upstreamName the upstream, or the group's id, as logs name it
     * @param model the model sent, or the group's id (its route names each target's model)
     * @param route what makes the calls, with retries and failover
     */
    record Target(String upstreamName, String model, ModelHandler route) {
    }

    private final String id;
    private final AgentDefinition definition;
    private final ExecutionPolicy policy;
    private final Target target;
    private final Map<String, ToolBinding> bindings;
    private final GatewayException problem;
    private final AgentPreparer preparer;

    PreparedAgent(String id, AgentDefinition definition, ExecutionPolicy policy, Target target,
            Map<String, ToolBinding> bindings, GatewayException problem, AgentPreparer preparer) {
        this.id = requireNonNull(id, "id is null");
        this.definition = requireNonNull(definition, "definition is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.target = target;
        this.bindings = requireNonNull(bindings, "bindings is null");
        this.problem = problem;
        this.preparer = requireNonNull(preparer, "preparer is null");
    }

    /** @return its model id, {@code <namespace>/<name>} */
    public String id() {
        return id;
    }

    public AgentDefinition definition() {
        return definition;
    }

    /** @return its own policy with the limits of its metadata applied */
    ExecutionPolicy policy() {
        return policy;
    }

    /** @throws GatewayException {@code agent_misconfigured} when the agent cannot run as configured */
    void checkRunnable() {
        if (problem != null) {
            throw problem;
        }
    }

    /** Where its calls go; call {@link #checkRunnable()} first. */
    Target target() {
        return target;
    }

    /** @return the tools and handoffs its model may call, by name */
    Map<String, ToolBinding> bindings() {
        return bindings;
    }

    /** @return another agent this one reaches (a handoff target, an agent used as a tool), prepared alike */
    PreparedAgent reach(AgentDefinition other) {
        return preparer.prepare(other);
    }
}

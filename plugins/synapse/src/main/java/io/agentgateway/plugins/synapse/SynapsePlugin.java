package io.agentgateway.plugins.synapse;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.AgentTool;
import io.agentgateway.api.agent.ExecutionPolicy;
import java.util.List;

/**
 * Synapse, the moderate mixture of agents: three proposers answer the question in parallel from different angles,
 * and an aggregator merges their proposals into one answer. Served as {@code default/synapse}.
 *
 * <p>The aggregator's first call forces the {@code gather_proposals} tool ({@code tool_choice}), so the fan-out
 * happens with any upstream that supports tools, whether or not its model would have chosen to call them.
 */
public final class SynapsePlugin implements GatewayPlugin {

    @Override
    public List<AgentDefinition> agents(PluginContext context) {
        AgentDefinition analyst = proposer("Analyst", "Reason step by step from facts and first principles.");
        AgentDefinition creative = proposer("Creative", "Look for unusual angles and options others would miss.");
        AgentDefinition skeptic = proposer("Skeptic", "Look for risks, weak assumptions and what could go wrong.");
        return List.of(AgentDefinition.builder("Synapse")
                .description("Moderate mixture: three proposers in parallel, merged by an aggregator")
                .instructions("You aggregate proposals. First call gather_proposals with the user's full request."
                        + " Then write one answer that keeps the strongest points of each proposal, resolves"
                        + " their disagreements explicitly, and drops anything unsupported.")
                .tool(AgentTool.of("gather_proposals", "Asks three proposers the same question at once",
                        analyst, creative, skeptic))
                .policy(ExecutionPolicy.DEFAULT.withToolChoice("gather_proposals").withMaxToolHops(2))
                .metadata("display_name", "Synapse")
                .metadata("mixture", "moderate")
                .build());
    }

    private static AgentDefinition proposer(String name, String angle) {
        return AgentDefinition.builder(name)
                .instructions("You are one of several proposers. " + angle
                        + " Give your best answer to the request in at most 150 words.")
                .build();
    }
}

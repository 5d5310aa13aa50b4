package io.agentgateway.plugins.cortex;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.AgentTool;
import io.agentgateway.api.agent.ExecutionPolicy;
import io.agentgateway.api.agent.InputGuardrail;
import io.agentgateway.api.agent.OutputGuardrail;
import io.agentgateway.api.agent.OutputType;
import java.util.List;

/**
 * Cortex, the large mixture of agents. Served as {@code default/cortex}:
 * <ol>
 *   <li>an input guardrail refuses requests that carry credentials, and an output guardrail reports that do;</li>
 *   <li>a first layer of three proposers answers in parallel ({@code first_layer}, forced on the first call);</li>
 *   <li>a second layer of two refiners works on those proposals in parallel ({@code second_layer});</li>
 *   <li>a critic reviews the refined draft ({@code critique});</li>
 *   <li>the coordinator hands off to a technical or a strategy specialist, whose answer is a {@link CortexReport}
 *       validated against its JSON schema.</li>
 * </ol>
 */
public final class CortexPlugin implements GatewayPlugin {

    private static final OutputType REPORT = OutputType.of("cortex_report", CortexReport.class);

    @Override
    public List<AgentDefinition> agents(PluginContext context) {
        AgentDefinition coordinator = AgentDefinition.builder("Cortex")
                .description("Large mixture: two proposer layers, a critic and specialists writing a structured report")
                .instructions("You run a review process. 1. Call first_layer with the user's request. 2. Call"
                        + " second_layer with the request and the first layer's proposals. 3. Call critique with"
                        + " the refined draft. 4. Hand off to the technical specialist for engineering and science"
                        + " questions, otherwise to the strategy specialist. Do not answer the user yourself.")
                .tool(AgentTool.of("first_layer", "Three proposers answer the request in parallel",
                        proposer("Analyst", "Reason from facts and first principles."),
                        proposer("Explorer", "Consider unusual options and alternatives."),
                        proposer("Pragmatist", "Focus on what is practical, cheap and fast.")))
                .tool(AgentTool.of("second_layer", "Two refiners improve the proposals in parallel",
                        proposer("Integrator", "Merge the proposals you are given into one coherent draft."),
                        proposer("Challenger", "Find gaps and contradictions in the proposals you are given.")))
                .tool(proposer("Critic", "Review the draft you are given: list its weaknesses, then rate it")
                        .asTool("critique", "Reviews a draft and lists its weaknesses"))
                .handoff(specialist("TechnicalSpecialist", "engineering, science and software questions"))
                .handoff(specialist("StrategySpecialist", "business, planning and policy questions"))
                .inputGuardrail(new InputGuardrail("no_credentials", CredentialCheck::check))
                .policy(ExecutionPolicy.DEFAULT.withToolChoice("first_layer").withMaxToolHops(6).withMaxTurns(10))
                .metadata("display_name", "Cortex")
                .metadata("mixture", "large")
                .build();
        return List.of(coordinator);
    }

    private static AgentDefinition proposer(String name, String role) {
        return AgentDefinition.builder(name)
                .instructions(role + " Answer in at most 200 words.")
                .build();
    }

    private static AgentDefinition specialist(String name, String field) {
        return AgentDefinition.builder(name)
                .description("Writes the final report for " + field)
                .instructions("You are a specialist in " + field + ". Using the conversation so far (proposals,"
                        + " refinements and critique), write the final report as one JSON object with the fields"
                        + " title, summary, findings (list of strings), recommendations (list of strings),"
                        + " confidence (a number from 0 to 1) and specialist (your name: " + name + ")."
                        + " Reply with the JSON only.")
                .outputType(REPORT)
                .outputGuardrail(new OutputGuardrail("no_credentials_in_report", CredentialCheck::checkOutput))
                .build();
    }
}

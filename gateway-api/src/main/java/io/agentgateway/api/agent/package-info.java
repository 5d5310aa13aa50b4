/**
 * Agents: instructions, a model and tools, run by the gateway's agent runtime and exposed as models.
 *
 * <p>An {@link io.agentgateway.api.agent.AgentDefinition} is data; the gateway runs it: it calls the agent's model
 * through the configured upstream, runs the tools the model asks for (several at once on virtual threads when the
 * model asks for several), feeds the results back and repeats until the model answers, hands off to another agent
 * ({@link io.agentgateway.api.agent.Handoff}), a guardrail trips ({@link io.agentgateway.api.agent.InputGuardrail},
 * {@link io.agentgateway.api.agent.OutputGuardrail}) or a limit of its
 * {@link io.agentgateway.api.agent.ExecutionPolicy} is reached. Other agents can serve as tools
 * ({@link io.agentgateway.api.agent.AgentTool}); tool arguments can be records
 * ({@link io.agentgateway.api.agent.RecordTool}); answers can be held to a JSON schema
 * ({@link io.agentgateway.api.agent.OutputType}); {@link io.agentgateway.api.agent.AgentHooks} observe each step.
 */
package io.agentgateway.api.agent;

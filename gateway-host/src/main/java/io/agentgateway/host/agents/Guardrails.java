package io.agentgateway.host.agents;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.GuardrailResult;
import io.agentgateway.api.agent.InputGuardrail;
import io.agentgateway.api.agent.OutputGuardrail;
import io.agentgateway.api.agent.RunContext;
import io.agentgateway.host.observe.EventLog;
import java.util.List;
import java.util.Map;

/** Runs an agent's guardrails; a tripwire (or a check that throws) becomes the documented error. */
final class Guardrails {

    private Guardrails() {
    }

    static void checkInput(AgentDefinition agent, String agentId, RunContext context,
            List<Map<String, Object>> messages, AgentMetrics metrics) {
        for (InputGuardrail guardrail : agent.inputGuardrails()) {
            GuardrailResult result = evaluate(guardrail.check(), () -> guardrail.check().check(context, messages));
            if (result.tripwireTriggered()) {
                tripped(context, agentId, guardrail.name(), "input", result, metrics);
                throw AgentFailures.inputGuardrail(agentId, guardrail.name(), result.message());
            }
        }
    }

    static void checkOutput(AgentDefinition agent, String agentId, RunContext context, String output,
            AgentMetrics metrics) {
        for (OutputGuardrail guardrail : agent.outputGuardrails()) {
            GuardrailResult result = evaluate(guardrail.check(), () -> guardrail.check().check(context, output));
            if (result.tripwireTriggered()) {
                tripped(context, agentId, guardrail.name(), "output", result, metrics);
                throw AgentFailures.outputGuardrail(agentId, guardrail.name(), result.message());
            }
        }
    }

    private static GuardrailResult evaluate(Object check, java.util.concurrent.Callable<GuardrailResult> call) {
        try {
            GuardrailResult result = PluginCode.call(check, call);
            return result == null ? GuardrailResult.pass() : result;
        } catch (Exception e) {
            // A broken check must not let content through.
            return new GuardrailResult(true, "the check could not be completed",
                    Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private static void tripped(RunContext context, String agentId, String name, String kind,
            GuardrailResult result, AgentMetrics metrics) {
        EventLog.warn("agent.guardrail", "request_id", context.requestId(), "agent", agentId, "guardrail", name,
                "kind", kind, "message", result.message(), "info", result.info().isEmpty() ? null : result.info());
        metrics.guardrailTrip(agentId, name);
    }
}

package io.agentgateway.plugins.spark;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.AgentHooks;
import io.agentgateway.api.agent.RunContext;
import java.util.Map;

/** Logs each step of a Spark run (think, act, observe, answer) with its request id, through the plugin's logger. */
final class SparkProgressLog implements AgentHooks {

    private final System.Logger logger;

    SparkProgressLog(System.Logger logger) {
        this.logger = logger;
    }

    @Override
    public void onAgentStart(RunContext context, AgentDefinition agent) {
        log(context, "agent start " + agent.name());
    }

    @Override
    public void onToolStart(RunContext context, AgentDefinition agent, String tool, Map<String, Object> arguments) {
        log(context, "tool start " + tool);
    }

    @Override
    public void onToolEnd(RunContext context, AgentDefinition agent, String tool, String result) {
        log(context, "tool end " + tool);
    }

    @Override
    public void onAgentEnd(RunContext context, AgentDefinition agent, String output) {
        log(context, "agent end " + agent.name());
    }

    private void log(RunContext context, String step) {
        logger.log(System.Logger.Level.INFO, "spark request_id=" + context.requestId() + " " + step);
    }
}

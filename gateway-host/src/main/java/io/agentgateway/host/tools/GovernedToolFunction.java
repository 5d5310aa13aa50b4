package io.agentgateway.host.tools;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.tool.ToolContext;
import io.agentgateway.api.tool.ToolFunction;
import java.util.Map;

/**
 * The function of every tool definition the {@link ToolManager} hands out: calls go through the manager's governance,
 * which validates, logs and counts them. Agents recognise it so that they do not log or count the call a second time.
 */
public final class GovernedToolFunction implements ToolFunction {

    private final String toolName;
    private final ToolInvoker invoker;

    GovernedToolFunction(String toolName, ToolInvoker invoker) {
        this.toolName = requireNonNull(toolName, "toolName is null");
        this.invoker = requireNonNull(invoker, "invoker is null");
    }

    /** @return the registered name of the tool this calls */
    public String toolName() {
        return toolName;
    }

    @Override
    public String call(Map<String, Object> arguments, ToolContext context) {
        return invoker.invoke(toolName, arguments, context).text();
    }
}

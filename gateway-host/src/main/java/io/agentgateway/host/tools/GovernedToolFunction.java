package io.agentgateway.host.tools;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.tool.ToolContext;
import io.agentgateway.api.tool.ToolFunction;
import java.util.Map;

/**
 * The function of every tool definition the {@link ToolManager} hands out: a call goes to the registered tool of that
 * name, under the manager's governance. Agents recognise it, so that their calls go to the registry by name.
 */
public final class GovernedToolFunction implements ToolFunction {

    private final String toolName;
    private final ToolManager tools;

    GovernedToolFunction(String toolName, ToolManager tools) {
        this.toolName = requireNonNull(toolName, "toolName is null");
        this.tools = requireNonNull(tools, "tools is null");
    }

    /** @return the registered name of the tool this calls */
    public String toolName() {
        return toolName;
    }

    @Override
    public String call(Map<String, Object> arguments, ToolContext context) {
        return tools.invoke(toolName, arguments, context).text();
    }
}

package __PACKAGE__;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.agent.Description;
import io.agentgateway.api.agent.RecordTool;
import io.agentgateway.api.tool.ToolDefinition;
import java.util.List;

/** Offers the tool {@code __TOOL_NAME__} to every agent the gateway's rules let use it. */
public final class __CLASS_PREFIX__Plugin implements GatewayPlugin {

    /** The tool's arguments: the schema the model sees is derived from this record. */
    public record Arguments(@Description("the text to reverse") String text) {
    }

    @Override
    public List<ToolDefinition> tools(PluginContext context) {
        return List.of(tool());
    }

    /** Reverses a text: replace it with what your tool does. It runs on a virtual thread; blocking is fine. */
    static ToolDefinition tool() {
        return RecordTool.of("__TOOL_NAME__", "Reverses a text, character by character", Arguments.class,
                (arguments, call) -> new StringBuilder(arguments.text()).reverse().toString());
    }
}

package __PACKAGE__;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.testkit.FakePluginContext;
import io.agentgateway.testkit.ToolContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tool meets the gateway's contract for tools (ToolContract) and does what it says. */
class __CLASS_PREFIX__ToolTest extends ToolContract {

    @Override
    protected ToolDefinition tool() {
        return new __CLASS_PREFIX__Plugin().tools(new FakePluginContext("__PLUGIN_ID__")).getFirst();
    }

    @Override
    protected List<Map<String, Object>> validArguments() {
        return List.of(Map.of("text", "gateway"), Map.of("text", ""));
    }

    @Override
    protected void checkResult(Map<String, Object> arguments, String result) {
        assertEquals(new StringBuilder((String) arguments.get("text")).reverse().toString(), result);
    }

    @Test
    void isNamedForTheModel() {
        assertEquals("__TOOL_NAME__", tool().name());
    }
}

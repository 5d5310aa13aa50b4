package io.agentgateway.plugins.texttools;

import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.testkit.ToolContract;
import java.util.List;
import java.util.Map;

class WordCountContractTest extends ToolContract {

    @Override
    protected ToolDefinition tool() {
        return TextToolsPluginTest.tool("word_count");
    }

    @Override
    protected List<Map<String, Object>> validArguments() {
        return List.of(Map.of("text", "Hello there. Bye now."), Map.of("text", ""));
    }
}

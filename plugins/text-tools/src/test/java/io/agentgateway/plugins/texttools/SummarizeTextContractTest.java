package io.agentgateway.plugins.texttools;

import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.testkit.ToolContract;
import java.util.List;
import java.util.Map;

class SummarizeTextContractTest extends ToolContract {

    @Override
    protected ToolDefinition tool() {
        return TextToolsPluginTest.tool("summarize_text");
    }

    @Override
    protected List<Map<String, Object>> validArguments() {
        return List.of(Map.of("text", "One. Two. Three."), Map.of("text", "One. Two.", "max_sentences", 1));
    }
}

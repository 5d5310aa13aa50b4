package io.agentgateway.plugins.texttools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.tool.ToolContext;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.testkit.FakePluginContext;
import io.agentgateway.testkit.FakeToolContext;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class TextToolsPluginTest {

    private static final ToolContext CALL = FakeToolContext.of();

    static final List<ToolDefinition> TOOLS =
            ServiceLoader.load(GatewayPlugin.class).findFirst().orElseThrow().tools(new FakePluginContext("text-tools"));

    static ToolDefinition tool(String name) {
        return TOOLS.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theServiceFileNamesThePluginAndItOffersBothTools() {
        assertEquals(List.of("summarize_text", "word_count"), TOOLS.stream().map(ToolDefinition::name).toList());
    }

    @Test
    void summarizeKeepsTheFirstSentences() throws Exception {
        String text = "Java runs here. Tools are governed. Calls are logged. Metrics are kept.";
        assertEquals("Java runs here. Tools are governed. …",
                tool("summarize_text").function().call(Map.of("text", text), CALL));
        assertEquals("Java runs here. …",
                tool("summarize_text").function().call(Map.of("text", text, "max_sentences", 1), CALL));
    }

    @Test
    void summarizeReturnsShortTextsWhole() throws Exception {
        assertEquals("One line.", tool("summarize_text").function().call(Map.of("text", " One line. "), CALL));
    }

    @Test
    void wordCountAnswersJson() throws Exception {
        assertEquals("{\"words\":4,\"sentences\":2,\"characters\":21}",
                tool("word_count").function().call(Map.of("text", "Hello there. Bye now."), CALL));
    }
}

package io.agentgateway.plugins.texttools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.tool.ToolContext;
import io.agentgateway.api.tool.ToolDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class TextToolsPluginTest {

    private static final ToolContext CALL = new ToolContext() {
        public String requestId() {
            return "req-1";
        }

        public String agentId() {
            return null;
        }

        public String keyId() {
            return null;
        }

        public Cancellation cancellation() {
            return Cancellation.NONE;
        }
    };

    private static final PluginContext CONTEXT = new PluginContext() {
        public String pluginId() {
            return "text-tools";
        }

        public System.Logger logger() {
            return System.getLogger("text-tools");
        }

        public Optional<ToolDefinition> gatewayTool(String name) {
            return Optional.empty();
        }
    };

    private final List<ToolDefinition> tools =
            ServiceLoader.load(GatewayPlugin.class).findFirst().orElseThrow().tools(CONTEXT);

    private ToolDefinition tool(String name) {
        return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theServiceFileNamesThePluginAndItOffersBothTools() {
        assertEquals(List.of("summarize_text", "word_count"), tools.stream().map(ToolDefinition::name).toList());
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

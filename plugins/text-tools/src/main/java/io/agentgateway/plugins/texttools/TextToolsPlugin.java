package io.agentgateway.plugins.texttools;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.tool.ToolDefinition;
import java.util.List;
import java.util.Map;

/** Offers {@code summarize_text} and {@code word_count}: small, local text tools that need no network. */
public final class TextToolsPlugin implements GatewayPlugin {

    @Override
    public List<ToolDefinition> tools(PluginContext context) {
        return List.of(
                new ToolDefinition("summarize_text",
                        "Shortens a text to its first sentences, keeping at most max_sentences (default 2).",
                        Map.of("type", "object", "required", List.of("text"), "properties", Map.of(
                                "text", Map.of("type", "string", "description", "the text to summarise"),
                                "max_sentences", Map.of("type", "integer", "minimum", 1, "maximum", 20))),
                        (arguments, call) -> TextFunctions.summarize((String) arguments.get("text"),
                                arguments.get("max_sentences") instanceof Number n ? n.intValue() : 2)),
                new ToolDefinition("word_count",
                        "Counts the words, sentences and characters of a text; answers as JSON.",
                        Map.of("type", "object", "required", List.of("text"), "properties", Map.of(
                                "text", Map.of("type", "string", "description", "the text to count"))),
                        (arguments, call) -> TextFunctions.countJson((String) arguments.get("text"))));
    }
}

package io.agentgateway.host.tools;

import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.security.Glob;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the tools an MCP server lists into registered tools whose calls go to that server. */
final class McpTools {

    private McpTools() {
    }

    static List<RegisteredTool> of(McpServerConnection connection, ToolsConfig config) {
        ToolsConfig.McpServerSpec spec = connection.spec();
        List<RegisteredTool> out = new ArrayList<>();
        for (McpSchema.Tool tool : connection.tools()) {
            if (!Glob.matchesAny(spec.include(), tool.name())) {
                continue;
            }
            String name = gatewayName(spec.toolPrefix() + tool.name());
            String remoteName = tool.name();
            ToolDefinition definition = new ToolDefinition(name, tool.description(), tool.inputSchema(),
                    (arguments, context) -> resultText(connection.call(remoteName, arguments)));
            out.add(new RegisteredTool(definition, ToolProvider.MCP, spec.name(), config.timeoutFor(name, spec.timeout()),
                    config.maxResultCharsFor(name), Map.of("remote_name", remoteName)));
        }
        return out;
    }

    /** MCP allows names OpenAI function names do not; map the rest to '_' and keep 64 characters. */
    static String gatewayName(String name) {
        String cleaned = name.replaceAll("[^a-zA-Z0-9_-]", "_");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }

    /** Text contents joined by newlines; other contents as their JSON; an error result becomes an exception. */
    static String resultText(McpSchema.CallToolResult result) {
        StringBuilder text = new StringBuilder();
        for (McpSchema.Content content : result.content() == null ? List.<McpSchema.Content>of() : result.content()) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(content instanceof McpSchema.TextContent t ? t.text() : Json.write(content));
        }
        if (text.isEmpty() && result.structuredContent() != null) {
            text.append(Json.write(result.structuredContent()));
        }
        if (Boolean.TRUE.equals(result.isError())) {
            throw new IllegalStateException(text.isEmpty() ? "the MCP tool reported an error" : text.toString());
        }
        return text.toString();
    }
}

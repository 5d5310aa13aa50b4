package io.agentgateway.host.http;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.tools.ToolInfo;
import io.agentgateway.host.tools.ToolManager;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admin routes: {@code GET /tools} lists every registered tool, {@code POST /tools/refresh} re-reads tools.yaml and
 * re-lists MCP servers' tools. Mount behind the admin check: {@code routing.register("/tools", service)}.
 */
public final class ToolsService implements HttpService {

    private final ToolManager tools;

    public ToolsService(ToolManager tools) {
        this.tools = requireNonNull(tools, "tools is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list).post("/refresh", this::refresh);
    }

    private void list(ServerRequest request, ServerResponse response) {
        send(response, tools.list());
    }

    /** A tools.yaml that cannot be used is a 400 naming the problem; the tools in force stay. */
    private void refresh(ServerRequest request, ServerResponse response) {
        List<ToolInfo> fresh;
        try {
            fresh = tools.refresh();
        } catch (ConfigException e) {
            throw GatewayException.badRequest(null, e.getMessage() + " (the tools in force stay)");
        }
        send(response, fresh);
    }

    private static void send(ServerResponse response, List<ToolInfo> list) {
        response.header(HeaderValues.CONTENT_TYPE_JSON)
                .send(Json.write(Map.of("object", "list", "data", list.stream().map(ToolsService::json).toList())));
    }

    /** The fields clients of {@code GET /tools} rely on (name, provider, module, url, method), then ours. */
    private static Map<String, Object> json(ToolInfo tool) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", tool.name());
        out.put("provider", tool.provider().label());
        out.put("source", tool.source());
        out.put("module", tool.source());
        out.put("description", tool.description());
        out.put("url", tool.details().get("url"));
        out.put("method", tool.details().get("method"));
        out.put("timeout_ms", tool.timeoutMs());
        if (tool.available() != null) {
            out.put("available", tool.available());
        }
        out.put("schema", tool.schema());
        return out;
    }
}

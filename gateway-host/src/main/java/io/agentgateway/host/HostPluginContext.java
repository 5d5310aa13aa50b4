package io.agentgateway.host;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.JsonCodec;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpClientOptions;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.api.upstream.UpstreamSettings;
import io.agentgateway.host.json.HostJsonCodec;
import io.agentgateway.host.plugins.PluginLogger;
import io.agentgateway.httpclient.HttpClients;
import java.util.Optional;
import java.util.function.Function;

/**
 * What each plugin receives from the host: its id, a logger whose records carry it, the gateway's tools, the host's
 * HTTP client and JSON codec.
 */
final class HostPluginContext implements PluginContext {

    private final String pluginId;
    private final System.Logger logger;
    private final Function<String, Optional<ToolDefinition>> gatewayTools;
    private final HttpClients httpClients;

    HostPluginContext(String pluginId, Function<String, Optional<ToolDefinition>> gatewayTools,
            HttpClients httpClients) {
        this.pluginId = pluginId;
        this.logger = new PluginLogger(pluginId);
        this.gatewayTools = gatewayTools;
        this.httpClients = requireNonNull(httpClients, "httpClients is null");
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public Optional<ToolDefinition> gatewayTool(String name) {
        return gatewayTools.apply(name);
    }

    @Override
    public HttpClient httpClient(HttpClientOptions options) {
        return httpClients.create(requireNonNull(options, "options is null"));
    }

    @Override
    public HttpClient httpClient(UpstreamSettings upstream) {
        return httpClients.forUpstream(requireNonNull(upstream, "upstream is null"));
    }

    @Override
    public JsonCodec json() {
        return HostJsonCodec.INSTANCE;
    }
}

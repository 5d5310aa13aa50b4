package io.agentgateway.api;

import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpClientOptions;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.api.upstream.UpstreamSettings;
import java.util.Optional;

/** What the host offers a plugin. Plugins reach the host only through this object, never through statics. */
public interface PluginContext {

    /** @return this plugin's id, as in its {@code Plugin-Id} manifest entry */
    String pluginId();

    /** @return a logger whose records carry the plugin id */
    System.Logger logger();

    /**
     * Looks up a tool managed by the gateway (declared in tools.yaml, served by an MCP server, or contributed by
     * another plugin). Calls to the returned definition go through the gateway's tool manager: access rules, schema
     * validation, timeouts, logs and metrics apply as for any other tool call.
     *
     * @param name the tool's registered name
     * @return the tool, or empty when no such tool is registered
     */
    Optional<ToolDefinition> gatewayTool(String name);

    /**
     * Makes an HTTP client on the host's connections: pooled keep-alive, HTTP/2 where a TLS server offers it, the
     * proxy, TLS trust and limits of {@code options}, per-host metrics. Close it when the plugin no longer needs it.
     *
     * @param options how to connect; {@link HttpClientOptions#defaults()} for the host's defaults
     * @return a new client
     * @throws IllegalArgumentException when a certificate or key file cannot be read
     * @since 1.1.0
     */
    default HttpClient httpClient(HttpClientOptions options) {
        throw new UnsupportedOperationException("this host offers no HTTP client (it implements API "
                + "before 1.1.0)");
    }

    /**
     * Makes an HTTP client for calls to one configured upstream: the host applies the entry's {@code proxy},
     * {@code tls} and {@code limits} settings and its {@code timeout} as the connect and read timeout. What else
     * holds as for {@link #httpClient(HttpClientOptions)}.
     *
     * @param upstream the settings the provider was opened with
     * @return a new client, to be closed with the upstream
     * @throws IllegalArgumentException when the entry's proxy, TLS or limit settings are unusable; the message says
     *     which key and why
     * @since 1.1.0
     */
    default HttpClient httpClient(UpstreamSettings upstream) {
        throw new UnsupportedOperationException("this host offers no HTTP client (it implements API "
                + "before 1.1.0)");
    }

    /**
     * @return the host's JSON reader and writer
     * @since 1.1.0
     */
    default JsonCodec json() {
        throw new UnsupportedOperationException("this host offers no JSON codec (it implements API before 1.1.0)");
    }
}

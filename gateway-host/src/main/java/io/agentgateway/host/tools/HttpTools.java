package io.agentgateway.host.tools;

import io.agentgateway.api.tool.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns an HTTP tool declared in tools.yaml into a registered tool. */
final class HttpTools {

    private HttpTools() {
    }

    static RegisteredTool of(ToolsConfig.HttpToolSpec spec, ToolsConfig config, ToolHttpClients clients) {
        java.time.Duration timeout = config.timeoutFor(spec.name(), spec.timeout());
        ToolDefinition definition = new ToolDefinition(spec.name(),
                spec.description() == null ? "Calls " + spec.method() + " " + spec.url().getHost() : spec.description(),
                spec.schema().isEmpty() ? null : spec.schema(),
                new HttpTool(spec.url(), spec.method(), spec.headers(), timeout,
                        clients.client(spec.allowLinkLocal())));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", withoutSecrets(spec.url()));
        details.put("method", spec.method());
        return new RegisteredTool(definition, ToolProvider.HTTP, "tools.yaml", timeout, config.maxResultCharsFor(spec.name()),
                details);
    }

    /** The URL without user info or query, where credentials sometimes hide. */
    private static String withoutSecrets(java.net.URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}

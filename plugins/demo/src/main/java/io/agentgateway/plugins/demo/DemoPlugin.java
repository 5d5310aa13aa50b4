package io.agentgateway.plugins.demo;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.upstream.UpstreamProvider;
import java.util.List;

/**
 * Offers the {@code demo} upstream provider: a model that needs no server and answers by a fixed, documented rule
 * (docs/guides/demo-upstream.md), so that chats, agents and tools can be tried on a fresh machine. It is no language
 * model: it repeats the question, calls the tools its instructions name, and fills structured answers from their
 * schema.
 */
public final class DemoPlugin implements GatewayPlugin {

    @Override
    public List<UpstreamProvider> upstreamProviders(PluginContext context) {
        return List.of(new DemoProvider());
    }
}

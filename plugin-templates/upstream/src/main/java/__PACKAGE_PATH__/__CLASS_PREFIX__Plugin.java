package __PACKAGE__;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.api.upstream.UpstreamSettings;
import java.util.List;

/**
 * Offers the upstream provider {@code __PLUGIN_ID__}: upstreams.yaml entries with {@code provider: __PLUGIN_ID__} are
 * served through it, their models listed as {@code <entry name>/<model>}.
 */
public final class __CLASS_PREFIX__Plugin implements GatewayPlugin, UpstreamProvider {

    @Override
    public List<UpstreamProvider> upstreamProviders(PluginContext context) {
        return List.of(this);
    }

    @Override
    public String name() {
        return "__PLUGIN_ID__";
    }

    /** Must not connect anywhere: a server that is down at start-up is still registered, and reported unhealthy. */
    @Override
    public Upstream open(UpstreamSettings settings) {
        return new __CLASS_PREFIX__Upstream(settings);
    }
}

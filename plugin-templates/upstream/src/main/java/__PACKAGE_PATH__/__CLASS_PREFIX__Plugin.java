package __PACKAGE__;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.upstream.UpstreamProvider;
import java.util.List;

/**
 * Offers the upstream provider {@code __PLUGIN_ID__}: upstreams.yaml entries with {@code provider: __PLUGIN_ID__} are
 * served through it, their models listed as {@code <entry name>/<model>}.
 */
public final class __CLASS_PREFIX__Plugin implements GatewayPlugin {

    @Override
    public List<UpstreamProvider> upstreamProviders(PluginContext context) {
        return List.of(new __CLASS_PREFIX__Provider(context));
    }
}

package __PACKAGE__;

import io.agentgateway.api.PluginContext;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.api.upstream.UpstreamSettings;

/**
 * The provider {@code __PLUGIN_ID__}. Each upstream it opens calls its server through the host's HTTP client, which
 * applies the entry's {@code proxy}, {@code tls}, {@code limits} and {@code timeout}, pools connections and bounds
 * what the server sends.
 */
public final class __CLASS_PREFIX__Provider implements UpstreamProvider {

    private final PluginContext context;

    public __CLASS_PREFIX__Provider(PluginContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "__PLUGIN_ID__";
    }

    /** Must not connect anywhere: a server that is down at start-up is still registered, and reported unhealthy. */
    @Override
    public Upstream open(UpstreamSettings settings) {
        return new __CLASS_PREFIX__Upstream(settings, context.httpClient(settings));
    }
}

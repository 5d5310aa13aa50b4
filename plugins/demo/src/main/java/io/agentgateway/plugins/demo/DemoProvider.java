package io.agentgateway.plugins.demo;

import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.api.upstream.UpstreamSettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code provider: demo} in upstreams.yaml. Its entry needs no URL or key: the model runs in the gateway. */
final class DemoProvider implements UpstreamProvider {

    /** The model every demo upstream serves; an entry's {@code models:} adds more names for the same rule. */
    static final String MODEL = "echo";

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public Upstream open(UpstreamSettings settings) {
        Set<String> models = new LinkedHashSet<>();
        models.add(MODEL);
        models.addAll(settings.models());
        return new DemoUpstream(List.copyOf(models));
    }
}

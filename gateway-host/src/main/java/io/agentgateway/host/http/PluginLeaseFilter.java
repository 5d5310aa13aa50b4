package io.agentgateway.host.http;

import io.agentgateway.host.plugins.PluginLeases;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Holds every plugin version a request uses until the request is over (a stream to its last event, an agent run to
 * its answer), so that a plugin replaced meanwhile finishes the request on the version it started on.
 */
public final class PluginLeaseFilter implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        try (PluginLeases.Scope scope = PluginLeases.open()) {
            chain.proceed();
        }
    }
}

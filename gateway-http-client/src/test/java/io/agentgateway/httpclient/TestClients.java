package io.agentgateway.httpclient;

import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpClientOptions;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import java.util.Map;

/** Clients as the gateway makes them, with the environment a test gives. */
final class TestClients {

    static final MeterRegistry METERS = Services.get(MeterRegistry.class);

    private TestClients() {
    }

    static HttpClients factory(Map<String, String> env) {
        return new HttpClients(METERS, env::get, ClientLimits.DEFAULTS);
    }

    static HttpClient client(HttpClientOptions options) {
        return factory(Map.of()).create(options);
    }
}

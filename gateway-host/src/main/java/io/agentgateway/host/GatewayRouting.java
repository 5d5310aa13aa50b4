package io.agentgateway.host;

import io.agentgateway.host.config.HttpEdgeLimits;
import io.agentgateway.host.edge.EdgeFilter;
import io.agentgateway.host.http.ApiDocsService;
import io.agentgateway.host.http.ApiKeyFilter;
import io.agentgateway.host.http.ChatCompletionsService;
import io.agentgateway.host.http.CompletionsService;
import io.agentgateway.host.http.Drain;
import io.agentgateway.host.http.ConsoleService;
import io.agentgateway.host.http.InFlightLimit;
import io.agentgateway.host.http.RecentRequestsService;
import io.agentgateway.host.http.EmbeddingsService;
import io.agentgateway.host.http.ResponsesService;
import io.agentgateway.host.http.FallbackHandlers;
import io.agentgateway.host.http.HealthService;
import io.agentgateway.host.http.ModelsService;
import io.agentgateway.host.http.Operations;
import io.agentgateway.host.http.PluginLeaseFilter;
import io.agentgateway.host.http.RequestLogFilter;
import io.agentgateway.host.models.ModelCatalog;
import io.agentgateway.host.models.ModelRouter;
import io.agentgateway.host.security.ApiKeyStore;
import io.agentgateway.host.routing.Routes;
import io.agentgateway.host.store.ResponseStore;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The gateway's routes, in one place, shared by {@link Main} and the tests.
 *
 * @param catalog every routable model
 * @param routes where upstream models and model groups are called
 * @param keys the current API keys
 * @param meters where metrics go
 * @param maxBodyBytes the largest request body accepted
 * @param adminServices extra services by path prefix (admin routes: plugins, tools, agents...)
 * @param apiDocs whether to serve {@code /openapi} and {@code /docs}
 * @param operations token accounting, limits, the audit trail and overrides on the request path
 * @param edge the HTTP edge's limits (wrong keys from one address, requests in flight, here)
 * @param responses where {@code /v1/responses} keeps responses; null keeps none
 * @param drain the graceful drain on shutdown: readiness, refusing new requests, cutting those past the grace
 */
public record GatewayRouting(
        ModelCatalog catalog,
        Routes routes,
        Supplier<ApiKeyStore> keys,
        MeterRegistry meters,
        long maxBodyBytes,
        Map<String, HttpService> adminServices,
        boolean apiDocs,
        Operations operations,
        HttpEdgeLimits edge,
        ResponseStore responses,
        Drain drain) {

    /** Routes without token accounting, with the edge's default limits, keeping no responses. */
    public GatewayRouting(ModelCatalog catalog, Routes routes, Supplier<ApiKeyStore> keys,
            MeterRegistry meters, long maxBodyBytes, Map<String, HttpService> adminServices, boolean apiDocs) {
        this(catalog, routes, keys, meters, maxBodyBytes, adminServices, apiDocs, Operations.none(),
                HttpEdgeLimits.DEFAULTS, null, new Drain());
    }

    public void configure(HttpRouting.Builder routing) {
        FallbackHandlers.errors(routing);
        routing.addFilter(new RequestLogFilter(meters, operations.recent()));
        routing.addFilter(drain);
        routing.addFilter(new InFlightLimit(edge.maxInFlight()));
        routing.addFilter(new PluginLeaseFilter());
        // Before the key check, so that a refused request's connection is told it was routed (and closes when asked).
        routing.addFilter(new EdgeFilter());
        // Before the key check, so that admin actions refused for want of an admin key are audited too.
        routing.addFilter(operations.audit());
        routing.addFilter(new ApiKeyFilter(keys, edge, Clock.systemUTC(), operations.overrides(),
                operations.metricsKey()));
        // Preflights pass the key check (browsers send them without credentials), so they must reach nothing that
        // answers with data: every OPTIONS ends here, empty, with whatever CORS headers GATEWAY_CORS_ORIGINS adds.
        routing.options("/*", (req, res) -> res.status(204).send());
        routes(routing);
        FallbackHandlers.unknownRoutes(routing);
    }

    /** Declares every route the gateway serves (those of server features, such as {@code /metrics}, aside). */
    public void routes(HttpRules routing) {
        routing.register(new HealthService(drain::draining));
        if (apiDocs) {
            routing.register(new ApiDocsService());
        }
        routing.register(new ConsoleService());
        routing.register("/requests", new RecentRequestsService(operations.recent()));
        ChatCompletionsService chat = new ChatCompletionsService(new ModelRouter(catalog, routes::unlistedModel), drain,
                maxBodyBytes, operations);
        // The Responses API and legacy completions are answered through the chat path: same keys, limits, logs.
        routing.register("/v1", new ModelsService(catalog), chat,
                new ResponsesService(chat, maxBodyBytes, responses, Clock.systemUTC()),
                new CompletionsService(chat, maxBodyBytes),
                new EmbeddingsService(chat, routes::upstream, maxBodyBytes, operations));
        adminServices.forEach(routing::register);
    }
}

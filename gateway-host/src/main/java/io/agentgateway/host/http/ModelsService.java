package io.agentgateway.host.http;

import io.agentgateway.host.json.Json;
import io.agentgateway.host.models.ModelCatalog;
import io.agentgateway.host.models.ModelEntry;
import io.agentgateway.host.models.ModelRouter;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.security.ApiKey;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}: the models the caller's key may use. Right after start-up
 * both wait (boundedly, as {@link ModelRouter} does) for the upstreams' first model listings, so that a client
 * that lists models as soon as the gateway answers sees the upstreams' models too.
 */
public final class ModelsService implements HttpService {

    private final ModelCatalog catalog;
    private final long startedAt = System.currentTimeMillis() / 1000;

    public ModelsService(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/models", this::list);
        rules.get("/models/{+id}", this::one);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ApiKey key = RequestScope.of(req).key();
        catalog.awaitListed(ModelRouter.FIRST_LISTING_WAIT);
        List<Map<String, Object>> data = catalog.all().stream()
                .filter(entry -> key.mayUse(entry.id()))
                .map(this::describe)
                .toList();
        send(res, Map.of("object", "list", "data", data));
    }

    private void one(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        ApiKey key = RequestScope.of(req).key();
        ModelEntry entry = catalog.find(id)
                .or(() -> catalog.awaitListed(ModelRouter.FIRST_LISTING_WAIT) ? catalog.find(id) : Optional.empty())
                .filter(e -> key.mayUse(e.id()))
                .orElseThrow(() -> GatewayException.modelNotFound(id));
        send(res, describe(entry));
    }

    private Map<String, Object> describe(ModelEntry entry) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", entry.id());
        model.put("object", "model");
        model.put("created", startedAt);
        model.put("owned_by", entry.ownedBy());
        model.put("description", entry.description());
        Map<String, Object> metadata = new LinkedHashMap<>(entry.metadata());
        metadata.put("kind", entry.kind().label());
        model.put("metadata", metadata);
        return model;
    }

    private static void send(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }
}

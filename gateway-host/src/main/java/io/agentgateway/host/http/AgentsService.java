package io.agentgateway.host.http;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.agents.AgentDefaults;
import io.agentgateway.host.agents.AgentRegistry;
import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.openai.GatewayException;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Admin routes, in the shape their clients rely on (docs/origins.md): {@code GET /agents} (every agent with its source, upstream, model and
 * tools), {@code POST /agents/refresh} (re-read agents.yaml), {@code GET /agents/errors} (the last 200 registration
 * problems, newest first). Mount behind the admin check: {@code routing.register("/agents", service)}.
 */
public final class AgentsService implements HttpService {

    private final AgentRegistry registry;
    private final Supplier<Map<String, Object>> agentsYaml;

    /**
     * @param agentsYaml reads agents.yaml again, for refresh; a {@link ConfigException} (missing, broken, not per
     *     its schema) is answered 400 and the agents in force stay
     */
    public AgentsService(AgentRegistry registry, Supplier<Map<String, Object>> agentsYaml) {
        this.registry = requireNonNull(registry, "registry is null");
        this.agentsYaml = requireNonNull(agentsYaml, "agentsYaml is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/refresh", this::refresh)
                .get("/errors", this::errors);
    }

    private void list(ServerRequest request, ServerResponse response) {
        send(response, Map.of("object", "list", "data", describeAll()));
    }

    private void refresh(ServerRequest request, ServerResponse response) {
        List<String> problems;
        try {
            problems = registry.reloadDeclarative(agentsYaml);
        } catch (ConfigException e) {
            throw GatewayException.badRequest(null, e.getMessage() + " (the agents in force stay)");
        }
        send(response, Map.of("object", "list", "data", describeAll(), "problems", problems));
    }

    private void errors(ServerRequest request, ServerResponse response) {
        List<Map<String, Object>> errors = registry.errors().stream().map(error -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("at", error.at().toString());
            out.put("source", error.source());
            out.put("agent", error.agentId());
            out.put("error", error.message());
            return out;
        }).toList();
        send(response, Map.of("object", "list", "data", errors));
    }

    private List<Map<String, Object>> describeAll() {
        AgentDefaults defaults = registry.defaults();
        return registry.agents().stream().map(agent -> agent.describe(defaults)).toList();
    }

    private static void send(ServerResponse response, Object body) {
        response.header(HeaderValues.CONTENT_TYPE_JSON).send(Json.write(body));
    }
}

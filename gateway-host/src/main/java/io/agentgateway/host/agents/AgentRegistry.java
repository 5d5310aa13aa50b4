package io.agentgateway.host.agents;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.host.models.ModelCatalog;
import io.agentgateway.host.models.ModelEntry;
import io.agentgateway.host.models.ModelKind;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.tools.ToolManager;
import io.agentgateway.host.routing.Routes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every agent the gateway serves, from plugins and from agents.yaml alike, each registered in the
 * {@link ModelCatalog} as a model of kind {@code agent}. Ids that clash (with another agent or any other model) are
 * reported in {@link #errors()} and the log; the agent registered first keeps its id.
 */
public final class AgentRegistry {

    private static final int MAX_ERRORS = 200;

    private final AgentEngine engine;
    private final Routes routes;
    private final ToolManager tools;
    private final ModelCatalog catalog;
    private final Function<String, String> env;
    private final Map<String, RegisteredAgent> agents = new LinkedHashMap<>();
    private final Map<String, AgentModelHandler> handlers = new LinkedHashMap<>();
    private AgentPreparer preparer;
    private final LinkedList<AgentLoadError> errors = new LinkedList<>();

    /**
     * @param engine runs the agents
     * @param routes where agents' model calls go: upstream models and model groups
     * @param tools the gateway's tools, which agents.yaml names
     * @param catalog where agents are listed as models
     * @param env the environment: the defaults of agents until agents.yaml sets its own
     */
    public AgentRegistry(AgentEngine engine, Routes routes, ToolManager tools, ModelCatalog catalog,
            Function<String, String> env) {
        this.engine = requireNonNull(engine, "engine is null");
        this.routes = requireNonNull(routes, "routes is null");
        this.tools = requireNonNull(tools, "tools is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.env = requireNonNull(env, "env is null");
        this.preparer = new AgentPreparer(AgentDefaults.fromEnv(env), routes);
    }

    /**
     * Registers the agents of one plugin, replacing those it registered before.
     *
     * @return the problems met (id clashes), also kept in {@link #errors()}; empty when all registered
     */
    public synchronized List<String> register(String pluginId, List<AgentDefinition> definitions) {
        requireNonNull(pluginId, "pluginId is null");
        unregister(pluginId);
        List<String> problems = new ArrayList<>();
        for (AgentDefinition definition : definitions) {
            add(pluginId, AgentKind.PLUGIN, definition, problems);
        }
        return problems;
    }

    /** Removes every agent a source (a plugin id, or {@code agents.yaml}) registered. */
    public synchronized void unregister(String source) {
        agents.values().removeIf(agent -> agent.source().equals(source));
        handlers.keySet().retainAll(agents.keySet());
        catalog.removeOwnedBy(ModelKind.AGENT, source);
    }

    /**
     * Loads (or reloads) the declarative agents of agents.yaml and applies its {@code defaults} section: every agent,
     * plugin agents too, is prepared again under them (requests already running keep what they started with).
     *
     * @param agentsYaml the file's top-level mapping, as {@code ConfigFiles.read} returns it
     * @return the problems met (unreadable entries, id clashes), also kept in {@link #errors()}
     */
    @SuppressWarnings("unchecked")
    public synchronized List<String> loadDeclarative(Map<String, Object> agentsYaml) {
        Map<String, Object> section = agentsYaml.get("defaults") instanceof Map<?, ?> d
                ? (Map<String, Object>) d : Map.of();
        preparer = new AgentPreparer(AgentDefaults.fromEnv(env).overriddenBy(section), routes);
        unregister(DeclarativeAgents.SOURCE);
        handlers.forEach((id, handler) -> handler.prepared(preparer.prepare(id, handler.prepared().definition())));
        DeclarativeAgents.Parsed parsed = DeclarativeAgents.parse(agentsYaml, preparer.defaults().namespace(),
                tools::byName);
        List<String> problems = new ArrayList<>(parsed.problems());
        parsed.problems().forEach(problem -> recordError(DeclarativeAgents.SOURCE, null, problem));
        for (AgentDefinition definition : parsed.agents()) {
            add(DeclarativeAgents.SOURCE, AgentKind.DECLARATIVE, definition, problems);
        }
        return problems;
    }

    private void add(String source, AgentKind kind, AgentDefinition definition, List<String> problems) {
        String id = preparer.idOf(definition);
        RegisteredAgent existing = agents.get(id);
        AgentModelHandler handler = new AgentModelHandler(engine, preparer.prepare(id, definition));
        ModelEntry entry = new ModelEntry(id, source, ModelKind.AGENT, definition.description(),
                modelMetadata(definition), handler);
        if (existing != null || !catalog.register(entry)) {
            String holder = existing != null ? existing.source() : catalog.find(id).map(ModelEntry::ownedBy)
                    .orElse("another source");
            String problem = "agent id " + id + " from " + source + " is already taken by " + holder
                    + "; this agent was not registered";
            problems.add(problem);
            recordError(source, id, problem);
            return;
        }
        agents.put(id, new RegisteredAgent(id, source, kind, definition));
        handlers.put(id, handler);
    }

    private static Map<String, Object> modelMetadata(AgentDefinition definition) {
        Map<String, Object> metadata = new LinkedHashMap<>(definition.metadata());
        metadata.putIfAbsent("tools", definition.tools().stream().map(ToolDefinition::name).toList());
        if (!definition.handoffs().isEmpty()) {
            metadata.putIfAbsent("handoffs", definition.handoffs().stream().map(h -> h.target().name()).toList());
        }
        if (definition.outputType() != null) {
            metadata.putIfAbsent("output_type", definition.outputType().name());
        }
        return metadata;
    }

    private void recordError(String source, String id, String message) {
        EventLog.warn("agent.register.failed", "source", source, "agent", id, "error", message);
        errors.addFirst(new AgentLoadError(Instant.now(), source, id, message));
        while (errors.size() > MAX_ERRORS) {
            errors.removeLast();
        }
    }

    /** @return the registered agents, in registration order */
    public synchronized List<RegisteredAgent> agents() {
        return List.copyOf(agents.values());
    }

    /** @return the last 200 registration problems, newest first */
    public synchronized List<AgentLoadError> errors() {
        return List.copyOf(errors);
    }

    /** @return the defaults agents run with when their definition does not say */
    public synchronized AgentDefaults defaults() {
        return preparer.defaults();
    }
}

package io.agentgateway.host.agents;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.host.models.ModelCatalog;
import io.agentgateway.host.models.ModelEntry;
import io.agentgateway.host.observe.EventLog;
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

    private final AgentRuntime runtime;
    private final ModelCatalog catalog;
    private final Function<String, String> env;
    private final Map<String, RegisteredAgent> agents = new LinkedHashMap<>();
    private final LinkedList<AgentLoadError> errors = new LinkedList<>();

    /**
     * @param runtime runs the agents
     * @param catalog where agents are listed as models
     * @param env the environment, for the defaults agents.yaml falls back to
     */
    public AgentRegistry(AgentRuntime runtime, ModelCatalog catalog, Function<String, String> env) {
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.env = requireNonNull(env, "env is null");
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
            add(pluginId, "plugin", definition, problems);
        }
        return problems;
    }

    /** Removes every agent a source (a plugin id, or {@code agents.yaml}) registered. */
    public synchronized void unregister(String source) {
        agents.values().removeIf(agent -> agent.source().equals(source));
        catalog.removeOwnedBy("agent", source);
    }

    /**
     * Loads (or reloads) the declarative agents of agents.yaml and applies its {@code defaults} section.
     *
     * @param agentsYaml the file's top-level mapping, as {@code YamlFiles.load} returns it
     * @return the problems met (unreadable entries, id clashes), also kept in {@link #errors()}
     */
    @SuppressWarnings("unchecked")
    public synchronized List<String> loadDeclarative(Map<String, Object> agentsYaml) {
        Map<String, Object> section = agentsYaml.get("defaults") instanceof Map<?, ?> d
                ? (Map<String, Object>) d : Map.of();
        runtime.defaults(AgentDefaults.fromEnv(env).overriddenBy(section));
        unregister(DeclarativeAgents.SOURCE);
        DeclarativeAgents.Parsed parsed = DeclarativeAgents.parse(agentsYaml, runtime.defaults().namespace(),
                runtime.tools()::byName);
        List<String> problems = new ArrayList<>(parsed.problems());
        parsed.problems().forEach(problem -> recordError(DeclarativeAgents.SOURCE, null, problem));
        for (AgentDefinition definition : parsed.agents()) {
            add(DeclarativeAgents.SOURCE, "declarative", definition, problems);
        }
        return problems;
    }

    private void add(String source, String kind, AgentDefinition definition, List<String> problems) {
        String id = runtime.idOf(definition);
        RegisteredAgent existing = agents.get(id);
        ModelEntry entry = new ModelEntry(id, source, "agent", definition.description(), modelMetadata(definition),
                new AgentModelHandler(runtime, id, definition));
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

    /** The runtime the registered agents run on. */
    public AgentRuntime runtime() {
        return runtime;
    }
}

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
import java.util.function.Supplier;

/**
 * Every agent the gateway serves, from plugins and from agents.yaml alike, each registered in the
 * {@link ModelCatalog} as a model of kind {@code agent}. Ids that clash (with another agent or any other model) are
 * reported in {@link #errors()} and the log; the agent registered first keeps its id.
 */
public final class AgentRegistry {

    private static final int MAX_ERRORS = 200;
    /** The class loader of agents.yaml's agents: no plugin version to hold. */
    private static final ClassLoader HOST_CODE = AgentRegistry.class.getClassLoader();

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
     * @param code the plugin's class loader: a request holds that version of the plugin from its start
     * @return the problems met (id clashes), also kept in {@link #errors()}; empty when all registered
     */
    public synchronized List<String> register(String pluginId, ClassLoader code, List<AgentDefinition> definitions) {
        requireNonNull(pluginId, "pluginId is null");
        List<String> problems = new ArrayList<>();
        replace(pluginId, AgentKind.PLUGIN, code, definitions, problems);
        return problems;
    }

    /** Removes every agent a source (a plugin id, or {@code agents.yaml}) registered. */
    public synchronized void unregister(String source) {
        replace(source, null, HOST_CODE, List.of(), new ArrayList<>());
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
        handlers.forEach((id, handler) -> {
            if (agents.get(id).kind() != AgentKind.DECLARATIVE) { // those are parsed again below
                handler.prepared(preparer.prepare(id, handler.prepared().definition()));
            }
        });
        DeclarativeAgents.Parsed parsed = DeclarativeAgents.parse(agentsYaml, preparer.defaults().namespace(),
                tools::byName);
        List<String> problems = new ArrayList<>(parsed.problems());
        parsed.problems().forEach(problem -> recordError(DeclarativeAgents.SOURCE, null, problem));
        replace(DeclarativeAgents.SOURCE, AgentKind.DECLARATIVE, HOST_CODE, parsed.agents(), problems);
        return problems;
    }

    /**
     * Reads agents.yaml with {@code read} and loads it, both under the registry's lock, so that of two reloads at once
     * (an admin refresh and a file change, say) the one that read the file last is also put in force last.
     *
     * @param read reads agents.yaml; what it throws ({@code ConfigException} for a missing or broken file) leaves the
     *     agents in force
     * @return the problems met, as {@link #loadDeclarative}
     */
    public synchronized List<String> reloadDeclarative(Supplier<Map<String, Object>> read) {
        return loadDeclarative(read.get());
    }

    /**
     * Puts {@code definitions} in place of every agent {@code source} registered before. The catalog swaps the
     * source's models in one step, so a request for one of them never finds it missing while it is replaced.
     */
    private void replace(String source, AgentKind kind, ClassLoader code, List<AgentDefinition> definitions,
            List<String> problems) {
        agents.values().removeIf(agent -> agent.source().equals(source));
        handlers.keySet().retainAll(agents.keySet());
        Map<String, RegisteredAgent> added = new LinkedHashMap<>();
        Map<String, AgentModelHandler> addedHandlers = new LinkedHashMap<>();
        List<ModelEntry> entries = new ArrayList<>();
        for (AgentDefinition definition : definitions) {
            String id = preparer.idOf(definition);
            AgentModelHandler handler = new AgentModelHandler(engine, preparer.prepare(id, definition), code,
                    () -> catalog.find(id).map(ModelEntry::handler).orElse(null));
            entries.add(new ModelEntry(id, source, ModelKind.AGENT, definition.description(),
                    modelMetadata(definition), handler));
            if (!added.containsKey(id)) {
                added.put(id, new RegisteredAgent(id, source, kind, definition));
                addedHandlers.put(id, handler);
            }
        }
        List<String> taken = catalog.replaceOwnedBy(ModelKind.AGENT, source, entries);
        for (String id : taken) {
            String holder = catalog.find(id).map(ModelEntry::ownedBy).orElse("another source");
            String problem = "agent id " + id + " from " + source + " is already taken by " + holder
                    + "; this agent was not registered";
            problems.add(problem);
            recordError(source, id, problem);
            if (!holder.equals(source)) {
                added.remove(id);
                addedHandlers.remove(id);
            }
        }
        agents.putAll(added);
        handlers.putAll(addedHandlers);
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

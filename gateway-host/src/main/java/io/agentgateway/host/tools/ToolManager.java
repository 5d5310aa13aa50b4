package io.agentgateway.host.tools;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.tool.ToolContext;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.security.ToolAccessRules;
import io.agentgateway.httpclient.ClientLimits;
import io.agentgateway.httpclient.HttpClients;
import io.helidon.metrics.api.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The gateway's one tool registry: tools from plugin jars, HTTP tools and MCP servers declared in tools.yaml. Every
 * definition it hands out calls through {@link ToolInvoker}, so access rules, validation, timeouts, logs and metrics
 * apply however a tool is reached (agents, the gateway-tool shim, the MCP endpoint).
 *
 * <p>Life cycle: construct, {@link #registerPluginTools} for each plugin, {@link #start()} (connects MCP servers),
 * {@link #close()} at shutdown.
 */
public final class ToolManager implements AutoCloseable {

    private static final Duration MCP_STARTUP_WAIT = Duration.ofSeconds(30);

    private final Supplier<Map<String, Object>> toolsYaml;
    private final AtomicReference<ToolAccessRules> rules;
    private final Map<String, List<ToolDefinition>> pluginTools = new ConcurrentHashMap<>();
    private final Map<String, McpServerConnection> mcpServers = new ConcurrentHashMap<>();
    private volatile ToolsConfig config;
    private final Object refreshing = new Object();
    private volatile Map<String, RegisteredTool> registered = Map.of();
    private final ToolInvoker invoker;
    private final ToolHttpClients httpClients;

    /**
     * @param toolsYaml tools.yaml as a map; {@link #refresh()} re-reads it through this supplier
     * @param http makes the clients HTTP tools call through
     */
    public ToolManager(Supplier<Map<String, Object>> toolsYaml, ToolAccessRules rules, MeterRegistry meters,
            HttpClients http) {
        this.toolsYaml = requireNonNull(toolsYaml, "toolsYaml is null");
        this.httpClients = new ToolHttpClients(requireNonNull(http, "http is null"));
        this.rules = new AtomicReference<>(requireNonNull(rules, "rules is null"));
        this.config = ToolsConfig.parse(toolsYaml.get());
        config.warnings().forEach(w -> EventLog.warn("tool.config", "message", w));
        this.invoker = new ToolInvoker(this.rules::get, new ToolMetrics(meters), config.defaults().logArguments());
        rebuild();
    }

    /** @param toolsYaml tools.yaml as a map; {@link #refresh()} re-reads it through this supplier */
    public ToolManager(Supplier<Map<String, Object>> toolsYaml, ToolAccessRules rules, MeterRegistry meters) {
        this(toolsYaml, rules, meters, new HttpClients(meters, System::getenv, ClientLimits.DEFAULTS));
    }

    /** Adds (or replaces) the tools one plugin contributes. */
    public void registerPluginTools(String pluginId, List<ToolDefinition> tools) {
        pluginTools.put(requireNonNull(pluginId, "pluginId is null"), List.copyOf(tools));
        rebuild();
    }

    /** Replaces the access rules, when security.yaml is reloaded. */
    public void updateAccessRules(ToolAccessRules newRules) {
        rules.set(requireNonNull(newRules, "newRules is null"));
    }

    /** Connects the MCP servers and waits (up to 30 s) for them; those still down keep retrying in the background. */
    public void start() {
        reconcileMcpServers();
        awaitMcpServers();
    }

    /** Re-reads tools.yaml, restarts changed MCP servers and lists every server's tools again. */
    public List<ToolInfo> refresh() {
        synchronized (refreshing) { // of two refreshes at once, the one that read tools.yaml last is in force last
            ToolsConfig fresh = ToolsConfig.parse(toolsYaml.get());
            fresh.warnings().forEach(w -> EventLog.warn("tool.config", "message", w));
            config = fresh;
            reconcileMcpServers();
            mcpServers.values().forEach(McpServerConnection::relist);
            awaitMcpServers();
            rebuild();
            return list();
        }
    }

    /**
     * @return the registered tool with that name, governed: its function calls through {@link #invoke(String, Map,
     *     ToolContext)}. This is what {@code PluginContext.gatewayTool(name)} hands to plugins.
     */
    public Optional<ToolDefinition> find(String name) {
        return Optional.ofNullable(registered.get(name)).map(this::governed);
    }

    /** @return every registered tool, governed */
    public List<ToolDefinition> all() {
        return registered.values().stream().map(this::governed).toList();
    }

    /**
     * A tool an agent names (agents.yaml {@code tools: [http_echo]}) whether or not it is registered yet: its function
     * calls the registered tool of that name at the time of the call, so tools registered or reloaded later are found.
     */
    public ToolDefinition byName(String name) {
        return find(name).orElseGet(() -> new ToolDefinition(name, "", null, new GovernedToolFunction(name, this)));
    }

    /** Calls the registered tool with that name under governance; the outcome tells whether it failed. */
    public ToolOutcome invoke(String name, Map<String, Object> arguments, ToolContext context) {
        requireNonNull(context, "context is null");
        RegisteredTool tool = registered.get(name);
        return tool == null
                ? invoker.refuse(name, ToolStatus.NOT_FOUND, "No tool named '" + name + "' is registered.", context)
                : invoker.invoke(tool, arguments, context);
    }

    /**
     * Calls a tool that is not registered (an agent's own) under the same governance as a registered one: access
     * rules, validation, its timeout, truncation, logs and metrics.
     */
    public ToolOutcome invoke(RegisteredTool tool, Map<String, Object> arguments, ToolContext context) {
        return invoker.invoke(requireNonNull(tool, "tool is null"), arguments,
                requireNonNull(context, "context is null"));
    }

    /**
     * @param fallbackTimeout its timeout unless tools.yaml's {@code limits} name one; null for tools.yaml's default
     * @return a tool not in the registry (an agent's own), with the limits tools.yaml sets for its name
     */
    public RegisteredTool unregistered(ToolDefinition definition, ToolProvider provider, String source,
            Duration fallbackTimeout) {
        ToolsConfig cfg = config;
        return new RegisteredTool(definition, provider, source, cfg.timeoutFor(definition.name(),
                fallbackTimeout == null ? cfg.defaults().timeout() : fallbackTimeout),
                cfg.maxResultCharsFor(definition.name()), Map.of());
    }

    /** Answers, logs and counts a call that cannot be made: no such tool, or arguments that are not JSON. */
    public ToolOutcome refuse(String name, ToolStatus status, String message, ToolContext context) {
        return invoker.refuse(name, status, message, requireNonNull(context, "context is null"));
    }

    /** @return whether {@code tool} is visible to this caller under the current access rules */
    public boolean allowed(String tool, String keyId, String agentId) {
        return rules.get().check(tool, keyId, agentId).allowed();
    }

    /** @return every tool, as {@code GET /tools} shows it, sorted by name */
    public List<ToolInfo> list() {
        return registered.values().stream().map(this::info).toList();
    }

    private ToolInfo info(RegisteredTool tool) {
        Boolean available = null;
        if (tool.provider() == ToolProvider.MCP) {
            McpServerConnection server = mcpServers.get(tool.source());
            available = server != null && server.up();
        }
        return new ToolInfo(tool.name(), tool.provider(), tool.source(), tool.definition().description(),
                tool.definition().parameters(), tool.timeout().toMillis(), available, tool.details());
    }

    private ToolDefinition governed(RegisteredTool tool) {
        return new ToolDefinition(tool.name(), tool.definition().description(), tool.definition().parameters(),
                new GovernedToolFunction(tool.name(), this));
    }

    private synchronized void reconcileMcpServers() {
        Map<String, ToolsConfig.McpServerSpec> wanted = new LinkedHashMap<>();
        config.mcpServers().forEach(spec -> wanted.put(spec.name(), spec));
        mcpServers.entrySet().removeIf(entry -> {
            if (entry.getValue().spec().equals(wanted.get(entry.getKey()))) {
                return false;
            }
            entry.getValue().close();
            return true;
        });
        wanted.forEach((name, spec) -> mcpServers.computeIfAbsent(name, n -> {
            McpServerConnection connection = new McpServerConnection(spec, this::rebuild, httpClients.proxies());
            connection.start();
            return connection;
        }));
    }

    private void awaitMcpServers() {
        long deadline = System.nanoTime() + MCP_STARTUP_WAIT.toNanos();
        for (McpServerConnection server : mcpServers.values()) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!server.awaitUp(Duration.ofNanos(left))) {
                    EventLog.warn("tool.mcp.server_pending", "server", server.spec().name(),
                            "error", server.lastError());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Recomputes the name -> tool map; on a clash the first source wins: plugins, then tools.yaml, then MCP. */
    private synchronized void rebuild() {
        ToolsConfig cfg = config;
        List<RegisteredTool> candidates = new ArrayList<>();
        pluginTools.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> entry.getValue()
                .forEach(tool -> candidates.add(new RegisteredTool(tool, ToolProvider.LOCAL, entry.getKey(),
                        cfg.timeoutFor(tool.name(), cfg.defaults().timeout()), cfg.maxResultCharsFor(tool.name()),
                        Map.of()))));
        cfg.httpTools().forEach(spec -> candidates.add(HttpTools.of(spec, cfg, httpClients)));
        mcpServers.values().stream().sorted((a, b) -> a.spec().name().compareTo(b.spec().name()))
                .forEach(server -> candidates.addAll(McpTools.of(server, cfg)));
        Map<String, RegisteredTool> next = new java.util.TreeMap<>();
        for (RegisteredTool tool : candidates) {
            RegisteredTool first = next.putIfAbsent(tool.name(), tool);
            if (first != null) {
                EventLog.warn("tool.conflict", "tool", tool.name(), "kept",
                        first.provider().label() + ":" + first.source(), "ignored",
                        tool.provider().label() + ":" + tool.source());
            }
        }
        registered = java.util.Collections.unmodifiableMap(next);
    }

    @Override
    public void close() {
        mcpServers.values().forEach(McpServerConnection::close);
        mcpServers.clear();
        httpClients.close();
    }
}

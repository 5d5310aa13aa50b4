package io.agentgateway.host;

import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.host.agents.AgentDefaults;
import io.agentgateway.host.agents.AgentRegistry;
import io.agentgateway.host.agents.AgentRuntime;
import io.agentgateway.host.agents.AgentsService;
import io.agentgateway.host.config.GatewaySettings;
import io.agentgateway.host.config.SecurityConfig;
import io.agentgateway.host.config.UpstreamsConfig;
import io.agentgateway.host.config.YamlFiles;
import io.agentgateway.host.http.AdminService;
import io.agentgateway.host.models.ModelCatalog;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.plugins.LoadedPlugin;
import io.agentgateway.host.plugins.PluginLoader;
import io.agentgateway.host.plugins.PluginRules;
import io.agentgateway.host.plugins.PluginState;
import io.agentgateway.host.security.ApiKeyStore;
import io.agentgateway.host.tools.ToolAccessRules;
import io.agentgateway.host.tools.ToolManager;
import io.agentgateway.host.upstreams.UpstreamBootstrap;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The running gateway: config read once, plugins loaded, upstreams opened, routes served. */
public final class Gateway {

    private final WebServer server;
    private final PluginLoader plugins;
    private final UpstreamRegistry upstreams;
    private final ToolManager tools;

    private Gateway(WebServer server, PluginLoader plugins, UpstreamRegistry upstreams, ToolManager tools) {
        this.server = server;
        this.plugins = plugins;
        this.upstreams = upstreams;
        this.tools = tools;
    }

    /** Reads the config, loads the plugins and starts serving; fails only on config the gateway cannot use. */
    public static Gateway start(GatewaySettings settings) {
        Map<String, Object> securityYaml = YamlFiles.load(settings.securityConfig(), settings.env());
        SecurityConfig security = SecurityConfig.parse(securityYaml,
                settings.env().apply("GATEWAY_API_KEY"), settings.securityConfig().toString());
        AtomicReference<ApiKeyStore> keys = new AtomicReference<>(new ApiKeyStore(security.keys()));
        if (keys.get().open()) {
            EventLog.warn("security.open", "reason", "no API keys in " + settings.securityConfig()
                    + " and no GATEWAY_API_KEY: every request is accepted");
        }
        MeterRegistry meters = Services.get(MeterRegistry.class);

        PluginLoader loader = new PluginLoader(settings.pluginsDir(),
                new PluginRules(security.pluginAllow(), security.pluginDeny()));
        List<LoadedPlugin> loaded = loader.load();
        Map<String, UpstreamProvider> providers = upstreamProviders(loaded);

        ModelCatalog catalog = new ModelCatalog();
        UpstreamRegistry upstreams = new UpstreamRegistry();
        UpstreamBootstrap bootstrap = new UpstreamBootstrap(upstreams, catalog);
        bootstrap.open(UpstreamsConfig.parse(YamlFiles.load(settings.upstreamConfig(), settings.env()),
                settings.env(), settings.upstreamConfig().toString()), providers);

        ToolManager tools = new ToolManager(() -> YamlFiles.load(settings.toolConfig(), settings.env()),
                ToolAccessRules.fromSecurityYaml(securityYaml), meters);
        AgentRegistry agents = new AgentRegistry(
                new AgentRuntime(upstreams, tools, AgentDefaults.fromEnv(settings.env()), meters), catalog,
                settings.env());
        registerToolsAndAgents(loaded, tools, agents);
        agents.loadDeclarative(YamlFiles.load(settings.agentConfig(), settings.env()));
        tools.start();

        GatewayRouting routing = new GatewayRouting(catalog, upstreams, keys::get, meters, settings.maxBodyBytes(),
                Map.of("/", new AdminService(() -> loaded, bootstrap::statuses),
                        "/agents", new AgentsService(agents,
                                () -> YamlFiles.load(settings.agentConfig(), settings.env()))));
        WebServer server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .routing(routing::configure)
                .build()
                .start();
        EventLog.info("gateway.started", "port", server.port(),
                "plugins", loaded.stream().filter(p -> p.state() == PluginState.STARTED).count(),
                "upstreams", upstreams.names().size(),
                "startup_ms", System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        return new Gateway(server, loader, upstreams, tools);
    }

    /** @return the port the gateway listens on */
    public int port() {
        return server.port();
    }

    /** Stops serving, closes upstreams, stops plugins. */
    public void stop() {
        server.stop();
        tools.close();
        upstreams.closeAll();
        plugins.close();
    }

    /** Plugin tools go to the tool manager and plugin agents to the agent registry; a plugin that throws is skipped. */
    private static void registerToolsAndAgents(List<LoadedPlugin> loaded, ToolManager tools, AgentRegistry agents) {
        for (LoadedPlugin plugin : loaded) {
            if (plugin.state() != PluginState.STARTED) {
                continue;
            }
            HostPluginContext context = new HostPluginContext(plugin.id(), tools::gatewayTool);
            try {
                tools.registerPluginTools(plugin.id(), plugin.call(() -> plugin.plugin().tools(context)));
                agents.register(plugin.id(), plugin.call(() -> plugin.plugin().agents(context)));
            } catch (RuntimeException e) {
                EventLog.error("plugin.extensions.failed", "plugin", plugin.id(), "error", String.valueOf(e));
            }
        }
    }

    private static Map<String, UpstreamProvider> upstreamProviders(List<LoadedPlugin> loaded) {
        Map<String, UpstreamProvider> providers = new LinkedHashMap<>();
        for (LoadedPlugin plugin : loaded) {
            if (plugin.state() != PluginState.STARTED) {
                continue;
            }
            HostPluginContext context = new HostPluginContext(plugin.id(), name -> Optional.empty());
            List<UpstreamProvider> offered = plugin.call(() -> plugin.plugin().upstreamProviders(context));
            for (UpstreamProvider provider : offered) {
                UpstreamProvider previous = providers.putIfAbsent(provider.name(), provider);
                if (previous != null) {
                    EventLog.error("upstream.provider.duplicate", "provider", provider.name(), "plugin", plugin.id(),
                            "reason", "another plugin already provides it; this one is ignored");
                }
            }
        }
        return providers;
    }
}

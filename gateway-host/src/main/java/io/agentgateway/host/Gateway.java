package io.agentgateway.host;

import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.host.config.GatewaySettings;
import io.agentgateway.host.config.SecurityConfig;
import io.agentgateway.host.config.UpstreamsConfig;
import io.agentgateway.host.config.YamlFiles;
import io.agentgateway.host.http.AdminService;
import io.agentgateway.host.models.ModelCatalog;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.plugins.LoadedPlugin;
import io.agentgateway.host.plugins.PluginLoader;
import io.agentgateway.host.plugins.PluginUpstreams;
import io.agentgateway.host.plugins.PluginRules;
import io.agentgateway.host.http.RequestScope;
import io.agentgateway.host.tools.McpEndpoint;
import io.agentgateway.host.tools.ToolAccessRules;
import io.agentgateway.host.tools.ToolManager;
import io.agentgateway.host.tools.ToolsService;
import io.agentgateway.api.PluginContext;
import io.helidon.webserver.http.HttpService;
import io.agentgateway.host.security.ApiKeyStore;
import io.agentgateway.host.upstreams.UpstreamBootstrap;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** The running gateway: config read once, plugins loaded, upstreams opened, routes served. */
public final class Gateway {

    private final WebServer server;
    private final PluginLoader plugins;
    private final UpstreamRegistry upstreams;
    private final ToolManager tools;
    private final McpEndpoint mcp;

    private Gateway(WebServer server, PluginLoader plugins, UpstreamRegistry upstreams, ToolManager tools,
                    McpEndpoint mcp) {
        this.server = server;
        this.plugins = plugins;
        this.upstreams = upstreams;
        this.tools = tools;
        this.mcp = mcp;
    }

    /** Reads the config, loads the plugins and starts serving; fails only on config the gateway cannot use. */
    public static Gateway start(GatewaySettings settings) {
        SecurityConfig security = SecurityConfig.parse(YamlFiles.load(settings.securityConfig(), settings.env()),
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
        ToolManager tools = new ToolManager(() -> YamlFiles.load(settings.toolConfig(), settings.env()),
                ToolAccessRules.fromSecurityYaml(security.raw()), meters);
        // Every plugin's tools are registered before any plugin is asked for its agents, so that an agent can
        // take any gateway tool through its context.
        for (LoadedPlugin plugin : started(loaded)) {
            PluginContext context = new HostPluginContext(plugin.id(), tools::gatewayTool);
            tools.registerPluginTools(plugin.id(), contributions(plugin, "tools",
                    () -> plugin.plugin().tools(context)));
        }
        tools.start();
        Map<String, UpstreamProvider> providers = upstreamProviders(started(loaded), tools);

        ModelCatalog catalog = new ModelCatalog();
        UpstreamRegistry upstreams = new UpstreamRegistry();
        UpstreamBootstrap bootstrap = new UpstreamBootstrap(upstreams, catalog);
        bootstrap.open(UpstreamsConfig.parse(YamlFiles.load(settings.upstreamConfig(), settings.env()),
                settings.env(), settings.upstreamConfig().toString()), providers);

        McpEndpoint mcp = new McpEndpoint(tools, req -> RequestScope.of(req).key().id());
        Map<String, HttpService> services = new LinkedHashMap<>();
        services.put("/", new AdminService(() -> loaded, bootstrap::statuses));
        services.put("/tools", new ToolsService(tools));
        services.put("/mcp", mcp);
        GatewayRouting routing = new GatewayRouting(catalog, upstreams, keys::get, meters, settings.maxBodyBytes(),
                services);
        WebServer server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .featuresDiscoverServices(false)
                // Prometheus text at /metrics/prometheus, the reference's path; admin keys only (ApiKeyFilter).
                .addFeature(ObserveFeature.builder()
                        .endpoint("/metrics")
                        .observersDiscoverServices(false)
                        .addObserver(MetricsObserver.builder().endpoint("prometheus").meterRegistry(meters).build())
                        .build())
                .routing(routing::configure)
                .build()
                .start();
        EventLog.info("gateway.started", "port", server.port(),
                "plugins", started(loaded).size(),
                "tools", tools.all().size(),
                "upstreams", upstreams.names().size(),
                "startup_ms", System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        return new Gateway(server, loader, upstreams, tools, mcp);
    }

    /** @return the port the gateway listens on */
    public int port() {
        return server.port();
    }

    /** Stops serving, closes upstreams, stops plugins. */
    public void stop() {
        server.stop();
        mcp.close();
        tools.close();
        upstreams.closeAll();
        plugins.close();
    }

    /**
     * Asks a plugin for what it contributes. A plugin that throws here loses that contribution, not the gateway:
     * the failure is logged and counted like any other plugin failure.
     */
    static <T> List<T> contributions(LoadedPlugin plugin, String what, Supplier<List<T>> ask) {
        try {
            List<T> offered = plugin.call(ask);
            return offered == null ? List.of() : List.copyOf(offered);
        } catch (RuntimeException | LinkageError e) {
            EventLog.error("agent.dropin.failed", "plugin_id", plugin.id(), "version", plugin.version(),
                    "state", "failed", "cause", "asking for its " + what + " threw " + e);
            return List.of();
        }
    }

    private static List<LoadedPlugin> started(List<LoadedPlugin> loaded) {
        return loaded.stream().filter(LoadedPlugin::started).toList();
    }

    private static Map<String, UpstreamProvider> upstreamProviders(List<LoadedPlugin> started, ToolManager tools) {
        Map<String, UpstreamProvider> providers = new LinkedHashMap<>();
        for (LoadedPlugin plugin : started) {
            HostPluginContext context = new HostPluginContext(plugin.id(), tools::gatewayTool);
            List<UpstreamProvider> offered = contributions(plugin, "upstream providers",
                    () -> plugin.plugin().upstreamProviders(context));
            for (UpstreamProvider provider : offered) {
                UpstreamProvider previous = providers.putIfAbsent(provider.name(),
                        PluginUpstreams.withContextLoader(plugin.loader(), provider));
                if (previous != null) {
                    EventLog.error("upstream.provider.duplicate", "provider", provider.name(), "plugin", plugin.id(),
                            "reason", "another plugin already provides it; this one is ignored");
                }
            }
        }
        return providers;
    }
}

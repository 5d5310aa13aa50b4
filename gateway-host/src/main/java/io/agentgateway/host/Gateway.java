package io.agentgateway.host;

import io.agentgateway.host.agents.AgentEngine;
import io.agentgateway.host.agents.AgentRegistry;
import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.config.ConfigFile;
import io.agentgateway.host.config.ConfigFiles;
import io.agentgateway.host.config.ConfigWatch;
import io.agentgateway.host.config.GatewaySettings;
import io.agentgateway.host.config.HttpEdgeLimits;
import io.agentgateway.host.config.ModelGroupsConfig;
import io.agentgateway.host.config.UpstreamEntry;
import io.agentgateway.host.config.UpstreamsConfig;
import io.agentgateway.host.config.YamlFiles;
import io.agentgateway.host.edge.EdgeConnectionSelector;
import io.agentgateway.host.http.AdminAudit;
import io.agentgateway.host.http.AgentsService;
import io.agentgateway.host.http.AuditService;
import io.agentgateway.host.http.CorsOrigins;
import io.agentgateway.host.http.Drain;
import io.agentgateway.host.http.MetricsService;
import io.agentgateway.host.http.Operations;
import io.agentgateway.host.http.PluginsService;
import io.agentgateway.host.http.RecentRequests;
import io.agentgateway.host.http.RequestScope;
import io.agentgateway.host.http.SecurityService;
import io.agentgateway.host.http.ToolsService;
import io.agentgateway.host.http.UpstreamsService;
import io.agentgateway.host.http.UsageService;
import io.agentgateway.host.limits.RequestLimits;
import io.agentgateway.host.mcp.McpEndpoint;
import io.agentgateway.host.models.ModelCatalog;
import io.agentgateway.httpclient.ClientLimits;
import io.agentgateway.httpclient.HttpClients;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.observe.Secrets;
import io.agentgateway.host.observe.Tracing;
import io.agentgateway.host.plugins.BackgroundWork;
import io.agentgateway.host.plugins.FoundPlugin;
import io.agentgateway.host.plugins.LivePlugins;
import io.agentgateway.host.plugins.LiveProviders;
import io.agentgateway.host.security.CurrentSecurity;
import io.agentgateway.host.security.ExpiringKeys;
import io.agentgateway.host.security.Overrides;
import io.agentgateway.host.security.PluginRules;
import io.agentgateway.host.security.SecurityConfig;
import io.agentgateway.host.store.AuditStore;
import io.agentgateway.host.store.Database;
import io.agentgateway.host.store.ResponseStore;
import io.agentgateway.host.store.SqliteUsageStore;
import io.agentgateway.host.store.StoreException;
import io.agentgateway.host.tools.ToolManager;
import io.agentgateway.host.routing.HealthChecks;
import io.agentgateway.host.routing.Routes;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import io.agentgateway.host.upstreams.UpstreamSupervisor;
import io.agentgateway.host.usage.Prices;
import io.agentgateway.host.usage.UsageRecorder;
import io.agentgateway.host.usage.UsageWriter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** The running gateway: config read once, plugins loaded, upstreams opened, routes served. */
public final class Gateway {

    /** How often the plugins folder is looked at: a file is acted on once two looks saw it unchanged. */
    static final java.time.Duration PLUGINS_WATCH_INTERVAL = java.time.Duration.ofMillis(300);

    /** The socket of {@code GATEWAY_METRICS_PORT}. */
    static final String METRICS_SOCKET = "metrics";

    private final WebServer server;
    private final List<AutoCloseable> closeInOrder;
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    private final GatewayRouting routing;
    private final Supplier<StartupBanner> banner;
    private final ModelCatalog catalog;

    private Gateway(WebServer server, GatewayRouting routing, ModelCatalog catalog, Supplier<StartupBanner> banner,
            List<AutoCloseable> closeInOrder) {
        this.server = server;
        this.routing = routing;
        this.catalog = catalog;
        this.banner = banner;
        this.closeInOrder = closeInOrder;
    }

    /** Reads the config, loads the plugins and starts serving; fails only on config the gateway cannot use. */
    public static Gateway start(GatewaySettings settings) {
        // The meter registry (Helidon's service registry and config) is the largest single piece of start-up work
        // and needs nothing of ours: it is built alongside reading the config and loading the plugins.
        BackgroundWork<MeterRegistry> metersBuilt = BackgroundWork.onPlatformThread("startup-meters",
                () -> Services.get(MeterRegistry.class));
        boolean autoReload = settings.autoReload(); // a value it cannot use stops the start before anything runs
        CurrentSecurity.Rules initialSecurity = CurrentSecurity.read(settings.securityConfig(), settings.env(),
                settings.host());
        SecurityConfig security = initialSecurity.config();
        ExpiringKeys.warn(security.keys(), java.time.Instant.now());
        if (initialSecurity.keys().open()) {
            EventLog.warn("security.open", "setting", "auth: none", "file", settings.securityConfig().toString(),
                    "reason", "requests without a key are accepted on every route but the admin routes, which"
                            + " need an admin key");
        }
        // Read before anything starts, so that a file that cannot be used stops the start before plugins load.
        Map<String, Object> toolsYaml = ConfigFiles.read(ConfigFile.TOOLS, settings.toolConfig(), settings.env());
        Map<String, Object> upstreamsYaml = ConfigFiles.read(ConfigFile.UPSTREAMS, settings.upstreamConfig(),
                settings.env());
        Map<String, Object> agentsYaml = ConfigFiles.read(ConfigFile.AGENTS, settings.agentConfig(), settings.env());
        // Once the config is known to be usable: the embedded database (sqlite's native library, the schema) needs
        // nothing else either, and opens while the plugins load.
        BackgroundWork<Database> databaseOpened = BackgroundWork.onPlatformThread("startup-database",
                () -> openDatabase(settings));

        AtomicReference<PluginRules> pluginRules = new AtomicReference<>(initialSecurity.plugins());
        LivePlugins plugins = new LivePlugins(settings.pluginsDir(), settings.dataDir().resolve("plugin-cache"),
                pluginRules::get, settings.pluginsDrain());
        List<FoundPlugin> loaded = plugins.load();
        MeterRegistry meters = metersBuilt.join();
        HttpClients http = new HttpClients(meters, settings.env(), ClientLimits.DEFAULTS);
        ToolManager tools = new ToolManager(firstThenReread(toolsYaml,
                () -> ConfigFiles.read(ConfigFile.TOOLS, settings.toolConfig(), settings.env())),
                initialSecurity.tools(), meters, http);
        CurrentSecurity currentSecurity = new CurrentSecurity(settings.securityConfig(), settings.env(),
                settings.host(), initialSecurity, tools::updateAccessRules);
        // A refresh of security.yaml applies the plugin allow/deny lists and pins at once.
        currentSecurity.onReload(rules -> {
            pluginRules.set(rules.plugins());
            plugins.applyRules();
        });
        // Every plugin's tools are registered before any plugin is asked for its agents, so that an agent can
        // take any gateway tool through its context.
        PluginContributions contributed = new PluginContributions();
        LiveProviders liveProviders = new LiveProviders();
        PluginWiring wiring = new PluginWiring(tools, http, liveProviders, contributed);
        started(loaded).forEach(wiring::registerTools);
        started(loaded).forEach(wiring::bindProviders);

        AutoCloseable tracing;
        try {
            tracing = Tracing.start(settings.env());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        Database database = databaseOpened.join();
        // Written in batches off the calls' threads; closed (its queue written) before the database.
        UsageWriter usageStore = new UsageWriter(new SqliteUsageStore(database));
        try {
            Prices prices = Prices.parse(YamlFiles.load(settings.pricesConfig(), settings.env()),
                    settings.pricesConfig().toString());
            UsageRecorder usage = new UsageRecorder(usageStore, prices, meters, java.time.Clock.systemUTC());

            ModelCatalog catalog = new ModelCatalog();
            UpstreamRegistry upstreams = new UpstreamRegistry();
            List<UpstreamEntry> upstreamEntries = UpstreamsConfig.parse(upstreamsYaml, settings.env(),
                    settings.upstreamConfig().toString());
            Routes routes = new Routes(upstreams, upstreamEntries, ModelGroupsConfig.parse(upstreamsYaml,
                    upstreamEntries, settings.upstreamConfig().toString()), Routes.FIRST_RETRY_BACKOFF,
                    RandomGenerator.getDefault(), meters);
            HealthChecks healthChecks = new HealthChecks(routes, upstreamEntries, http::forUpstream);
            routes.groupEntries().forEach(catalog::register);
            UpstreamSupervisor supervisor = new UpstreamSupervisor(upstreams, catalog, meters, usage, routes::single);
            // Opening an upstream builds its provider's HTTP client; MCP servers meanwhile start and list their tools.
            // Every provider an entry names is opened through a live provider, bound or not: a plugin that offers it
            // later (dropped into the folder while the gateway runs) then serves the entry without a restart.
            java.util.Set<String> providerNames = new java.util.LinkedHashSet<>();
            upstreamEntries.forEach(entry -> providerNames.add(entry.provider()));
            BackgroundWork<Void> upstreamsOpened = BackgroundWork.onPlatformThread("startup-upstreams", () -> {
                supervisor.open(upstreamEntries, liveProviders.providers(providerNames));
                return null;
            });
            tools.start();
            upstreamsOpened.join();

            AgentRegistry agents = new AgentRegistry(new AgentEngine(tools, meters), routes, tools, catalog,
                    settings.env());
            wiring.attach(agents, supervisor::refresh);
            started(loaded).forEach(wiring::registerAgents);
            agents.loadDeclarative(agentsYaml);

            McpEndpoint mcp = new McpEndpoint(tools, req -> RequestScope.of(req).key(), settings.maxBodyBytes());
            Map<String, HttpService> services = new LinkedHashMap<>();
            contributed.lookIn(agents, catalog, supervisor::statuses);
            services.put("/plugins", new PluginsService(plugins::plugins, contributed::of, plugins::reload));
            services.put("/upstreams", new UpstreamsService(supervisor::statuses, supervisor::refresh,
                    name -> routes.describe(name, upstreamEntries.stream()
                            .anyMatch(e -> e.name().equals(name) && e.checks().healthPath() != null))));
            services.put("/tools", new ToolsService(tools));
            Overrides overrides = new Overrides(java.time.Clock.systemUTC());
            AuditStore auditStore = new AuditStore(database);
            services.put("/security", new SecurityService(currentSecurity, java.time.Clock.systemUTC(), overrides,
                    settings.maxBodyBytes()));
            services.put("/audit", new AuditService(auditStore));
            services.put("/usage", new UsageService(usageStore, prices.currency()));
            services.put("/metrics", new MetricsService(meters));
            services.put("/mcp", mcp);
            services.put("/agents",
                    new AgentsService(agents,
                            () -> ConfigFiles.read(ConfigFile.AGENTS, settings.agentConfig(), settings.env())));
            HttpEdgeLimits edge = HttpEdgeLimits.fromEnvironment(settings.env());
            GatewayRouting routing = new GatewayRouting(catalog, routes, currentSecurity::keys, meters,
                    settings.maxBodyBytes(),
                    services, settings.apiDocs(), new Operations(usage,
                            new RequestLimits(() -> currentSecurity.rules().limits(), usageStore, usage,
                                    java.time.Clock.systemUTC()),
                            new AdminAudit(auditStore, java.time.Clock.systemUTC()), overrides,
                            Operations.metricsKey(settings.metricsKey()), new RecentRequests()), edge,
                    new ResponseStore(database, settings.responsesRetention(), java.time.Clock.systemUTC()),
                    new Drain());
            WebServerConfig.Builder serverBuilder = WebServer.builder();
            CorsOrigins.feature(settings.corsOrigins()).ifPresent(serverBuilder::addFeature);
            Secrets.register(settings.metricsKey());
            List<String> metricsSockets = new java.util.ArrayList<>(List.of(WebServer.DEFAULT_SOCKET_NAME));
            if (settings.metricsPort() >= 0) {
                // A port of its own where Prometheus scrapes without a key: bind it where only the scraper reaches.
                serverBuilder.putSocket(METRICS_SOCKET,
                        socket -> socket.host(settings.host()).port(settings.metricsPort()));
                metricsSockets.add(METRICS_SOCKET);
            }
            WebServer server = serverBuilder
                    .host(settings.host())
                    .port(settings.port())
                    // HTTP/1.1 through the gateway's edge: read deadlines, chunk framing, HEAD, Connection: close.
                    .addConnectionSelector(new EdgeConnectionSelector(edge))
                    // A streamed event is one small write: with Nagle's algorithm on, the kernel may hold it until the
                    // client acknowledges the previous one (the response head before the first event, for instance).
                    .connectionOptions(options -> options.tcpNoDelay(true))
                    // No buffer in front of a streamed response (Helidon's is 4 KB, held by every open stream): each
                    // event is written as one array and flushed at once anyway (SseStream).
                    .writeBufferSize(0)
                    .featuresDiscoverServices(false)
                    // Prometheus text at /metrics/prometheus, where scrapers already look: admin keys or
                    // GATEWAY_METRICS_KEY on the gateway's port (ApiKeyFilter), no key on GATEWAY_METRICS_PORT.
                    .addFeature(ObserveFeature.builder()
                            .endpoint("/metrics")
                            .sockets(metricsSockets)
                            .observersDiscoverServices(false)
                            .addObserver(MetricsObserver.builder().endpoint("prometheus").meterRegistry(meters).build())
                            .build())
                    .routing(routing::configure)
                    .build()
                    .start();
            plugins.listen(wiring);
            if (settings.pluginsWatch()) {
                plugins.watch(PLUGINS_WATCH_INTERVAL);
            }
            AutoCloseable configWatch = autoReload
                    ? ConfigWatch.start(ConfigReloads.of(settings, currentSecurity, agents, tools), meters) : () -> { };
            EventLog.info("gateway.started", "port", server.port(),
                    "metrics_port", settings.metricsPort() >= 0 ? server.port(METRICS_SOCKET) : null,
                    "plugins", started(loaded).size(),
                    "tools", tools.all().size(),
                    "upstreams", upstreams.names().size(),
                    "startup_ms", System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
            // Users of a resource close before it: requests, then the MCP endpoint and rechecks, then tools and
            // upstreams, and the plugins whose code they run last.
            String baseUrl = StartupBanner.baseUrl(settings.host(), server.port());
            Supplier<StartupBanner> banner = () -> new StartupBanner(baseUrl, settings.apiDocs(), true, loaded,
                    supervisor.statuses(), catalog.all(), currentSecurity.keys().open());
            return new Gateway(server, routing, catalog, banner,
                    List.of(configWatch, mcp, supervisor, healthChecks, plugins::stopWatching, tools,
                            upstreams::closeAll, plugins, usageStore, database, tracing));
        } catch (RuntimeException | Error e) {
            // Nothing else would close them: the writer's thread would go on and the database stay open in a
            // process that may well go on too (one that embeds the gateway, or tries again).
            closeAfterFailedStart(usageStore, e);
            closeAfterFailedStart(database, e);
            throw e;
        }
    }

    /** Closes what a start that failed had opened; a failure to close goes with the start's own. */
    private static void closeAfterFailedStart(AutoCloseable resource, Throwable startFailure) {
        try {
            resource.close();
        } catch (Exception e) {
            startFailure.addSuppressed(e);
        }
    }

    /** @return a supplier that gives {@code first} once, then what {@code reread} reads (at each refresh) */
    private static Supplier<Map<String, Object>> firstThenReread(Map<String, Object> first,
            Supplier<Map<String, Object>> reread) {
        java.util.concurrent.atomic.AtomicReference<Map<String, Object>> once =
                new java.util.concurrent.atomic.AtomicReference<>(first);
        return () -> {
            Map<String, Object> given = once.getAndSet(null);
            return given != null ? given : reread.get();
        };
    }

    /** The embedded database; a gateway that cannot keep usage does not start (its budgets could not hold). */
    private static Database openDatabase(GatewaySettings settings) {
        try {
            return Database.open(settings.dataDir());
        } catch (StoreException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** @return the port the gateway listens on */
    public int port() {
        return server.port();
    }

    /** @return the port of {@code GATEWAY_METRICS_PORT}, or -1 when it is not set */
    public int metricsPort() {
        return server.port(METRICS_SOCKET); // -1 for a socket the server does not have
    }

    /**
     * Waits for the upstreams' first model listings (at most {@code wait}, so a server that never answers delays
     * nothing but this), then describes the gateway as it stands.
     */
    public StartupBanner banner(java.time.Duration wait) {
        catalog.awaitListed(wait);
        return banner.get();
    }

    /** @return the routes this gateway serves */
    public GatewayRouting routing() {
        return routing;
    }

    /**
     * The graceful drain of a SIGTERM: readiness fails at once, new requests are refused, those in flight get up to
     * {@code grace} to finish (those still running then end with an error), then the gateway stops.
     */
    public void drainAndStop(Duration grace) {
        try {
            routing.drain().drain(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
    }

    /** Stops serving, then closes what serving used; one failure does not keep the rest open. Once. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        server.stop();
        for (AutoCloseable resource : closeInOrder) {
            try {
                resource.close();
            } catch (Exception e) {
                EventLog.warn("gateway.stop", "resource", resource.getClass().getSimpleName(), "error",
                        String.valueOf(e));
            }
        }
    }

    private static List<FoundPlugin> started(List<FoundPlugin> loaded) {
        return loaded.stream().filter(FoundPlugin::started).toList();
    }

}

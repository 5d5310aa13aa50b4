package io.agentgateway.testkit;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.JsonCodec;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpClientOptions;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.api.upstream.UpstreamSettings;
import io.agentgateway.httpclient.ClientLimits;
import io.agentgateway.httpclient.HttpClients;
import io.helidon.metrics.api.Metrics;
import java.text.MessageFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the host hands a plugin, for a plugin's tests: its id, a logger that keeps what it was told (see
 * {@link #logged()}), the gateway tools a test registers with {@link #withGatewayTool}, the gateway's own HTTP client
 * (with its default limits; the environment's proxy variables apply as in the gateway) and a JSON codec that reads and
 * writes as the gateway's does.
 */
public final class FakePluginContext implements PluginContext {

    /**
     * One record of the plugin's logger.
     *
     * @param level the level it was logged at
     * @param message the message, its parameters filled in
     * @param thrown the exception logged with it, or null
     */
    public record LogRecord(System.Logger.Level level, String message, Throwable thrown) {
    }

    private final String pluginId;
    private final Map<String, ToolDefinition> gatewayTools = new ConcurrentHashMap<>();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final System.Logger logger = new RecordingLogger();
    private static final JsonCodec JSON = new JacksonJsonCodec();

    /** @param pluginId the plugin's id, as its {@code Plugin-Id} manifest entry says */
    public FakePluginContext(String pluginId) {
        this.pluginId = requireNonNull(pluginId, "pluginId is null");
    }

    /** Makes {@code tool} available through {@link #gatewayTool}, as a tool of tools.yaml or another plugin is. */
    public FakePluginContext withGatewayTool(ToolDefinition tool) {
        gatewayTools.put(tool.name(), tool);
        return this;
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public Optional<ToolDefinition> gatewayTool(String name) {
        return Optional.ofNullable(gatewayTools.get(name));
    }

    @Override
    public HttpClient httpClient(HttpClientOptions options) {
        return Http.CLIENTS.create(options);
    }

    @Override
    public HttpClient httpClient(UpstreamSettings upstream) {
        return Http.CLIENTS.forUpstream(upstream);
    }

    @Override
    public JsonCodec json() {
        return JSON;
    }

    /** @return what the plugin logged, oldest first, at every level */
    public List<LogRecord> logged() {
        return List.copyOf(logged);
    }

    /**
     * The host's client factory, made on first use: its meter registry takes Helidon's configuration, seconds on a
     * busy machine, which the tests of a plugin that makes no HTTP call should not wait for.
     */
    private static final class Http {
        static final HttpClients CLIENTS = new HttpClients(Metrics.createMeterRegistry(), System::getenv,
                ClientLimits.DEFAULTS);
    }

    /** Keeps every record, whatever its level, so that a test sees debug output too. */
    private final class RecordingLogger implements System.Logger {

        @Override
        public String getName() {
            return "agent-gateway.plugin." + pluginId;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.OFF;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            logged.add(new LogRecord(level, message, thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            String message = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
            logged.add(new LogRecord(level, message, null));
        }
    }
}

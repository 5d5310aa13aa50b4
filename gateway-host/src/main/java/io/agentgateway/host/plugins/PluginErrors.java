package io.agentgateway.host.plugins;

import io.agentgateway.host.observe.EventLog;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.service.registry.Services;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What plugin code threw while serving: logged as {@code agent.plugin.error}, counted in
 * {@code agent_gateway_plugin_errors_total{plugin}}, and the last one kept per plugin id for {@code GET /plugins}.
 * Kept per id rather than per loaded version, so a failure stays visible after the plugin is replaced.
 */
public final class PluginErrors {

    static final String METRIC = "agent_gateway_plugin_errors_total";

    /**
     * @param at when it was thrown
     * @param where what the host was asking the plugin to do
     * @param cause the throwable's class and message, one line
     * @param count how many failures this plugin id had since the gateway started
     */
    public record LastError(Instant at, String where, String cause, long count) {
    }

    private static final Map<String, LastError> LAST = new ConcurrentHashMap<>();

    private PluginErrors() {
    }

    /** Records a failure of plugin {@code pluginId} while doing {@code where}. */
    static void record(String pluginId, String where, Throwable error) {
        String cause = Causes.describe(error);
        LAST.merge(pluginId, new LastError(Instant.now(), where, cause, 1),
                (old, next) -> new LastError(next.at(), next.where(), next.cause(), old.count() + 1));
        EventLog.error("agent.plugin.error", "plugin_id", pluginId, "call", where, "cause", cause);
        try {
            MeterRegistry registry = Services.get(MeterRegistry.class);
            registry.getOrCreate(Counter.builder(METRIC)
                            .description("Throwables out of plugin code while it served the gateway, by plugin id")
                            .tags(List.of(Tag.create("plugin", pluginId))))
                    .increment();
        } catch (RuntimeException e) {
            // Counting is secondary: the failure itself is logged above.
            EventLog.warn("metrics.unavailable", "metric", METRIC, "cause", Causes.describe(e));
        }
    }

    /** @return the last failure of the plugin with id {@code pluginId}, if it ever failed */
    public static Optional<LastError> last(String pluginId) {
        return Optional.ofNullable(LAST.get(pluginId));
    }
}

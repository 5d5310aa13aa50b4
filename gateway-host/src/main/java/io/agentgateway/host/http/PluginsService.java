package io.agentgateway.host.http;

import io.agentgateway.host.json.Json;
import io.agentgateway.host.plugins.FoundPlugin;
import io.agentgateway.host.plugins.PluginErrors;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Admin route {@code GET /plugins}: every plugin found in the plugins folder: id, version, file, sha256,
 * Plugin-Requires, state, cause (why it is not started), loaded-at, last error while serving, and what it contributes.
 */
public final class PluginsService implements HttpService {

    private final Supplier<List<FoundPlugin>> plugins;
    private final Function<String, Map<String, List<String>>> contributions;
    private final Supplier<List<FoundPlugin>> reload;

    /** @param plugins every plugin found */
    public PluginsService(Supplier<List<FoundPlugin>> plugins) {
        this(plugins, id -> Map.of());
    }

    /**
     * @param plugins every plugin found
     * @param contributions what a started plugin contributes, by plugin id: {@code providers}, {@code models},
     *     {@code agents}, {@code tools}
     */
    public PluginsService(Supplier<List<FoundPlugin>> plugins,
            Function<String, Map<String, List<String>>> contributions) {
        this(plugins, contributions, plugins);
    }

    /**
     * @param reload looks at the plugins folder now and puts what changed in force ({@code POST /plugins/reload})
     */
    public PluginsService(Supplier<List<FoundPlugin>> plugins,
            Function<String, Map<String, List<String>>> contributions, Supplier<List<FoundPlugin>> reload) {
        this.plugins = plugins;
        this.contributions = contributions;
        this.reload = reload;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> send(res, plugins.get()));
        rules.post("/reload", (req, res) -> send(res, reload.get()));
    }

    private void send(ServerResponse res, List<FoundPlugin> found) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(Map.of("data", found.stream().map(this::describe).toList())));
    }

    private Map<String, Object> describe(FoundPlugin plugin) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", plugin.id());
        out.put("version", plugin.version());
        out.put("file", plugin.file());
        out.put("sha256", plugin.sha256());
        out.put("requires", plugin.requires());
        out.put("state", plugin.state().name().toLowerCase(Locale.ROOT));
        out.put("cause", plugin.error());
        out.put("loaded_at", plugin.loadedAt() == null ? null : plugin.loadedAt().toString());
        out.put("last_error", PluginErrors.last(plugin.id()).map(PluginsService::lastError).orElse(null));
        out.put("contributes", plugin.started() ? contributions.apply(plugin.id()) : null);
        return out;
    }

    private static Map<String, Object> lastError(PluginErrors.LastError error) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", error.at().toString());
        out.put("call", error.where());
        out.put("cause", error.cause());
        out.put("count", error.count());
        return out;
    }
}

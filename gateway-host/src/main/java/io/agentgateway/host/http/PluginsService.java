package io.agentgateway.host.http;

import io.agentgateway.host.json.Json;
import io.agentgateway.host.plugins.FoundPlugin;
import io.agentgateway.host.plugins.PluginErrors;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Admin route {@code GET /plugins}: every plugin found in the plugins folder, with its state and why. */
public final class PluginsService implements HttpService {

    private final Supplier<List<FoundPlugin>> plugins;

    /** @param plugins every plugin found */
    public PluginsService(Supplier<List<FoundPlugin>> plugins) {
        this.plugins = plugins;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(Json.write(Map.of("data", plugins.get().stream().map(PluginsService::describe).toList())));
        });
    }

    private static Map<String, Object> describe(FoundPlugin plugin) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", plugin.id());
        out.put("version", plugin.version());
        out.put("state", plugin.state().name().toLowerCase(Locale.ROOT));
        out.put("error", plugin.error());
        out.put("file", plugin.file());
        out.put("last_error", PluginErrors.last(plugin.id()).map(PluginsService::lastError).orElse(null));
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

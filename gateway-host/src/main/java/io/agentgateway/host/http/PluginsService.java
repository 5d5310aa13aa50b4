package io.agentgateway.host.http;

import io.agentgateway.host.Json;
import io.agentgateway.host.plugins.LoadedPlugin;
import io.agentgateway.host.upstreams.UpstreamStatus;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Admin views: {@code GET /plugins} (every plugin found, with its state and why) and {@code GET /upstreams}. */
public final class AdminService implements HttpService {

    private final Supplier<List<LoadedPlugin>> plugins;
    private final Supplier<List<UpstreamStatus>> upstreams;
    private final Supplier<List<UpstreamStatus>> refreshUpstreams;

    /**
     * @param plugins every plugin found
     * @param upstreams what is known of the upstreams now
     * @param refreshUpstreams asks every upstream for its models again, then answers as {@code upstreams}
     */
    public AdminService(Supplier<List<LoadedPlugin>> plugins, Supplier<List<UpstreamStatus>> upstreams,
                        Supplier<List<UpstreamStatus>> refreshUpstreams) {
        this.plugins = plugins;
        this.upstreams = upstreams;
        this.refreshUpstreams = refreshUpstreams;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/plugins", (req, res) -> send(res, plugins.get().stream().map(AdminService::describe).toList()));
        rules.get("/upstreams", (req, res) -> send(res, describe(upstreams.get())));
        rules.post("/upstreams/refresh", (req, res) -> send(res, describe(refreshUpstreams.get())));
    }

    private static List<Map<String, Object>> describe(List<UpstreamStatus> statuses) {
        return statuses.stream().map(UpstreamStatus::describe).toList();
    }

    private static Map<String, Object> describe(LoadedPlugin plugin) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", plugin.id());
        out.put("version", plugin.version());
        out.put("state", plugin.state().name().toLowerCase(java.util.Locale.ROOT));
        out.put("error", plugin.error());
        out.put("file", plugin.file());
        return out;
    }

    private static void send(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(Map.of("data", body)));
    }
}

package io.agentgateway.host.http;

import io.agentgateway.host.json.Json;
import io.agentgateway.host.upstreams.UpstreamStatus;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Admin routes {@code GET /upstreams} (what is known of every configured upstream) and {@code POST
 * /upstreams/refresh} (ask every upstream for its models again, then answer the same way).
 */
public final class UpstreamsService implements HttpService {

    private final Supplier<List<UpstreamStatus>> upstreams;
    private final Supplier<List<UpstreamStatus>> refreshUpstreams;
    private final Function<String, Map<String, Object>> routing;

    /**
     * @param upstreams what is known of the upstreams now
     * @param refreshUpstreams asks every upstream for its models again, then answers as {@code upstreams}
     * @param routing what routing knows of an upstream (active health, each target's circuit, load and latency),
     *     fields that replace or join those of its status
     */
    public UpstreamsService(Supplier<List<UpstreamStatus>> upstreams,
                            Supplier<List<UpstreamStatus>> refreshUpstreams,
                            Function<String, Map<String, Object>> routing) {
        this.upstreams = upstreams;
        this.refreshUpstreams = refreshUpstreams;
        this.routing = routing;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> send(res, upstreams.get()));
        rules.post("/refresh", (req, res) -> send(res, refreshUpstreams.get()));
    }

    private void send(ServerResponse res, List<UpstreamStatus> statuses) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(Map.of("data", statuses.stream().map(status -> {
            Map<String, Object> described = status.describe();
            described.putAll(routing.apply(status.entry().name()));
            return described;
        }).toList())));
    }
}

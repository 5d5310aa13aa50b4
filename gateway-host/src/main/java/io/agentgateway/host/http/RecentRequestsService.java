package io.agentgateway.host.http;

import io.agentgateway.host.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Admin route {@code GET /requests/recent}: the latest API requests, newest first, with their request ids, and the
 * counts since start the console takes its request rate, latency and error rate from ({@link RecentRequests}).
 */
public final class RecentRequestsService implements HttpService {

    private final RecentRequests recent;

    public RecentRequestsService(RecentRequests recent) {
        this.recent = recent;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/recent", (req, res) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("object", "list");
            body.put("at", Instant.now().toString());
            body.put("totals", recent.totals());
            body.put("data", recent.latest().stream().map(RecentRequests.Entry::toJson).toList());
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.send(Json.write(body));
        });
    }
}

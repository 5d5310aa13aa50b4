package io.agentgateway.host.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /console}, the admin console: one HTML page, one script and one style sheet from the gateway's jar (no
 * CDN, no build step). The page holds no data, so it is served without a key; it asks for an admin key and reads
 * everything it shows from the admin routes with it ({@code /plugins}, {@code /upstreams}, {@code /tools},
 * {@code /requests/recent}, {@code /v1/models}).
 */
public final class ConsoleService implements HttpService {

    private final BundledFiles files = new BundledFiles("io/agentgateway/host/http/console/", "no-cache");

    @Override
    public void routing(HttpRules rules) {
        rules.get("/console", (req, res) -> send("index.html", res))
                .get("/console/{file}", (req, res) -> send(req.path().pathParameters().get("file"), res));
    }

    /**
     * The page keeps an admin key in the tab's session storage: it runs nothing but its own script and cannot be
     * framed by another site, so no injected script or clickjacking page can reach the key or act with it.
     */
    private void send(String name, ServerResponse res) {
        res.header(HeaderNames.create("Content-Security-Policy"), "default-src 'self'; img-src 'self' data:;"
                + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
        files.send(name, res);
    }
}

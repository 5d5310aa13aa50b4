package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model server started after the gateway is found on refresh, as a user running `ollama serve` later expects. */
class UpstreamDiscoveryIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path configDir;

    @Test
    void aServerThatComesUpLaterIsListedAfterRefresh() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (RunningGateway gateway = RunningGateway.start(configDir, """
                upstreams:
                  - name: late
                    base_url: http://127.0.0.1:%d/v1
                    timeout: 10
                """.formatted(port), Map.of())) {
            String upstreams = get(gateway, "/upstreams").body();
            assertTrue(upstreams.contains("\"name\":\"late\""), upstreams);
            assertFalse(get(gateway, "/v1/models").body().contains("late/mock-model"));

            try (MockUpstreamProcess mock = MockUpstreamProcess.startOn(port)) {
                HttpResponse<String> refreshed = HTTP.send(request(gateway, "/upstreams/refresh")
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, refreshed.statusCode(), refreshed.body());
                assertTrue(refreshed.body().contains("\"healthy\":true"), refreshed.body());
                assertTrue(get(gateway, "/v1/models").body().contains("late/mock-model"));
            }
        }
    }

    private static HttpResponse<String> get(RunningGateway gateway, String path) throws Exception {
        return HTTP.send(request(gateway, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(RunningGateway gateway, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("Authorization", "Bearer " + RunningGateway.KEY);
    }
}

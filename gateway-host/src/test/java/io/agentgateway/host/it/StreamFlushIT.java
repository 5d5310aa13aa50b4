package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunks reach the client as the upstream sends them, one by one: a stream must never be held back and turned into a
 * burst. The upstream waits 150 ms between chunks; each content chunk must reach the client well apart from the
 * previous one. This checks behaviour, not speed: the margins are wide.
 */
class StreamFlushIT {

    @TempDir
    Path configDir;

    @Test
    void eachChunkIsForwardedAsItArrives() throws Exception {
        try (MockUpstreamProcess mock = MockUpstreamProcess.start("--chunk-delay-ms", "150", "--chunks", "4");
             RunningGateway gateway = RunningGateway.withMock(configDir, mock)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/chat/completions"))
                    .header("Authorization", "Bearer " + RunningGateway.KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"mock/mock-model\",\"stream\":true,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"one two three four\"}]}"))
                    .build();
            HttpResponse<InputStream> response = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            List<Long> contentArrivals = new ArrayList<>();
            try (BufferedReader events = new BufferedReader(
                    new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = events.readLine(); line != null; line = events.readLine()) {
                    if (line.startsWith("data: ") && line.contains("\"content\":\"") && !line.contains(
                            "\"content\":\"\"")) {
                        contentArrivals.add(System.nanoTime());
                    }
                }
            }
            assertEquals(4, contentArrivals.size(), "one event per upstream content chunk");
            for (int i = 1; i < contentArrivals.size(); i++) {
                long gapMs = (contentArrivals.get(i) - contentArrivals.get(i - 1)) / 1_000_000;
                assertTrue(gapMs >= 75, "chunk " + i + " arrived " + gapMs + " ms after the previous one: batched");
            }
        }
    }
}

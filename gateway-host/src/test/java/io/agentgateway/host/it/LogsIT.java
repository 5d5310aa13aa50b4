package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log of a real gateway process started as {@code ./gateway run} starts it (gateway-host/jvm.options, and on JDK
 * 25+ an ahead-of-time cache it cannot use, which makes the JVM complain): every line it writes is one JSON object
 * with time, level, logger, event and message, library lines included, with the request id where there is one.
 */
class LogsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void everyLineTheProcessWritesIsOneJsonObject(@TempDir Path configDir, @TempDir Path work) throws Exception {
        List<String> options = new ArrayList<>(List.of("@" + Repository.root().resolve("gateway-host/jvm.options")));
        if (Runtime.version().feature() >= 25) {
            options.add("-XX:AOTCache=" + work.resolve("missing.aot")); // "[error][aot] ..." without -Xlog:disable
        }
        String upstreams = """
                upstreams:
                  - name: demo
                    provider: demo
                    base_url: in-process
                """;
        try (GatewayProcess gateway = GatewayProcess.start(configDir, upstreams, options.toArray(String[]::new))) {
            String base = "http://127.0.0.1:" + gateway.port();
            HttpResponse<String> chat = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + RunningGateway.KEY).header("x-request-id", "logs-it-1")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"demo/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, chat.statusCode(), chat.body());
            HTTP.send(HttpRequest.newBuilder(URI.create(base + "/nowhere")).build(),
                    HttpResponse.BodyHandlers.discarding());
            List<Map<String, Object>> lines = awaitLines(gateway, 2);

            for (Map<String, Object> line : lines) {
                for (String field : List.of("time", "level", "logger", "event", "message")) {
                    assertTrue(line.get(field) instanceof String, field + " missing in " + line);
                }
            }
            assertTrue(lines.stream().anyMatch(line -> !"agent-gateway".equals(line.get("logger"))
                    && "log".equals(line.get("event"))), "a library's line, as JSON: " + lines);
            Map<String, Object> request = lines.stream()
                    .filter(line -> "http.request".equals(line.get("event"))
                            && "logs-it-1".equals(line.get("request_id"))).findFirst().orElseThrow();
            assertEquals("INFO", request.get("level"));
        }
    }

    /** @return every line parsed, once {@code requests} http.request lines were written; fails on a line not JSON */
    private static List<Map<String, Object>> awaitLines(GatewayProcess gateway, int requests) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<Map<String, Object>> parsed = new ArrayList<>();
            for (String line : gateway.log()) {
                try {
                    parsed.add(Json.readObject(line));
                } catch (Exception e) {
                    throw new AssertionError("not a JSON object: " + line + "\nin:\n"
                            + String.join("\n", gateway.log()));
                }
            }
            if (parsed.stream().filter(line -> "http.request".equals(line.get("event"))).count() >= requests) {
                return parsed;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + requests + " http.request lines in:\n" + gateway.log());
            }
            Thread.sleep(20);
        }
    }
}

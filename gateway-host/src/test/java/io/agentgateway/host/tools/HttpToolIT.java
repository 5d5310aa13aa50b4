package io.agentgateway.host.tools;

import static io.agentgateway.host.tools.TestCalls.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.security.ToolAccessRules;
import io.helidon.metrics.api.Metrics;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP tools from tools.yaml against a real HTTP server on loopback. */
class HttpToolIT {

    private static final long ENDLESS_BYTES = 256L * 1024 * 1024;

    private HttpServer server;
    private ToolManager manager;
    private final AtomicReference<String> seen = new AtomicReference<>();
    private final AtomicLong endlessWritten = new AtomicLong();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth="
                    + exchange.getRequestHeaders().getFirst("Authorization") + " type="
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " body=" + body);
            byte[] answer = ("echo:" + body + exchange.getRequestURI().getRawQuery()).getBytes(StandardCharsets.UTF_8);
            int status = exchange.getRequestURI().getPath().endsWith("/fail") ? 500 : 200;
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/echo-headers", exchange -> {
            // a careless server: its error repeats the request, credentials included
            StringBuilder text = new StringBuilder("unauthorized; you sent:\n");
            exchange.getRequestHeaders().forEach((name, values) -> text.append(name).append(": ")
                    .append(String.join(",", values)).append('\n'));
            text.append("and the key again: ").append(exchange.getRequestHeaders().getFirst("X-Tool-Key"));
            byte[] answer = text.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/endless", exchange -> {
            // far more than any tool result should ever hold; a client that reads it all has no bound
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, 0);
            try (var out = exchange.getResponseBody()) {
                while (endlessWritten.get() < ENDLESS_BYTES) {
                    out.write(chunk);
                    endlessWritten.addAndGet(chunk.length);
                }
            } catch (java.io.IOException clientStoppedReading) {
                // expected: the tool closed the stream once it had enough
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, Object> toolsYaml = Map.of("tools", List.of(
                Map.of("name", "http_echo", "provider", "http", "url", base + "/echo", "method", "POST",
                        "timeout", 5, "headers", Map.of("Authorization", "Bearer ${AGW_IT_UNSET_TOKEN:-from-default}"),
                        "schema", Map.of("type", "object", "required", List.of("text"),
                                "properties", Map.of("text", Map.of("type", "string")))),
                Map.of("name", "http_lookup", "url", base + "/echo?fixed=1", "method", "GET"),
                Map.of("name", "http_fail", "url", base + "/echo/fail"),
                Map.of("name", "http_echoing", "url", base + "/echo-headers", "method", "GET",
                        "headers", Map.of("X-Tool-Key", "${AGW_IT_UNSET_TOOL_KEY:-tool-key-5d81e0}",
                                "Authorization", "Bearer tool-bearer-77ac30")),
                Map.of("name", "http_moved", "url", base + "/moved", "method", "GET"),
                Map.of("name", "http_endless", "url", base + "/endless", "method", "GET", "timeout", 20),
                Map.of("name", "metadata", "url", "http://169.254.169.254/latest/meta-data/", "method", "GET")),
                "limits", Map.of("http_endless", Map.of("max_result_chars", 100)));
        manager = new ToolManager(() -> toolsYaml, ToolAccessRules.ALLOW_ALL, Metrics.createMeterRegistry());
        manager.start();
    }

    @AfterEach
    void stop() {
        manager.close();
        server.stop(0);
    }

    private String call(String tool, Map<String, Object> args) {
        return manager.invoke(tool, args, as("dev", null)).text();
    }

    @Test
    void postSendsArgumentsAsJsonBodyWithResolvedHeaders() throws Exception {
        assertEquals("echo:{\"text\":\"hi\"}null", call("http_echo", Map.of("text", "hi")));
        assertEquals("POST /echo auth=Bearer from-default type=application/json body={\"text\":\"hi\"}", seen.get());
    }

    @Test
    void getSendsArgumentsAsQueryParameters() {
        call("http_lookup", Map.of("q", "a b", "tags", List.of("x", "y")));
        String query = seen.get().substring(seen.get().indexOf('?') + 1, seen.get().indexOf(' ', 4));
        assertEquals(List.of("fixed=1", "q=a b", "tags=x", "tags=y"), java.util.Arrays.stream(query.split("&"))
                .map(p -> java.net.URLDecoder.decode(p, java.nio.charset.StandardCharsets.UTF_8)).sorted().toList());
    }

    @Test
    void httpErrorStatusBecomesAnErrorResult() throws Exception {
        ToolOutcome outcome = manager.invoke("http_fail", Map.of(), as(null, null));
        assertEquals(ToolStatus.ERROR, outcome.status());
        assertTrue(outcome.text().contains("HTTP 500"), outcome.text());
    }

    @Test
    void anErrorAnswerThatRepeatsTheToolsCredentialsReachesTheModelRedacted() throws Exception {
        ToolOutcome outcome = manager.invoke("http_echoing", Map.of(), as(null, null));
        assertEquals(ToolStatus.ERROR, outcome.status());
        assertTrue(outcome.text().contains("HTTP 401"), outcome.text());
        assertFalse(outcome.text().contains("tool-key-5d81e0"), outcome.text());
        assertFalse(outcome.text().contains("tool-bearer-77ac30"), outcome.text());
        assertTrue(outcome.text().contains("and the key again: [redacted]"), outcome.text());
    }

    @Test
    void aRedirectIsAnErrorAndIsNotFollowed() throws Exception {
        ToolOutcome outcome = manager.invoke("http_moved", Map.of(), as(null, null));
        assertEquals(ToolStatus.ERROR, outcome.status(), outcome.text());
        assertTrue(outcome.text().contains("HTTP 302") && outcome.text().contains("not followed"), outcome.text());
    }

    @Test
    void hugeResponseIsReadOnlyUpToTheResultLimit() throws Exception {
        ToolOutcome outcome = manager.invoke("http_endless", Map.of(), as(null, null));
        assertEquals(ToolStatus.OK, outcome.status(), outcome.text());
        assertTrue(outcome.text().startsWith("x".repeat(100) + "\n[truncated"), outcome.text());
        assertTrue(outcome.text().length() < 200, outcome.text());
        // the server can only have written what the socket buffers hold beyond what the tool read
        assertTrue(endlessWritten.get() < ENDLESS_BYTES, "the whole response was read: " + endlessWritten.get());
    }

    @Test
    void metadataAddressIsRefusedWithoutAnyRequest() throws Exception {
        ToolOutcome outcome = manager.invoke("metadata", Map.of(), as(null, null));
        assertEquals(ToolStatus.ERROR, outcome.status());
        assertTrue(outcome.text().contains("link-local or cloud metadata"), outcome.text());
    }

    @Test
    void listShowsUrlAndMethod() {
        ToolInfo info = manager.list().stream().filter(t -> t.name().equals("http_echo")).findFirst().orElseThrow();
        assertEquals(ToolProvider.HTTP, info.provider());
        assertEquals("POST", info.details().get("method"));
        assertEquals(5000, info.timeoutMs());
        assertTrue(Json.write(info.schema()).contains("\"required\":[\"text\"]"));
    }
}

package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import io.agentgateway.host.tools.TestCalls;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that leaves a call the upstream takes 30 s to answer, streaming or not, before anything was sent back: the
 * gateway closes its upstream connection within 1 s (the upstream sees the close) and logs and counts status 499.
 * Both on a fresh connection and on a keep-alive connection a successful call used before, which the abandoned call
 * took from the gateway's pool: that one must be closed as well, not left open (or handed to the next call). The request
 * ends without the web server warning that a route sent nothing (and counting a 500 of its own). An embeddings call
 * the upstream sits on is abandoned the same way.
 */
class ClientDisconnectIT {

    private static final Pattern REQUESTS_499 =
            Pattern.compile("(?m)^agent_gateway_requests_total\\{[^}]*status=\"499\"[^}]*} ([0-9.eE+]+)$");

    @TempDir
    Path configDir;

    @Test
    void aClientThatLeavesANonStreamingCallClosesTheUpstreamConnectionWithinASecond() throws Exception {
        leaveAndWatchTheUpstream("/v1/chat/completions", false, false);
    }

    @Test
    void aClientThatLeavesAStreamBeforeItsFirstTokenClosesTheUpstreamConnectionWithinASecond() throws Exception {
        leaveAndWatchTheUpstream("/v1/chat/completions", true, false);
    }

    @Test
    void aClientThatLeavesANonStreamingCallOnAReusedUpstreamConnectionClosesItWithinASecond() throws Exception {
        leaveAndWatchTheUpstream("/v1/chat/completions", false, true);
    }

    @Test
    void aClientThatLeavesAStreamOnAReusedUpstreamConnectionClosesItWithinASecond() throws Exception {
        leaveAndWatchTheUpstream("/v1/chat/completions", true, true);
    }

    @Test
    void aClientThatLeavesAnEmbeddingsCallClosesTheUpstreamConnectionWithinASecond() throws Exception {
        leaveAndWatchTheUpstream("/v1/embeddings", false, false);
    }

    private void leaveAndWatchTheUpstream(String path, boolean stream, boolean reused) throws Exception {
        try (SilentServer upstream = new SilentServer(reused);
             RunningGateway gateway = RunningGateway.start(configDir, """
                     upstreams:
                       - {name: slow, provider: openai-compatible, base_url: "http://127.0.0.1:%d/v1", timeout: 30,
                          retries: 0}
                     """.formatted(upstream.port()), Map.of());
             TestCalls.LogCapture log = new TestCalls.LogCapture();
             ServerWarnings warnings = new ServerWarnings()) {
            if (reused) {
                HttpResponse<String> warm = gateway.chat(RunningGateway.KEY, Json.write(Map.of("model", "slow/thinker",
                        "messages", List.of(Map.of("role", "user", "content", "quick")))));
                assertEquals(200, warm.statusCode(), warm.body());
            }
            double before = count499(gateway);
            String body = path.endsWith("/embeddings")
                    ? Json.write(Map.of("model", "slow/embedder", "input", "take your time"))
                    : Json.write(Map.of("model", "slow/thinker", "stream", stream,
                            "messages", List.of(Map.of("role", "user", "content", "take your time"))));
            String requestId = "leaving-" + path.substring(path.lastIndexOf('/') + 1) + "-" + stream + "-" + reused;
            Socket client = new Socket("127.0.0.1", gateway.port());
            OutputStream out = client.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + RunningGateway.KEY + "\r\nContent-Type: application/json\r\nx-request-id: " + requestId
                    + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            Integer servedBefore = upstream.calls.poll(10, TimeUnit.SECONDS);
            assertTrue(servedBefore != null, "the call reached the upstream");
            assertEquals(reused, servedBefore > 0,
                    "requests the abandoned call's connection had served before: " + servedBefore);

            long left = System.nanoTime();
            client.close();
            // The 1 s is the routing guide's promise. The upstream's own timeout is 30 s, so a pass cannot come from it.
            Long closedAt = upstream.closes.poll(10, TimeUnit.SECONDS);
            assertTrue(closedAt != null, "the upstream never saw its connection close: " + log.lines("upstream.error")
                    + log.lines("upstream.failover") + log.lines("http.request"));
            long millis = (closedAt - left) / 1_000_000;
            assertTrue(millis < 1000, "the upstream connection closed " + millis + " ms after the client left");

            boolean logged = false;
            for (long deadline = System.currentTimeMillis() + 3000; !logged && System.currentTimeMillis() < deadline;
                    Thread.sleep(20)) {
                logged = log.lines("http.request").stream()
                        .anyMatch(line -> line.contains(requestId) && line.contains("\"status\":499"));
            }
            assertTrue(logged, "no http.request line with status 499: " + log.lines("http.request"));
            assertTrue(count499(gateway) >= before + 1, "agent_gateway_requests_total{status=\"499\"} rose");
            assertEquals(List.of(), warnings.messages, "the web server's warnings about the abandoned request");
        }
    }

    /** Collects what the web server logs at WARNING or above while it is open (after the gateway read its logging). */
    private static final class ServerWarnings extends Handler implements AutoCloseable {
        private final Logger server = Logger.getLogger("io.helidon.webserver");
        final List<String> messages = new CopyOnWriteArrayList<>();

        ServerWarnings() {
            server.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                messages.add(record.getLoggerName() + ": " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            server.removeHandler(this);
        }
    }

    /** @return the gateway's count of requests answered 499 so far, from its Prometheus endpoint */
    private static double count499(RunningGateway gateway) throws Exception {
        HttpResponse<String> scraped = gateway.get("/metrics/prometheus", RunningGateway.KEY);
        assertEquals(200, scraped.statusCode());
        double sum = 0;
        Matcher matcher = REQUESTS_499.matcher(scraped.body());
        while (matcher.find()) {
            sum += Double.parseDouble(matcher.group(1));
        }
        return sum;
    }
}

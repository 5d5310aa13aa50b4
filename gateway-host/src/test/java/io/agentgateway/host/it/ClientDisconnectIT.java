package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import io.agentgateway.host.tools.TestCalls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that leaves a call the upstream takes 30 s to answer, streaming or not, before anything was sent back: the
 * gateway closes its upstream connection within 1 s (the upstream sees the close) and logs status 499. The upstream
 * here closes each connection after listing its models, so the chat call runs on a fresh connection: a call on a
 * pooled keep-alive connection is abandoned at once too, but Helidon's WebClient 4.5 leaves that socket open.
 */
class ClientDisconnectIT {

    @TempDir
    Path configDir;

    @Test
    void aClientThatLeavesANonStreamingCallClosesTheUpstreamConnectionWithinASecond() throws Exception {
        leaveAndWatchTheUpstream(false);
    }

    @Test
    void aClientThatLeavesAStreamBeforeItsFirstTokenClosesTheUpstreamConnectionWithinASecond() throws Exception {
        leaveAndWatchTheUpstream(true);
    }

    private void leaveAndWatchTheUpstream(boolean stream) throws Exception {
        try (SilentUpstream upstream = new SilentUpstream();
             RunningGateway gateway = RunningGateway.start(configDir, """
                     upstreams:
                       - {name: slow, provider: openai-compatible, base_url: "http://127.0.0.1:%d/v1", timeout: 30,
                          retries: 0}
                     """.formatted(upstream.port()), Map.of());
             TestCalls.LogCapture log = new TestCalls.LogCapture()) {
            String body = Json.write(Map.of("model", "slow/thinker", "stream", stream,
                    "messages", List.of(Map.of("role", "user", "content", "take your time"))));
            String requestId = "leaving-" + stream;
            Socket client = new Socket("127.0.0.1", gateway.port());
            OutputStream out = client.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + RunningGateway.KEY + "\r\nContent-Type: application/json\r\nx-request-id: " + requestId
                    + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertTrue(upstream.calls.poll(10, TimeUnit.SECONDS) != null, "the call reached the upstream");

            long left = System.nanoTime();
            client.close();
            Long closedAt = upstream.closes.poll(5, TimeUnit.SECONDS);
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
        }
    }

    /**
     * An upstream that lists no models and never answers a chat call (as one that takes 30 s would not, within the
     * test): it reports each call it received and the moment its caller closed the connection.
     */
    private static final class SilentUpstream implements AutoCloseable {
        final BlockingQueue<String> calls = new ArrayBlockingQueue<>(10);
        final BlockingQueue<Long> closes = new ArrayBlockingQueue<>(10);
        private final ServerSocket server;

        SilentUpstream() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        Thread.ofVirtual().start(() -> serve(socket));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve(Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                while (true) {
                    String head = readHead(in);
                    if (head.isEmpty()) {
                        return;
                    }
                    if (!head.startsWith("GET")) {
                        break; // a chat call: never answered
                    }
                    byte[] list = "{\"object\":\"list\",\"data\":[]}".getBytes(StandardCharsets.UTF_8);
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + list.length
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(list);
                    out.flush();
                    // Each chat call comes on a connection of its own: on a connection Helidon's WebClient 4.5 took
                    // from its pool, an interrupted call is abandoned without closing the socket (docs/guides/routing.md).
                    return;
                }
                calls.add("chat");
                while (in.read() >= 0) {
                    // the body, then nothing until the caller gives up
                }
                closes.add(System.nanoTime());
            } catch (IOException e) {
                closes.add(System.nanoTime()); // a reset is a close too
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                byte[] bytes = head.toByteArray();
                int n = bytes.length;
                if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                    break;
                }
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}

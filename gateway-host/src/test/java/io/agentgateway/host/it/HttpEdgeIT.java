package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP edge as a client on a plain socket meets it (issue 11, item 5): each test sends what the probe
 * sent and checks the gateway now answers safely. Read timeouts are set to 1 s here so that cutting a slow client
 * takes seconds; the defaults are in docs/security.md.
 */
class HttpEdgeIT {

    private static final String AUTH = "Authorization: Bearer " + RunningGateway.KEY + "\r\n";
    private static final String CHAT = "{\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TempDir
    static Path configDir;
    private static RunningGateway gateway;
    private final List<LogRecord> severe = new ArrayList<>();
    private final Handler severeLogs = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                synchronized (severe) {
                    severe.add(record);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void start() throws IOException {
        gateway = RunningGateway.start(configDir, "upstreams: []\n", Map.of(
                "GATEWAY_HTTP_HEADER_TIMEOUT_SECONDS", "1",
                "GATEWAY_HTTP_BODY_TIMEOUT_SECONDS", "1"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void watchLogs() {
        Logger.getLogger("").addHandler(severeLogs);
    }

    @AfterEach
    void noSevereLogs() {
        Logger.getLogger("").removeHandler(severeLogs);
        assertEquals(List.of(), severe.stream().map(LogRecord::getMessage).toList(), "SEVERE log lines");
    }

    private RawHttp connect() throws IOException {
        return new RawHttp(gateway.port());
    }

    @Test
    void headAnswersWithTheGetsHeadAndNoBodySoTheNextResponseReadsCleanly() throws Exception {
        try (RawHttp client = connect()) {
            RawHttp.Answer answer = client
                    .send("HEAD /v1/models HTTP/1.1\r\nHost: x\r\n" + AUTH + "\r\n")
                    .send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .readUntilClosed(Duration.ofSeconds(10));
            String[] responses = answer.text().split("(?=HTTP/1.1 )");
            assertEquals(2, responses.length, answer.text());
            assertTrue(responses[0].startsWith("HTTP/1.1 200"), responses[0]);
            assertTrue(responses[0].toLowerCase().contains("content-length: "), "the GET's length: " + responses[0]);
            assertTrue(responses[0].endsWith("\r\n\r\n"), "nothing after the head: " + responses[0]);
            assertTrue(responses[1].endsWith("{\"status\":\"ok\",\"service\":\"agent-gateway\"}"), responses[1]);
        }
    }

    @Test
    void connectionCloseClosesTheSocketAfterTheResponse() throws Exception {
        try (RawHttp client = connect()) {
            RawHttp.Answer answer = client.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .readUntilClosed(Duration.ofSeconds(10));
            assertTrue(answer.text().startsWith("HTTP/1.1 200"), answer.text());
            assertTrue(answer.closedByServer(), "still open after " + answer.took());
            assertTrue(answer.took().compareTo(Duration.ofSeconds(2)) < 0, "closed after " + answer.took());
        }
    }

    @Test
    void aRefusedRequestWithConnectionCloseClosesToo() throws Exception {
        try (RawHttp client = connect()) {
            RawHttp.Answer answer = client.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\nContent-Length: " + CHAT.length() + "\r\n\r\n" + CHAT)
                    .readUntilClosed(Duration.ofSeconds(10));
            assertTrue(answer.text().startsWith("HTTP/1.1 401"), answer.text());
            assertTrue(answer.closedByServer(), "still open after " + answer.took());
        }
    }

    @Test
    void aChunkExtensionIsIgnored() throws Exception {
        try (RawHttp client = connect()) {
            RawHttp.Answer answer = client.send(chunked(Integer.toHexString(CHAT.length()) + ";foo=bar\r\n" + CHAT
                    + "\r\n0\r\n\r\n", ""))
                    .send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .readUntilClosed(Duration.ofSeconds(10));
            // The body was read whole (the model it names is looked up, and is not there), and exactly: the next
            // request on the connection is read from where the body ended.
            assertTrue(answer.text().startsWith("HTTP/1.1 404"), answer.text());
            assertTrue(answer.text().contains("\"code\":\"model_not_found\""), answer.text());
            assertTrue(answer.text().contains("HTTP/1.1 200"), answer.text());
        }
    }

    @Test
    void trailerFieldsAfterTheLastChunkAreIgnored() throws Exception {
        try (RawHttp client = connect()) {
            RawHttp.Answer answer = client.send(chunked(Integer.toHexString(CHAT.length()) + "\r\n" + CHAT
                    + "\r\n0\r\nx-checksum: abc\r\n\r\n", "Connection: close\r\n")).readUntilClosed(Duration.ofSeconds(10));
            assertTrue(answer.text().startsWith("HTTP/1.1 404"), answer.text());
        }
    }

    @Test
    void aChunkSizeThatIsNotANumberIs400AndTheConnectionCloses() throws Exception {
        assertMalformed("zz\r\n" + CHAT + "\r\n0\r\n\r\n", "'zz' is not a hexadecimal number");
    }

    @Test
    void aChunkSizeBeyondAnyBodyIs400AndTheConnectionCloses() throws Exception {
        assertMalformed("ffffffffffffffff\r\n" + CHAT + "\r\n0\r\n\r\n", "larger than any body");
    }

    private void assertMalformed(String body, String why) throws Exception {
        try (RawHttp client = connect()) {
            RawHttp.Answer answer = client.send(chunked(body, "")).readUntilClosed(Duration.ofSeconds(10));
            assertTrue(answer.text().startsWith("HTTP/1.1 400"), answer.text());
            assertTrue(answer.text().contains("\"code\":\"malformed_request\""), answer.text());
            assertTrue(answer.text().contains(why), answer.text());
            assertEquals(1, answer.text().split("HTTP/1.1 ").length - 1, "one response only: " + answer.text());
            assertTrue(answer.closedByServer(), "still open after " + answer.took());
        }
    }

    private static String chunked(String body, String moreHeaders) {
        return "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n" + AUTH + moreHeaders
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + body;
    }

    @Test
    void slowHeadersAreCutOnceTheHeaderTimeoutHasPassed() throws Exception {
        // 50 clients, each sending its head a byte at a time, 200 ms apart: fast enough to beat any per-read timeout.
        String head = "GET /v1/models HTTP/1.1\r\nHost: x\r\n" + AUTH + "x-padding: " + "p".repeat(100) + "\r\n\r\n";
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RawHttp.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(clients.submit(() -> {
                    try (RawHttp client = connect()) {
                        for (char c : head.toCharArray()) {
                            try {
                                client.send(String.valueOf(c));
                            } catch (IOException closed) {
                                break;
                            }
                            Thread.sleep(200); // the attack's own pace, not a wait for the gateway
                        }
                        return client.readUntilClosed(Duration.ofSeconds(5));
                    }
                }));
            }
            for (Future<RawHttp.Answer> answer : answers) {
                RawHttp.Answer got = answer.get();
                assertTrue(got.closedByServer(), "a slow client still connected");
                assertFalse(got.text().startsWith("HTTP/1.1 200"), "a slow head was served: " + got.text());
            }
        }
    }

    @Test
    void aStalledBodyIsCutOnceTheBodyTimeoutHasPassed() throws Exception {
        try (RawHttp client = connect()) {
            RawHttp.Answer answer = client.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n" + AUTH
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"model\":")
                    .readUntilClosed(Duration.ofSeconds(10));
            assertTrue(answer.closedByServer(), "still open after " + answer.took());
            assertTrue(answer.took().compareTo(Duration.ofMillis(800)) > 0, "cut too soon: " + answer.took());
            assertTrue(answer.took().compareTo(Duration.ofSeconds(4)) < 0, "cut after " + answer.took());
        }
    }

    @Test
    void aKeptAliveConnectionServesRequestsInARow() throws Exception {
        try (RawHttp client = connect()) {
            String get = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
            RawHttp.Answer answer = client.send(get).send(get)
                    .send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .readUntilClosed(Duration.ofSeconds(10));
            assertEquals(3, answer.text().split("HTTP/1.1 200").length - 1, answer.text());
        }
    }
}

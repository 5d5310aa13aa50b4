package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import io.agentgateway.mock.ScriptedServer;
import io.agentgateway.mock.ScriptedServer.Answer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an upstream sends is bounded: an answer that declares or grows past its limit, an event that never ends, a
 * stream without end. The client gets a 502 OpenAI error body (or, once a stream has started, an error event) and the
 * gateway closes the upstream connection. The limits are the defaults, but for a stream's events (upstream
 * {@code hostile}) and duration (upstream {@code brief}, the same server).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BoundedUpstreamsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String STREAM_HEAD =
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";

    @TempDir
    static Path configDir;
    private static ScriptedServer upstream;
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        upstream = new ScriptedServer();
        upstream.alwaysAnswer("GET /v1/models", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: 37\r\n\r\n{\"object\":\"list\",\"data\":[{\"id\":\"m\"}]}");
        gateway = RunningGateway.start(configDir, """
                upstreams:
                  - name: hostile
                    base_url: %s
                    models: [m]
                    retries: 0
                    limits: {max_stream_events: 500}
                  - name: brief
                    base_url: %s
                    models: [m]
                    retries: 0
                    limits: {max_stream_seconds: 1}
                """.formatted(upstream.baseUrl(), upstream.baseUrl()), Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        gateway.close();
        upstream.close();
    }

    @Test
    void anAnswerDeclaringTwoGigabytesIs502AndNothingIsAllocatedForIt() throws Exception {
        upstream.answer(Answer.thenSilence("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2000000000\r\n\r\n{\"id\":"));
        assertInvalidResponse(chat(false), "max_response_bytes");
        assertTrue(upstream.awaitClientDisconnect(WAIT), "the upstream connection was closed");
    }

    @Test
    void a300MegabyteAnswerIs502AtTheLimit() throws Exception {
        upstream.answer(Answer.writing(out -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + chunk("{\"choices\":[{\"message\":{\"content\":\"")).getBytes(StandardCharsets.UTF_8));
            byte[] piece = chunk("x".repeat(64 * 1024)).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 300 * 16; i++) { // 300 MB
                out.write(piece);
            }
        }));
        assertInvalidResponse(chat(false), "max_response_bytes");
        assertTrue(upstream.awaitClientDisconnect(WAIT), "the upstream connection was closed");
    }

    @Test
    void anEventOfDataLinesThatNeverEndsIs502BeforeTheStreamStarts() throws Exception {
        upstream.answer(Answer.writing(out -> {
            out.write(STREAM_HEAD.getBytes(StandardCharsets.UTF_8));
            writeForever(out, chunk("data: " + "y".repeat(1000) + "\n"));
        }));
        assertInvalidResponse(chat(true), "max_event_bytes");
        assertTrue(upstream.awaitClientDisconnect(WAIT), "the upstream connection was closed");
    }

    @Test
    void anEndlessStreamEndsWithAnErrorEventAtTheEventLimit() throws Exception {
        upstream.answer(Answer.writing(out -> {
            out.write(STREAM_HEAD.getBytes(StandardCharsets.UTF_8));
            writeForever(out, chunk("data: " + Json.write(contentChunk("x")) + "\n\n"));
        }));
        assertErrorEventAfterChunks(chat(true), "max_stream_events");
        assertTrue(upstream.awaitClientDisconnect(WAIT), "the upstream connection was closed");
    }

    @Test
    void anEndlessStreamEndsWithAnErrorEventAtItsLongestDuration() throws Exception {
        upstream.answer(Answer.writing(out -> {
            out.write(STREAM_HEAD.getBytes(StandardCharsets.UTF_8));
            out.write(chunk("data: " + Json.write(contentChunk("x")) + "\n\n").getBytes(StandardCharsets.UTF_8));
            while (true) { // a keep-alive comment every 50 ms: never silent long enough to time out
                out.write(chunk(": working\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(50);
            }
        }));
        assertErrorEventAfterChunks(chat("brief/m", true), "max_stream_duration");
        assertTrue(upstream.awaitClientDisconnect(WAIT), "the upstream connection was closed");
    }

    private static HttpResponse<String> chat(boolean stream) throws Exception {
        return chat("hostile/m", stream);
    }

    private static HttpResponse<String> chat(String model, boolean stream) throws Exception {
        return gateway.chat(RunningGateway.KEY, "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private static void assertInvalidResponse(HttpResponse<String> res, String limit) throws Exception {
        assertEquals(502, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        Map<?, ?> error = (Map<?, ?>) Json.readObject(res.body()).get("error");
        assertEquals("upstream_invalid_response", error.get("code"));
        assertTrue(String.valueOf(error.get("message")).contains(limit), res.body());
    }

    private static void assertErrorEventAfterChunks(HttpResponse<String> res, String limit) throws Exception {
        assertEquals(200, res.statusCode(), res.body());
        List<Map<String, Object>> events = new ArrayList<>();
        for (String event : res.body().split("\n\n")) {
            if (event.startsWith("data:") && !event.contains("[DONE]")) {
                events.add(Json.readObject(event.substring(5).trim()));
            }
        }
        assertTrue(events.size() >= 2, "chunks came before the end");
        assertFalse(res.body().contains("[DONE]"), "a stream cut off must not look complete");
        Map<?, ?> error = (Map<?, ?>) events.getLast().get("error");
        assertEquals("upstream_invalid_response", error.get("code"));
        assertTrue(String.valueOf(error.get("message")).contains(limit), res.body().substring(
                Math.max(0, res.body().length() - 500)));
    }

    static Map<String, Object> contentChunk(String content) {
        return Map.of("id", "c", "object", "chat.completion.chunk", "created", 1, "model", "m",
                "choices", List.of(Map.of("index", 0, "delta", Map.of("content", content))));
    }

    static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }

    static void writeForever(OutputStream out, String piece) throws IOException {
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        while (true) {
            out.write(bytes);
        }
    }
}

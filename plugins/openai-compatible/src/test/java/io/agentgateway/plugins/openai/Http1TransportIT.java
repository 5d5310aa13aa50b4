package io.agentgateway.plugins.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.HttpMethod;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIIoException;
import io.agentgateway.plugins.openai.ScriptedServer.Answer;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 transport against a server that answers with scripted bytes. */
class Http1TransportIT {

    private static final String JSON_OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"
            + "\r\n{\"ok\":true}";
    private static final String CHUNKED_OK = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n";

    private ScriptedServer server;
    private Http1Transport transport;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServer();
        transport = new Http1Transport(Origin.of(server.baseUrl()), Duration.ofSeconds(5), 8, Duration.ofMinutes(5),
                null);
    }

    @AfterEach
    void stop() throws Exception {
        transport.close();
        server.close();
    }

    @Test
    void theRequestGoesOutWithHostLengthAndTheBodyExactly() throws Exception {
        server.answer(Answer.of(JSON_OK));
        byte[] json = "{\"model\":\"m\",\"temperature\":1}".getBytes(StandardCharsets.UTF_8);
        assertEquals("{\"ok\":true}", text(call(post().body(new JsonRequestBody(json)).build())));
        String request = server.requests().get(0);
        assertTrue(request.startsWith("POST /v1/chat/completions HTTP/1.1\r\n"), request);
        assertTrue(request.contains("\r\nHost: 127.0.0.1:" + server.baseUrl().split(":")[2].split("/")[0] + "\r\n"));
        assertTrue(request.contains("\r\nContent-Length: " + json.length + "\r\n"));
        assertTrue(request.contains("\r\nContent-Type: application/json\r\n"));
        assertTrue(request.endsWith("\r\n\r\n{\"model\":\"m\",\"temperature\":1}"), request);
    }

    @Test
    void aChunkedBodyIsDecodedAndItsConnectionReused() throws Exception {
        server.answer(Answer.of(CHUNKED_OK), Answer.of(CHUNKED_OK));
        assertEquals("hello world", text(call(post().build())));
        assertEquals("hello world", text(call(post().build())));
        assertEquals(1, server.connections());
    }

    @Test
    void anInterimAnswerIsSkipped() throws Exception {
        server.answer(Answer.of("HTTP/1.1 100 Continue\r\n\r\n" + JSON_OK));
        HttpResponse response = call(post().build());
        assertEquals(200, response.statusCode());
        assertEquals("{\"ok\":true}", text(response));
    }

    @Test
    void aServerThatSaysCloseGetsANewConnectionForTheNextCall() throws Exception {
        server.answer(new Answer(JSON_OK.replace("Content-Length", "Connection: close\r\nContent-Length"), true, 0),
                Answer.of(JSON_OK));
        call(post().build()).close();
        assertEquals("{\"ok\":true}", text(call(post().build())));
        assertEquals(2, server.connections());
    }

    @Test
    void aBodyWithoutLengthEndsWhenTheServerCloses() throws Exception {
        server.answer(new Answer("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end", true, 0));
        assertEquals("until the end", text(call(post().build())));
    }

    @Test
    void aPooledConnectionTheServerClosedIsReplacedWithoutFailingTheCall() throws Exception {
        // The server keeps the connection in the answer's headers, then closes it anyway, as an idle timeout does.
        server.answer(new Answer(JSON_OK, true, 0), Answer.of(JSON_OK));
        assertEquals("{\"ok\":true}", text(call(post().build())));
        Thread.sleep(50);
        assertEquals("{\"ok\":true}", text(call(post().build())));
        assertEquals(2, server.connections());
        assertEquals(2, server.requests().size());
    }

    @Test
    void aStreamReadUpToDoneLeavesItsConnectionForTheNextCall() throws Exception {
        String sse = "data: {\"n\":1}\n\ndata: [DONE]\n\n";
        String stream = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(sse.length()) + "\r\n" + sse + "\r\n0\r\n\r\n";
        server.answer(Answer.of(stream), Answer.of(JSON_OK));
        try (HttpResponse response = call(post().build())) {
            byte[] head = response.body().readNBytes(sse.length()); // what an SSE reader consumes up to [DONE]
            assertEquals(sse, new String(head, StandardCharsets.UTF_8));
        }
        assertEquals("{\"ok\":true}", text(call(post().build())));
        assertEquals(1, server.connections());
    }

    @Test
    void aServerThatDoesNotAnswerWithinTheReadLimitTimesOut() {
        server.answer(new Answer(JSON_OK, false, 3_000));
        RequestOptions options = RequestOptions.builder()
                .timeout(Timeout.builder().read(Duration.ofMillis(200)).request(Duration.ZERO).build()).build();
        long start = System.nanoTime();
        OpenAIIoException failure = assertThrows(OpenAIIoException.class,
                () -> transport.execute(post().build(), options));
        assertInstanceOf(SocketTimeoutException.class, failure.getCause());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos());
    }

    @Test
    void theWholeCallLimitBoundsTheBodyToo() throws Exception {
        // Headers at once, the body never: each read would wait 5 s, the call as a whole only 300 ms.
        server.answer(Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"));
        RequestOptions options = RequestOptions.builder()
                .timeout(Timeout.builder().read(Duration.ofSeconds(5)).request(Duration.ofMillis(300)).build())
                .build();
        long start = System.nanoTime();
        HttpResponse response = transport.execute(post().build(), options);
        InputStream body = response.body();
        assertThrows(SocketTimeoutException.class, body::readAllBytes);
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos());
    }

    @Test
    void aHeadPastTheLimitIsRefused() {
        server.answer(Answer.of("HTTP/1.1 200 OK\r\nX-Big: " + "x".repeat(UpstreamConnection.MAX_HEAD_BYTES)
                + "\r\nContent-Length: 0\r\n\r\n"));
        OpenAIIoException failure = assertThrows(OpenAIIoException.class, () -> call(post().build()));
        assertInstanceOf(ProtocolException.class, failure.getCause());
    }

    @Test
    void aHeaderValueWithALineBreakIsNeverSent() {
        HttpRequest request = post().putHeader("x-request-id", "abc\r\nX-Injected: 1").build();
        assertThrows(IllegalArgumentException.class, () -> call(request));
        assertEquals(0, server.requests().size());
    }

    private HttpResponse call(HttpRequest request) {
        return transport.execute(request, RequestOptions.none());
    }

    private HttpRequest.Builder post() {
        return HttpRequest.builder().method(HttpMethod.POST).baseUrl(server.baseUrl())
                .addPathSegments("chat", "completions");
    }

    private static String text(HttpResponse response) throws Exception {
        try (response) {
            return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

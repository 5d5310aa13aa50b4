package io.agentgateway.httpclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpClientOptions;
import io.agentgateway.api.http.HttpLimitException;
import io.agentgateway.api.http.HttpRequest;
import io.agentgateway.api.http.HttpResponse;
import io.agentgateway.api.http.ServerSentEvent;
import io.agentgateway.api.http.ServerSentEvents;
import io.agentgateway.mock.ScriptedServer.Answer;
import io.agentgateway.mock.ScriptedServer;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Tag;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The host's client against a server that answers byte for byte what each test scripts. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostHttpClientIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
    private static final String STREAM_HEAD =
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";

    private ScriptedServer server;
    private HttpClient client;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedServer();
        client = TestClients.client(HttpClientOptions.builder()
                .maxResponseBytes(1 << 20).maxEventBytes(64 * 1024).maxStreamBytes(4 << 20).maxStreamEvents(1000)
                .build());
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    @Test
    void theRequestGoesOutAsGivenAndTheConnectionIsReused() throws Exception {
        server.answer(Answer.of(OK), Answer.of(OK));
        byte[] body = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 2; i++) {
            try (HttpResponse response = client.send(HttpRequest.post(uri("/v1/chat/completions"), body,
                    "application/json").header("Authorization", "Bearer k").build())) {
                assertEquals(200, response.status());
                assertEquals("HTTP/1.1", response.protocol());
                assertEquals("application/json", response.header("Content-Type").orElseThrow());
                assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), response.bodyBytes());
            }
        }
        String request = server.requests().get(0);
        assertTrue(request.startsWith("POST /v1/chat/completions HTTP/1.1\r\n"), request);
        assertTrue(request.contains("Authorization: Bearer k\r\n"), request);
        assertTrue(request.toLowerCase().contains("content-length: 13\r\n"), request);
        assertTrue(request.endsWith("\r\n\r\n{\"model\":\"m\"}"), request);
        assertEquals(1, server.connections());
        assertEquals(2, requestsCounted("127.0.0.1:" + server.port(), "200"));
    }

    @Test
    void aBodyOfDeclaredLengthLongerThanOneReadArrivesWholeAndItsConnectionIsReused() throws Exception {
        String large = "[\"" + "x".repeat(40_000) + "\"]";
        String answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + large.length()
                + "\r\n\r\n" + large;
        server.answer(Answer.of(answer), Answer.of(OK));
        try (HttpResponse response = client.send(HttpRequest.get(uri("/v1/models")).build())) {
            assertArrayEquals(large.getBytes(StandardCharsets.UTF_8), response.bodyBytes());
        }
        try (HttpResponse response = client.send(HttpRequest.get(uri("/v1/models")).build())) {
            assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), response.bodyBytes());
        }
        assertEquals(1, server.connections());
    }

    @Test
    void aDeclaredLengthPastTheLimitFailsAtOnceAndClosesTheConnection() throws Exception {
        server.answer(Answer.thenSilence(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2000000000\r\n\r\n{"));
        try (HttpResponse response = client.send(HttpRequest.get(uri("/v1/models")).build())) {
            HttpLimitException failure = assertThrows(HttpLimitException.class, response::bodyBytes);
            assertEquals("max_response_bytes", failure.limit());
        }
        assertTrue(server.awaitClientDisconnect(WAIT), "the connection was closed");
    }

    /** An upstream that declares a large body within the limit and sends little of it holds no memory for the rest. */
    @Test
    void aDeclaredLengthWithinTheLimitIsNotAllocatedBeforeItsBytesArrive() throws Exception {
        int declared = 32 << 20;
        server.answer(Answer.thenSilence("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + declared + "\r\n\r\n{\"a\":"));
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (HttpClient generous = TestClients.client(HttpClientOptions.builder().maxResponseBytes(64 << 20).build());
                HttpResponse response = generous.send(HttpRequest.get(uri("/v1/models"))
                        .timeout(Duration.ofMillis(300)).build())) {
            long before = threads.getCurrentThreadAllocatedBytes();
            assertThrows(SocketTimeoutException.class, response::bodyBytes);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < declared / 8, "allocated " + allocated + " bytes for a body of 5 bytes so far");
        }
        assertTrue(server.awaitClientDisconnect(WAIT), "the connection was closed");
    }

    @Test
    void aHugeAnswerWithoutLengthFailsAtTheLimitAndClosesTheConnection() throws Exception {
        server.answer(Answer.writing(out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[\""
                    .getBytes(StandardCharsets.UTF_8));
            writeForever(out, "x".repeat(8192)); // 300 MB and more
        }));
        try (HttpResponse response = client.send(HttpRequest.get(uri("/v1/models")).build())) {
            HttpLimitException failure = assertThrows(HttpLimitException.class, response::bodyBytes);
            assertEquals("max_response_bytes", failure.limit());
        }
        assertTrue(server.awaitClientDisconnect(WAIT), "the connection was closed");
    }

    @Test
    void streamEventsArriveOneByOne() throws Exception {
        server.answer(Answer.of(STREAM_HEAD + chunk("data: {\"a\":1}\n\n: keep-alive\r\n\r\nevent: error\r\ndata: x\r\n"
                + "data: y\r\r") + chunk("data: [DONE]\n\n") + "0\r\n\r\n"));
        try (HttpResponse response = client.send(HttpRequest.get(uri("/v1/stream")).build())) {
            ServerSentEvents events = response.events();
            assertEquals(new ServerSentEvent(null, "{\"a\":1}"), events.next());
            assertEquals(new ServerSentEvent("error", "x\ny"), events.next());
            assertEquals(new ServerSentEvent(null, "[DONE]"), events.next());
            assertNull(events.next());
        }
    }

    /** A stream read up to its [DONE] leaves the end of its body (the last chunk) to closing: the connection is kept. */
    @Test
    void aStreamReadToItsLastEventKeepsItsConnection() throws Exception {
        server.answer(Answer.of(STREAM_HEAD + chunk("data: {\"a\":1}\n\n") + chunk("data: [DONE]\n\n") + "0\r\n\r\n"),
                Answer.of(OK));
        try (HttpResponse response = client.send(HttpRequest.get(uri("/v1/stream")).build())) {
            ServerSentEvents events = response.events();
            assertEquals(new ServerSentEvent(null, "{\"a\":1}"), events.next());
            assertEquals(new ServerSentEvent(null, "[DONE]"), events.next());
        }
        try (HttpResponse response = client.send(HttpRequest.get(uri("/v1/models")).build())) {
            assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), response.bodyBytes());
        }
        assertEquals(1, server.connections(), "the second call came on the stream's connection");
    }

    /** A stream left with events still to come (its client gone) closes its connection, which stops the server. */
    @Test
    void aStreamLeftBeforeItsEndClosesItsConnection() throws Exception {
        server.answer(Answer.thenSilence(STREAM_HEAD + chunk("data: {\"a\":1}\n\n") + chunk("data: {\"b\":2}\n\n")));
        try (HttpResponse response = client.send(HttpRequest.get(uri("/v1/stream")).build())) {
            assertEquals(new ServerSentEvent(null, "{\"a\":1}"), response.events().next());
        }
        assertTrue(server.awaitClientDisconnect(WAIT), "the connection was closed");
    }

    /** A server that sends [DONE] and then not the end of its body: the connection is closed, not kept half-read. */
    @Test
    void aStreamWhoseBodyDoesNotEndAfterItsLastEventClosesItsConnection() throws Exception {
        server.answer(Answer.thenSilence(STREAM_HEAD + chunk("data: [DONE]\n\n")));
        try (HttpResponse response = client.send(HttpRequest.get(uri("/v1/stream")).build())) {
            assertEquals(new ServerSentEvent(null, "[DONE]"), response.events().next());
        }
        assertTrue(server.awaitClientDisconnect(WAIT), "the connection was closed");
    }

    @Test
    void anEventThatNeverEndsFailsAtTheEventLimit() throws Exception {
        server.answer(Answer.writing(out -> {
            out.write(STREAM_HEAD.getBytes(StandardCharsets.UTF_8));
            writeForever(out, chunk("data: " + "y".repeat(100) + "\n"));
        }));
        assertLimit("max_event_bytes");
    }

    @Test
    void anEndlessStreamFailsAtTheEventCount() throws Exception {
        server.answer(Answer.writing(out -> {
            out.write(STREAM_HEAD.getBytes(StandardCharsets.UTF_8));
            writeForever(out, chunk("data: {}\n\n"));
        }));
        assertLimit("max_stream_events");
    }

    @Test
    void anEndlessStreamOfBigEventsFailsAtTheStreamSize() throws Exception {
        server.answer(Answer.writing(out -> {
            out.write(STREAM_HEAD.getBytes(StandardCharsets.UTF_8));
            writeForever(out, chunk("data: " + "z".repeat(40_000) + "\n\n"));
        }));
        assertLimit("max_stream_bytes");
    }

    @Test
    void aStreamThatOutlivesItsLongestDurationIsCut() throws Exception {
        try (HttpClient shortStreams = TestClients.client(HttpClientOptions.builder()
                .maxStreamDuration(Duration.ofMillis(300)).build())) {
            server.answer(Answer.writing(out -> {
                out.write(STREAM_HEAD.getBytes(StandardCharsets.UTF_8));
                while (true) {
                    out.write(chunk(": still here\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(20);
                }
            }));
            try (HttpResponse response = shortStreams.send(HttpRequest.get(uri("/v1/stream")).build())) {
                ServerSentEvents events = response.events();
                HttpLimitException failure = assertThrows(HttpLimitException.class, events::next);
                assertEquals("max_stream_duration", failure.limit());
            }
            assertTrue(server.awaitClientDisconnect(WAIT), "the connection was closed");
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutAtTheCallsTimeout() throws Exception {
        server.answer(Answer.thenSilence(""));
        HttpRequest request = HttpRequest.get(uri("/v1/models")).timeout(Duration.ofMillis(200)).build();
        assertThrows(SocketTimeoutException.class, () -> client.send(request));
        assertTrue(server.awaitClientDisconnect(WAIT), "the connection was closed");
    }

    @Test
    void theWholeCallTimeoutBoundsATrickledBodyToo() throws Exception {
        server.answer(Answer.writing(out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            while (true) {
                out.write('x');
                out.flush();
                Thread.sleep(10);
            }
        }));
        try (HttpResponse response = client.send(HttpRequest.get(uri("/v1/models"))
                .timeout(Duration.ofMillis(300)).build())) {
            assertThrows(SocketTimeoutException.class, response::bodyBytes);
        }
        assertTrue(server.awaitClientDisconnect(WAIT), "the connection was closed");
    }

    @Test
    void interruptingTheCallerAbortsTheCallAtOnce() throws Exception {
        server.answer(Answer.thenSilence(""));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = sendOnAThreadOfItsOwn(outcome);
        Await.until("the call to reach the server", () -> !server.requests().isEmpty());
        caller.interrupt();
        assertInstanceOf(InterruptedIOException.class, outcome.get(20, TimeUnit.SECONDS));
        assertTrue(server.awaitClientDisconnect(WAIT), "the connection was closed");
    }

    /**
     * A call sent on a connection taken from the pool whose caller is interrupted at once, while the pool's watch of
     * the idle connection is still being ended: the connection is closed (the server sees it) and not pooled again.
     */
    @Test
    void interruptingACallAsItTakesAPooledConnectionClosesThatConnection() throws Exception {
        interruptACallOnAPooledConnection(false);
    }

    /** The same, interrupted while the call waits for the answer on that connection. */
    @Test
    void interruptingACallWaitingOnAPooledConnectionClosesThatConnection() throws Exception {
        interruptACallOnAPooledConnection(true);
    }

    private void interruptACallOnAPooledConnection(boolean waitForTheRead) throws Exception {
        server.answer(Answer.of(OK), Answer.thenSilence(""), Answer.of(OK));
        try (HttpResponse warm = client.send(HttpRequest.get(uri("/v1/models")).build())) {
            warm.bodyBytes(); // read to its end: the connection goes back to the pool
        }
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = sendOnAThreadOfItsOwn(outcome);
        Await.until("the second call to reach the server", () -> server.requests().size() >= 2);
        assertEquals(1, server.connections(), "the call went out on the pooled connection");
        if (waitForTheRead) {
            Await.until("the caller to block reading the socket itself",
                    () -> caller.getState() != Thread.State.RUNNABLE && !stackHas(caller, "endIdle"));
        }
        caller.interrupt();
        assertInstanceOf(InterruptedIOException.class, outcome.get(20, TimeUnit.SECONDS));
        assertTrue(server.awaitClientDisconnect(WAIT), "the interrupted call's connection was closed");
        try (HttpResponse next = client.send(HttpRequest.get(uri("/v1/models")).build())) {
            assertEquals(200, next.status());
            next.bodyBytes();
        }
        assertEquals(2, server.connections(), "the next call came on a new connection");
    }

    /**
     * A server may close a kept-alive connection as idle just as a call goes out on it (after a few seconds idle, or
     * under load): a call that may be repeated (an idempotent method) is sent once more on a new connection and
     * answered, not failed.
     */
    @Test
    void aGetOnAConnectionTheServerClosedBeforeAnsweringIsSentOnceMoreOnANewOne() throws Exception {
        assertSentOnceMore(HttpRequest.get(uri("/v1/models")).build());
    }

    /** The same for a POST that carries an Idempotency-Key: the server is trusted to do its work once. */
    @Test
    void aPostWithAnIdempotencyKeyIsSentOnceMoreToo() throws Exception {
        byte[] body = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        assertSentOnceMore(HttpRequest.post(uri("/v1/chat/completions"), body, "application/json")
                .header("Idempotency-Key", "call-1").build());
    }

    /**
     * A POST without one is not: the server may have read it whole and begun the work (a chat completion billed)
     * before it closed, so the call fails and the caller decides.
     */
    @Test
    void aPostOnAConnectionTheServerClosedBeforeAnsweringFailsAndIsSentOnce() throws Exception {
        server.answer(Answer.of(OK), new Answer(out -> { }, true, 0), Answer.of(OK));
        byte[] body = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        HttpRequest completion = HttpRequest.post(uri("/v1/chat/completions"), body, "application/json").build();
        try (HttpResponse warm = client.send(completion)) {
            warm.bodyBytes(); // read to its end: the connection goes back to the pool
        }
        assertThrows(IOException.class, () -> client.send(completion));
        assertEquals(2, server.requests().size(), "the second call went out once");
        assertEquals(1, server.connections(), "on the reused connection only");
    }

    /**
     * A server that closes its kept connections at once (a restart, or one that closes after each answer without
     * saying so): the first POST on one of them fails, and the others are dropped with it, so the next call goes out
     * on a new connection instead of failing on the next closed one.
     */
    @Test
    void aConnectionFoundClosedByItsServerDropsTheOthersKeptBesideIt() throws Exception {
        Answer answerThenClose = new Answer(out -> out.write(OK.getBytes(StandardCharsets.UTF_8)), true, 300);
        server.answer(answerThenClose, answerThenClose, Answer.of(OK), Answer.of(OK));
        byte[] body = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        HttpRequest completion = HttpRequest.post(uri("/v1/chat/completions"), body, "application/json").build();
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> both = List.of(calls.submit(() -> statusOf(completion)),
                    calls.submit(() -> statusOf(completion)));
            for (Future<Integer> call : both) {
                assertEquals(200, call.get(20, TimeUnit.SECONDS)); // two connections kept, both closed by the server
            }
        }
        assertEquals(2, server.connections());
        int failed = 0;
        for (int i = 0; i < 2; i++) {
            try (HttpResponse response = client.send(completion)) {
                assertEquals(200, response.status());
                response.bodyBytes();
            } catch (IOException e) {
                failed++;
            }
        }
        assertTrue(failed <= 1, failed + " calls failed on connections the server had closed");
        assertEquals(3, server.connections(), "the call after the failed one went out on a new connection");
    }

    private int statusOf(HttpRequest call) {
        try (HttpResponse response = client.send(call)) {
            response.bodyBytes();
            return response.status();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertSentOnceMore(HttpRequest call) throws Exception {
        server.answer(Answer.of(OK), new Answer(out -> { }, true, 0), Answer.of(OK));
        for (int i = 0; i < 2; i++) {
            try (HttpResponse response = client.send(call)) {
                assertEquals(200, response.status());
                response.bodyBytes();
            }
        }
        assertEquals(3, server.requests().size(), "the second call went out twice");
        assertEquals(server.requests().get(1), server.requests().get(2), "the same request both times");
        assertEquals(2, server.connections(), "once more on a new connection");
    }

    /**
     * A server that began to answer had taken the call up: a reused connection closed after part of the status line
     * is not sent once more, even for a call that may be repeated, and the call fails.
     */
    @Test
    void aCallOnAReusedConnectionClosedInTheStatusLineIsNotSentAgain() throws Exception {
        assertClosedMidAnswerIsSentOnce("HTTP/1.1 20");
    }

    /** The same, closed after the status line and part of the headers. */
    @Test
    void aCallOnAReusedConnectionClosedInTheHeadersIsNotSentAgain() throws Exception {
        assertClosedMidAnswerIsSentOnce("HTTP/1.1 200 OK\r\nContent-Type: applica");
    }

    private void assertClosedMidAnswerIsSentOnce(String partOfAnAnswer) throws Exception {
        server.answer(Answer.of(OK), new Answer(out -> out.write(partOfAnAnswer.getBytes(StandardCharsets.UTF_8)),
                true, 0), Answer.of(OK));
        HttpRequest models = HttpRequest.get(uri("/v1/models")).build();
        try (HttpResponse warm = client.send(models)) {
            warm.bodyBytes(); // read to its end: the connection goes back to the pool
        }
        assertThrows(IOException.class, () -> client.send(models));
        assertEquals(2, server.requests().size(), "the second call went out once");
        assertEquals(1, server.connections(), "on the reused connection only");
    }

    /** A new connection closed before answering is not the stale-connection case: that call fails as it is. */
    @Test
    void aCallOnANewConnectionClosedBeforeAnsweringFails() throws Exception {
        server.answer(new Answer(out -> { }, true, 0), Answer.of(OK));
        assertThrows(IOException.class, () -> client.send(HttpRequest.get(uri("/v1/models")).build()));
        assertEquals(1, server.requests().size(), "sent once");
    }

    @Test
    void closingTheClientClosesItsIdleConnections() throws Exception {
        server.answer(Answer.of(OK));
        try (HttpResponse response = client.send(HttpRequest.get(uri("/v1/models")).build())) {
            response.bodyBytes();
        }
        assertTrue(!server.awaitClientDisconnect(Duration.ZERO), "the connection is kept for the next call");
        client.close();
        assertTrue(server.awaitClientDisconnect(WAIT), "the idle connection was closed with the client");
    }

    /** An answer read to its end after its client was closed gives its connection back to no pool: it is closed. */
    @Test
    void anAnswerReadAfterItsClientClosedClosesItsConnection() throws Exception {
        server.answer(Answer.of(OK));
        try (HttpResponse response = client.send(HttpRequest.get(uri("/v1/models")).build())) {
            client.close();
            assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), response.bodyBytes());
        }
        assertTrue(server.awaitClientDisconnect(WAIT), "the connection was closed, not kept");
    }

    @Test
    void aClosedPortFailsToConnect() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port + "/v1/models");
        IOException failure = assertThrows(IOException.class, () -> client.send(HttpRequest.get(nowhere).build()));
        assertInstanceOf(ConnectException.class, rootCause(failure), failure.toString());
    }

    private void assertLimit(String limit) throws Exception {
        try (HttpResponse response = client.send(HttpRequest.get(uri("/v1/stream")).build())) {
            ServerSentEvents events = response.events();
            HttpLimitException failure = assertThrows(HttpLimitException.class, () -> {
                while (events.next() != null) {
                    // keep reading until a limit stops it
                }
            });
            assertEquals(limit, failure.limit());
        }
        assertTrue(server.awaitClientDisconnect(WAIT), "the connection was closed");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static long requestsCounted(String host, String status) {
        return TestClients.METERS.counter(HttpClientMetrics.REQUESTS,
                List.of(Tag.create("host", host), Tag.create("status", status)))
                .map(Counter::count).orElse(0L);
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }

    private static void writeForever(OutputStream out, String piece) throws IOException {
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        while (true) {
            out.write(bytes);
        }
    }

    private static boolean stackHas(Thread thread, String method) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Sends a GET of /v1/models on a virtual thread; {@code outcome} gets what it threw, or null when it returned. */
    private Thread sendOnAThreadOfItsOwn(CompletableFuture<Throwable> outcome) {
        return Thread.ofVirtual().start(() -> {
            try {
                client.send(HttpRequest.get(uri("/v1/models")).build());
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
    }
}

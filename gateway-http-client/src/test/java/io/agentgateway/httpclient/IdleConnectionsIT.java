package io.agentgateway.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpClientOptions;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many connections kept after a burst of concurrent calls, then a quiet time longer than the server keeps an idle
 * connection open (or than the client's read timeout), then a burst and a steady series of POSTs: none of them may go
 * out on a connection the server closed meanwhile, since a POST that ends before any answer byte is not sent again.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IdleConnectionsIT {

    private static final int CONCURRENT = 32;
    private static final byte[] OK = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
            .getBytes(StandardCharsets.US_ASCII);

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private IdleClosingServer server;
    private HttpClient client;

    @AfterEach
    void stop() throws IOException {
        threads.shutdownNow();
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A server that closes a connection idle for 500 ms, as gunicorn, Node or the JDK's HttpServer do after seconds. */
    @Test
    void noPostFailsAfterTheServerClosedTheIdleConnectionsKeptAfterABurst() throws Exception {
        server = new IdleClosingServer(Duration.ofMillis(500));
        client = TestClients.client(HttpClientOptions.builder().readTimeout(Duration.ofSeconds(30)).build());

        burstAndQuietThenPostsSucceed(Duration.ofSeconds(3));
        assertTrue(server.closedIdle() >= CONCURRENT,
                "the server closed the " + CONCURRENT + " idle connections: " + server.closedIdle());
    }

    /**
     * A server that keeps idle connections open while the client's watch of each gives up after the socket's read
     * timeout: the client closes them, and no call takes one whose watch ended.
     */
    @Test
    void noPostFailsAfterTheWatchOfTheIdleConnectionsGaveUp() throws Exception {
        server = new IdleClosingServer(Duration.ZERO);
        client = TestClients.client(HttpClientOptions.builder().readTimeout(Duration.ofMillis(800)).build());

        burstAndQuietThenPostsSucceed(Duration.ofSeconds(4));
        assertTrue(server.closedByClient() >= CONCURRENT,
                "the client closed the connections whose watch gave up: " + server.closedByClient());
    }

    /**
     * Helidon's watch of an idle connection gives up after the socket's read timeout, in steps of about 100 ms; a
     * call that takes the connection in the last step (its request sent, its answer not yet begun) would fail with
     * that give-up, after the server got the request. Calls taken just before the watches give up all succeed.
     */
    @Test
    void noCallFailsOnAConnectionWhoseWatchIsAboutToGiveUp() throws Exception {
        server = new IdleClosingServer(Duration.ZERO);
        client = TestClients.client(HttpClientOptions.builder().readTimeout(Duration.ofSeconds(2)).build());
        server.holdFirst(CONCURRENT);
        assertEquals(List.of(), BackgroundCalls.failuresOf(burst()), "the first burst");
        long idleSince = System.nanoTime();
        server.answerAfter(Duration.ofMillis(1500)); // each call keeps its connection past the last one's start

        // The watches start 1 to 1.25 s after the connections went idle and give up 2 s later: one call every
        // 40 ms from 2.6 to 3.9 s after, each on a connection of its own, across the moments the watches give up.
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            long at = idleSince + Duration.ofMillis(2600 + 40L * i).toNanos();
            Thread.sleep(Math.max(0, (at - System.nanoTime()) / 1_000_000));
            calls.add(callInBackground());
        }
        assertEquals(List.of(), BackgroundCalls.failuresOf(calls),
                "calls on connections whose watch was about to give up");
    }

    private void burstAndQuietThenPostsSucceed(Duration quiet) throws Exception {
        server.holdFirst(CONCURRENT); // so that the first calls overlap and each keeps a connection of its own
        assertEquals(List.of(), BackgroundCalls.failuresOf(burst()), "the first burst");
        assertEquals(CONCURRENT, server.connections(), "one connection per concurrent call, kept");

        Thread.sleep(quiet.toMillis());

        List<String> failures = new ArrayList<>(BackgroundCalls.failuresOf(burst()));
        for (int i = 0; i < 50; i++) { // 50 calls a second for a second
            failures.addAll(BackgroundCalls.failuresOf(List.of(callInBackground())));
            Thread.sleep(20);
        }
        assertEquals(List.of(), failures, "calls after the quiet time");
        assertEquals(2 * CONCURRENT + 50, server.requests(), "each POST went out once");
    }

    private List<Future<Integer>> burst() {
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            calls.add(callInBackground());
        }
        return calls;
    }

    private Future<Integer> callInBackground() {
        return BackgroundCalls.post(client, threads, server.port());
    }

    /**
     * Answers each request with 200 {} on keep-alive connections, and closes a connection that lies idle for its idle
     * timeout (none when zero), as servers do: with nothing unread, so the client sees the end of the stream.
     */
    private static final class IdleClosingServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        private final Duration idleTimeout;
        private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger closedIdle = new AtomicInteger();
        private final AtomicInteger closedByClient = new AtomicInteger();
        private volatile CountDownLatch held = new CountDownLatch(0);
        private volatile Duration answerAfter = Duration.ZERO;

        IdleClosingServer(Duration idleTimeout) throws IOException {
            this.idleTimeout = idleTimeout;
            handlers.submit(this::acceptAll);
        }

        /** The first {@code count} requests are answered once all of them arrived (at most 20 s later). */
        void holdFirst(int count) {
            held = new CountDownLatch(count);
        }

        /** Each answer from now on is written this long after its request arrived. */
        void answerAfter(Duration delay) {
            answerAfter = delay;
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        int requests() {
            return requests.get();
        }

        int closedIdle() {
            return closedIdle.get();
        }

        int closedByClient() {
            return closedByClient.get();
        }

        private Void acceptAll() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    connections.incrementAndGet();
                    handlers.submit(() -> serve(connection));
                } catch (IOException e) {
                    return null; // closed
                }
            }
            return null;
        }

        private Void serve(Socket connection) throws Exception {
            try (connection) {
                InputStream in = new BufferedInputStream(connection.getInputStream());
                OutputStream out = connection.getOutputStream();
                while (true) {
                    connection.setSoTimeout((int) idleTimeout.toMillis());
                    int first;
                    try {
                        first = in.read();
                    } catch (SocketTimeoutException e) {
                        closedIdle.incrementAndGet();
                        return null;
                    }
                    if (first == -1) {
                        closedByClient.incrementAndGet();
                        return null;
                    }
                    connection.setSoTimeout(10_000);
                    readRest(first, in);
                    requests.incrementAndGet();
                    CountDownLatch latch = held;
                    latch.countDown();
                    latch.await(20, TimeUnit.SECONDS);
                    Thread.sleep(answerAfter.toMillis());
                    out.write(OK);
                    out.flush();
                }
            } catch (IOException e) {
                return null;
            }
        }

        /** Reads the rest of a request's head and its body of Content-Length bytes. */
        private static void readRest(int first, InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.write(first);
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b == -1) {
                    throw new IOException("the request's head ended early");
                }
                head.write(b);
            }
            int length = 0;
            for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            in.readNBytes(length);
        }

        @Override
        public void close() throws IOException {
            socket.close();
            handlers.shutdownNow();
        }
    }
}

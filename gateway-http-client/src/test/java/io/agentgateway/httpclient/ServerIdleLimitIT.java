package io.agentgateway.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpClientOptions;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JDK's HttpServer keeps at most 200 idle connections ({@code sun.net.httpserver.maxIdleConnections}): a
 * connection whose exchange ends while 200 others lie idle is closed just after its answer, without
 * {@code Connection: close}. A client that keeps more connections than that to one such server is handed them back
 * open, and a POST on one taken again at once ends before any answer byte. So the client keeps fewer.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerIdleLimitIT {

    /** More calls at once than the server keeps idle connections. */
    private static final int CONCURRENT = 230;

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger requests = new AtomicInteger();
    private final ReentrantLock answering = new ReentrantLock();
    private volatile CountDownLatch held = new CountDownLatch(0);
    private volatile boolean spacing;
    private HttpServer server;
    private HttpClient client;

    @AfterEach
    void stop() {
        threads.shutdownNow();
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void noPostFailsAfterABurstWiderThanTheServersIdleConnections() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            CountDownLatch latch = held;
            latch.countDown();
            try {
                latch.await(20, TimeUnit.SECONDS);
                // One answer at a time, a few milliseconds apart: the burst drains as a load spike does, each
                // connection given back before the next answer ends.
                answering.lock();
                try {
                    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                    Thread.sleep(spacing ? 4 : 0);
                } finally {
                    answering.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        client = TestClients.client(HttpClientOptions.builder().readTimeout(Duration.ofSeconds(30)).build());

        held = new CountDownLatch(CONCURRENT); // each call of the burst keeps a connection of its own
        spacing = true;
        List<Future<Integer>> burst = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            burst.add(callInBackground());
        }
        assertEquals(List.of(), BackgroundCalls.failuresOf(burst), "the burst");
        spacing = false;
        Thread.sleep(100); // less than the client waits before it watches an idle connection

        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 50; i++) { // a steady series, as after the burst of a benchmark's warm-up
            failures.addAll(BackgroundCalls.failuresOf(List.of(callInBackground())));
        }
        List<Future<Integer>> again = new ArrayList<>();
        for (int i = 0; i < 50; i++) { // and a second burst, taking connections older in the queue
            again.add(callInBackground());
        }
        failures.addAll(BackgroundCalls.failuresOf(again));
        assertEquals(List.of(), failures, "calls after the burst");
        assertEquals(CONCURRENT + 100, requests.get(), "each POST reached the server once");
    }

    private Future<Integer> callInBackground() {
        return BackgroundCalls.post(client, threads, server.getAddress().getPort());
    }
}

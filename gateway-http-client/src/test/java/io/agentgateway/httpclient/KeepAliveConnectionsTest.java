package io.agentgateway.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.agentgateway.mock.ScriptedServer;
import io.agentgateway.mock.ScriptedServer.Answer;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.http1.Http1Client;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the idle connections' servers are watched (Helidon's watch: a thread that reads the idle socket), on a clock the
 * test moves: not for a connection taken again soon, and for one idle longer, so that a server's close is noticed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KeepAliveConnectionsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

    @TempDir
    Path dumps;

    private final AtomicLong now = new AtomicLong();
    private ScriptedServer server;
    private WebClient web;
    private KeepAliveConnections connections;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedServer();
        web = WebClient.builder().shareConnectionCache(false).servicesDiscoverServices(false)
                .readTimeout(Duration.ofSeconds(30)).build();
        connections = new KeepAliveConnections(web, now::get);
    }

    @AfterEach
    void stop() throws IOException {
        connections.close();
        web.closeResource();
        server.close();
    }

    @Test
    void aConnectionTakenAgainWithinTheThresholdIsUsedWithoutAWatch() throws Exception {
        server.answer(Answer.of(OK), Answer.of(OK));
        KeptConnection first = call(connections.take(uri(), Proxy.noProxy()));
        passes(KeepAliveConnections.WATCH_AFTER.minusMillis(1));
        connections.sweep();
        assertFalse(watchRuns(first), "no thread watches the idle connection yet");

        KeepAliveConnections.Taken again = connections.take(uri(), Proxy.noProxy());
        assertTrue(again.reused());
        assertSame(first, again.connection());
        assertFalse(again.connection().watched(), "taken as it was given back");
        call(again);
        assertEquals(1, server.connections());
    }

    @Test
    void aConnectionIdleLongerIsWatchedAndServesTheNextCall() throws Exception {
        server.answer(Answer.of(OK), Answer.of(OK));
        KeptConnection first = call(connections.take(uri(), Proxy.noProxy()));
        passes(KeepAliveConnections.WATCH_AFTER);
        connections.sweep();
        assertTrue(watchRuns(first), "a thread watches the idle connection");

        KeepAliveConnections.Taken again = connections.take(uri(), Proxy.noProxy());
        assertSame(first, again.connection());
        assertTrue(again.connection().watched());
        call(again); // the watch reads the answer's first byte and hands it over
        assertEquals(1, server.connections());
    }

    /** What the watch is for: a POST goes out on a new connection, not on one the server closed while it lay idle. */
    @Test
    void aServerThatClosedAConnectionIdleLongerIsNoticedAndTheNextCallGoesOutOnANewOne() throws Exception {
        server.answer(new Answer(out -> out.write(OK.getBytes(StandardCharsets.UTF_8)), true, 0), Answer.of(OK));
        KeptConnection closedByTheServer = call(connections.take(uri(), Proxy.noProxy()));
        passes(KeepAliveConnections.WATCH_AFTER.plusSeconds(4));
        connections.sweep();
        Await.until("the watch to notice the server's close", () -> !closedByTheServer.isConnected());

        KeepAliveConnections.Taken next = connections.take(uri(), Proxy.noProxy());
        assertFalse(next.reused(), "a new connection");
        HttpClientResponse answer = web.post().uri(uri()).protocolId(Http1Client.PROTOCOL_ID)
                .connection(next.connection()).submit("{}");
        assertEquals(200, answer.status().code());
        answer.close();
        assertEquals(2, server.requests().size(), "the POST went out once");
        assertEquals(2, server.connections());
    }

    /**
     * The watch gives up after the socket's read timeout (30 s here), and a call that took the connection just then
     * would fail with it: until {@link KeepAliveConnections#GIVE_UP_MARGIN} before, the connection serves calls.
     */
    @Test
    void aConnectionWatchedUntilShortlyBeforeItsWatchGivesUpServesTheNextCall() throws Exception {
        server.answer(Answer.of(OK), Answer.of(OK));
        KeptConnection first = call(connections.take(uri(), Proxy.noProxy()));
        passes(KeepAliveConnections.WATCH_AFTER);
        connections.sweep();
        passes(Duration.ofSeconds(30).minus(KeepAliveConnections.GIVE_UP_MARGIN).minusMillis(1));
        connections.sweep();

        KeepAliveConnections.Taken again = connections.take(uri(), Proxy.noProxy());
        assertSame(first, again.connection());
        call(again);
        assertEquals(1, server.connections());
    }

    /** ... and from then on it is closed instead, by the call that finds it so: the call goes out on a new one. */
    @Test
    void aConnectionWhoseWatchIsAboutToGiveUpIsClosedAndTheCallGoesOutOnANewOne() throws Exception {
        server.answer(Answer.of(OK), Answer.of(OK));
        call(connections.take(uri(), Proxy.noProxy()));
        passes(KeepAliveConnections.WATCH_AFTER);
        connections.sweep();
        passes(Duration.ofSeconds(30).minus(KeepAliveConnections.GIVE_UP_MARGIN));

        KeepAliveConnections.Taken next = connections.take(uri(), Proxy.noProxy());
        assertFalse(next.reused(), "a new connection");
        assertTrue(server.awaitClientDisconnect(WAIT), "the one watched that long was closed");
        call(next);
        assertEquals(2, server.connections());
    }

    /**
     * A call may leave a short read timeout on its connection (a stream's end is read with 20 ms); the watch of the
     * idle connection still reads with the client's own, so the connection is not dropped as about to give up.
     */
    @Test
    void aShortReadTimeoutLeftByTheLastCallDoesNotShortenTheWatch() throws Exception {
        server.answer(Answer.of(OK), Answer.of(OK));
        KeptConnection first = call(connections.take(uri(), Proxy.noProxy()));
        first.readTimeout(HostHttpResponse.END_WAIT);
        passes(KeepAliveConnections.WATCH_AFTER);
        connections.sweep();
        passes(KeepAliveConnections.GIVE_UP_MARGIN);
        connections.sweep();

        KeepAliveConnections.Taken again = connections.take(uri(), Proxy.noProxy());
        assertTrue(again.reused(), "the idle connection serves the next call");
        call(again);
        assertEquals(1, server.connections());
    }

    /** ... or by the sweeping thread, if no call comes first. */
    @Test
    void theSweepClosesAConnectionWhoseWatchIsAboutToGiveUp() throws Exception {
        server.answer(Answer.of(OK));
        call(connections.take(uri(), Proxy.noProxy()));
        passes(KeepAliveConnections.WATCH_AFTER);
        connections.sweep();
        passes(Duration.ofSeconds(30).minus(KeepAliveConnections.GIVE_UP_MARGIN));
        connections.sweep();
        assertTrue(server.awaitClientDisconnect(WAIT), "it was closed");
    }

    @Test
    void aConnectionInUseIsNeverWatched() throws Exception {
        server.answer(Answer.of(OK), Answer.of(OK));
        KeptConnection connection = call(connections.take(uri(), Proxy.noProxy()));
        KeepAliveConnections.Taken inUse = connections.take(uri(), Proxy.noProxy());
        passes(KeepAliveConnections.WATCH_AFTER.plusSeconds(10));
        connections.sweep();
        assertFalse(watchRuns(connection), "only idle connections are watched");
        call(inUse);
    }

    @Test
    void theSweepingThreadEndsOnceNoConnectionLiesIdle() throws Exception {
        server.answer(Answer.of(OK));
        call(connections.take(uri(), Proxy.noProxy()));
        Thread sweeper = connections.sweeper();
        assertNotNull(sweeper, "started by the connection given back");
        assertTrue(sweeper.isAlive());
        connections.take(uri(), Proxy.noProxy()).connection().closeResource();
        assertTrue(sweeper.join(WAIT), "it ended");
    }

    @Test
    void closingStopsTheSweepingThreadAndClosesIdleConnections() throws Exception {
        server.answer(Answer.of(OK));
        call(connections.take(uri(), Proxy.noProxy()));
        Thread sweeper = connections.sweeper();
        assertTrue(sweeper.isAlive(), "a connection lies idle");
        connections.close();
        assertTrue(sweeper.join(WAIT), "it ended with the client");
        assertTrue(server.awaitClientDisconnect(WAIT), "the idle connection was closed");
    }

    /** Sends a GET on the taken connection and reads its answer to the end, which gives the connection back. */
    private KeptConnection call(KeepAliveConnections.Taken taken) {
        try (HttpClientResponse answer = web.get().uri(uri()).protocolId(Http1Client.PROTOCOL_ID)
                .connection(taken.connection()).request()) {
            assertEquals(200, answer.status().code());
            assertEquals("{}", answer.as(String.class));
        }
        return taken.connection();
    }

    private void passes(Duration time) {
        now.addAndGet(time.toNanos());
    }

    /** Whether Helidon's watch thread of {@code connection}'s socket runs, as a dump of all threads (virtual too) says. */
    private boolean watchRuns(KeptConnection connection) throws IOException {
        Path dump = dumps.resolve("threads-" + System.nanoTime() + ".txt");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
        return Files.readString(dump).contains("helidon-socket-monitor-" + connection.channelId() + "-");
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.port() + "/v1/models");
    }
}

package io.agentgateway.httpclient;

import static java.util.Objects.requireNonNull;

import io.helidon.webclient.api.ConnectionKey;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.TcpClientConnection;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.api.WebClientConfig;
import io.helidon.webclient.http1.Http1Client;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The idle keep-alive connections of one client's plain-http (HTTP/1.1) calls, by where they lead (host, port, proxy).
 *
 * <p>Why the client keeps them rather than Helidon's WebClient 4.5: each call must know its connection, so that a
 * call that fails (above all one whose thread was interrupted because its client left) closes that connection and
 * never hands it on. The WebClient's own pool gives a call no handle on its connection, and a call interrupted while
 * the pool's watch of an idle connection is being ended fails without closing the socket: the upstream would go on
 * answering (and billing) a call no one waits for.
 *
 * <p>A server may close a connection while it lies idle, and a POST sent on it then cannot always be sent again
 * ({@link HostHttpClient}'s resend rule), so such a connection should be found closed before a call takes it. Helidon's
 * watch finds it: a thread of its own reads the idle socket, and notes the server's close. The WebClient starts it each
 * time a connection goes back to its pool, so every reused call pays for it: a new thread, two changes of the socket's
 * timeout, and its answer's first byte read on that thread and handed over when the call's own first read ends the
 * watch. Servers close idle connections after seconds (gunicorn 2 s, Node and uvicorn 5 s, nginx 75 s), so here a
 * connection given back is kept unwatched, and one taken again within {@link #WATCH_AFTER} is used as it is. One
 * thread, running while any connection lies idle, looks at them every {@link #SWEEP_EVERY}: it starts the watch of
 * those idle longer, and closes those whose watch ended (the server closed them) or is about to give up.
 *
 * <p>The watch gives up after the socket's read timeout, in steps of about 100 ms, and a call that took the connection
 * in the last step (its request sent, the answer not begun) fails as the watch gives up, though the server has its
 * request. So a connection watched for its read timeout less {@link #GIVE_UP_MARGIN} is closed, by the sweeping thread
 * or by the call that finds it so: a server that keeps idle connections longer than the client's read timeout gets
 * a new one. A connection found closed when taken is closed and skipped.
 *
 * <p>That thread never watches a connection a call uses (two readers of one socket corrupt the stream): a connection
 * belongs to whoever removed it from its queue. Calls take connections from the queue only; the sweeping thread
 * removes one ({@code remove} is true only if it was still there), starts its watch and puts it back.
 *
 * <p>Connections are taken newest first, so that under light load the same few serve one call after another within
 * {@link #WATCH_AFTER}, and those left over age at the other end, are watched, and go when their server closes them.
 */
final class KeepAliveConnections implements AutoCloseable {

    /**
     * How long a connection lies idle before its server is watched. Servers close idle connections after seconds, so
     * one taken again sooner (under any steady load) pays nothing for the watch; a server that closes one sooner is
     * the rare case, and a call on it falls to the resend rule. Short enough that few connections idle for longer
     * go unwatched for long: at most this plus {@link #SWEEP_EVERY}.
     */
    static final Duration WATCH_AFTER = Duration.ofSeconds(1);

    /** How often the idle connections are looked at: a few wake-ups a second of one thread, while any lies idle. */
    static final Duration SWEEP_EVERY = Duration.ofMillis(250);

    /**
     * How long before its watch gives up an idle connection is no longer taken: more than the watch's last step and
     * the writing of a request, which a call does before its first read ends the watch.
     */
    static final Duration GIVE_UP_MARGIN = Duration.ofSeconds(1);

    /**
     * How many idle connections are kept per server, at most; one given back beyond that is closed. Servers cap their
     * idle connections too, and one may do it silently: the JDK's HttpServer keeps 200 (all clients together), and
     * closes a connection whose exchange ends while 200 others lie idle just after its answer, without
     * {@code Connection: close}. Kept here, that connection would be taken again at once, unwatched, and fail its
     * POST. Helidon's default cache of 256 per server exceeds that; a burst of calls then left more connections open
     * than the server keeps, and the first calls after it failed. Fewer than the smallest such cap known: under more
     * calls at once than this, the connections beyond it are opened anew, a fraction of a millisecond on a local net.
     * It does not cover a burst wider than the server's cap whose answers end together: the server counts those
     * connections idle before the client has closed the ones beyond this, and may close some the client keeps.
     */
    static final int MAX_IDLE_PER_SERVER = 128;

    private static final long WATCH_AFTER_NANOS = WATCH_AFTER.toNanos();
    private static final long GIVE_UP_MARGIN_NANOS = GIVE_UP_MARGIN.toNanos();
    private static final List<String> HTTP_1_1 = List.of(Http1Client.PROTOCOL_ID);

    private final WebClient web;
    private final int maxIdlePerKey;
    private final LongSupplier clock;
    private final Map<ConnectionKey, BlockingDeque<KeptConnection>> idle = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile Thread sweeper;
    private volatile boolean closed;

    KeepAliveConnections(WebClient web) {
        this(web, System::nanoTime);
    }

    /** @param clock the time in nanoseconds, as {@link System#nanoTime()} tells it */
    KeepAliveConnections(WebClient web, LongSupplier clock) {
        this.web = requireNonNull(web, "web is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.maxIdlePerKey = Math.min(web.prototype().connectionCacheSize(), MAX_IDLE_PER_SERVER);
    }

    /** A connection for one call, and whether it served calls before (and so may have been closed by the server). */
    record Taken(KeptConnection connection, boolean reused) {
    }

    /**
     * @return the idle connection to {@code uri}'s server (through {@code proxy}) given back last that is still open,
     *     else a new one; the caller gives it back by closing the answer read to its end, and closes it when the call
     *     fails
     * @throws RuntimeException as Helidon reports a failure to connect
     */
    Taken take(URI uri, Proxy proxy) {
        ConnectionKey key = key(uri, proxy);
        BlockingDeque<KeptConnection> queue = queue(key);
        KeptConnection connection;
        while ((connection = queue.pollFirst()) != null) {
            if (connection.isConnected() && !watchEndsSoon(connection, clock.getAsLong())) {
                return new Taken(connection.newCall(), true);
            }
            connection.closeResource(); // the server closed it while idle, or its watch is about to give up
        }
        return new Taken(open(key, queue), false);
    }

    /** @return a new connection to {@code uri}'s server, kept for later calls once its answer is read */
    KeptConnection open(URI uri, Proxy proxy) {
        ConnectionKey key = key(uri, proxy);
        return open(key, queue(key));
    }

    private ConnectionKey key(URI uri, Proxy proxy) {
        if (closed) {
            throw new IllegalStateException("the HTTP client is closed");
        }
        WebClientConfig config = web.prototype();
        return ConnectionKey.create("http", uri.getHost(), port(uri), HostHttpClient.NO_TLS, config.dnsResolver(),
                config.dnsAddressLookup(), proxy);
    }

    private BlockingDeque<KeptConnection> queue(ConnectionKey key) {
        return idle.computeIfAbsent(key, k -> new LinkedBlockingDeque<>(maxIdlePerKey));
    }

    private KeptConnection open(ConnectionKey key, BlockingDeque<KeptConnection> queue) {
        // The kept connection, not the socket, is released by Helidon: the socket's own release is never called.
        TcpClientConnection socket = TcpClientConnection.create(web, key, HTTP_1_1, released -> false, closed -> { })
                .connect();
        return new KeptConnection(socket, web.prototype().socketOptions().readTimeout(),
                released -> keep(queue, released));
    }

    /** Called by Helidon when a call's answer was read to its end; false closes the connection instead. */
    private boolean keep(BlockingDeque<KeptConnection> queue, KeptConnection connection) {
        if (closed || !connection.isConnected()) {
            return false;
        }
        connection.idleFrom(clock.getAsLong()); // unwatched: see above
        if (!queue.offerFirst(connection)) { // taken newest first: see above
            return false;
        }
        // close() may have emptied the queue between the check above and the offer: it would lie open for good.
        if (closed && queue.remove(connection)) {
            return false;
        }
        sweepWhileIdle();
        return true;
    }

    /** Starts the sweeping thread unless it runs; it stops once no connection lies idle, or when the client closes. */
    private void sweepWhileIdle() {
        if (!sweeping.get() && sweeping.compareAndSet(false, true)) {
            sweeper = Thread.ofVirtual().name("http-client-idle-connections").start(this::sweepEvery);
        }
    }

    private void sweepEvery() {
        try {
            while (!closed) {
                Thread.sleep(SWEEP_EVERY);
                sweep();
                if (!anyIdle()) {
                    sweeping.set(false);
                    // A connection given back just now saw this thread running and started none: look once more.
                    if (!anyIdle() || !sweeping.compareAndSet(false, true)) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            // the client closed
        } catch (RuntimeException | Error e) {
            sweeping.set(false); // so that the next connection given back starts a sweeper again
            throw e;
        }
    }

    /**
     * Starts the watch of each connection idle for {@link #WATCH_AFTER} or longer, and closes each whose watch
     * ended because its server closed it (or the watch gave up), or whose watch is about to give up.
     */
    void sweep() {
        long now = clock.getAsLong();
        for (BlockingDeque<KeptConnection> queue : idle.values()) {
            for (KeptConnection connection : queue) { // a call may take it meanwhile: then remove() is false
                boolean due = connection.watched()
                        ? !connection.isConnected() || watchEndsSoon(connection, now)
                        : now - connection.idleSince() >= WATCH_AFTER_NANOS;
                if (due && queue.remove(connection)) { // this thread's alone now: no call has it, none can take it
                    watchOrClose(queue, connection, now);
                }
            }
        }
    }

    private void watchOrClose(BlockingDeque<KeptConnection> queue, KeptConnection connection, long now) {
        if (connection.watched() || !connection.isConnected()) { // watched before: it is closed, or about to give up
            connection.closeResource();
            return;
        }
        try {
            connection.watch(now);
        } catch (RuntimeException e) {
            connection.closeResource(); // a watch that cannot start: the connection goes, the sweep goes on
            return;
        }
        // Back at the end calls take from last, among the oldest; closed meanwhile or no room: it goes.
        if (!queue.offerLast(connection) || closed && queue.remove(connection)) {
            connection.closeResource();
        }
    }

    /**
     * Closes the idle connections to {@code uri}'s server (through {@code proxy}). Called when one of them turned out
     * to be closed by its server unseen (taken within {@link #WATCH_AFTER}, nothing watched it): the others kept beside
     * it most likely were too, as when the server restarts, and each would fail one more call that may not be sent
     * again.
     */
    void dropIdle(URI uri, Proxy proxy) {
        if (closed) {
            return;
        }
        BlockingDeque<KeptConnection> queue = idle.get(key(uri, proxy));
        KeptConnection connection;
        while (queue != null && (connection = queue.pollFirst()) != null) {
            connection.closeResource();
        }
    }

    /** Whether {@code connection}'s watch gives up within {@link #GIVE_UP_MARGIN} of {@code now}, or gave up. */
    private static boolean watchEndsSoon(KeptConnection connection, long now) {
        return connection.watched() && now - connection.watchGivesUpAt() >= -GIVE_UP_MARGIN_NANOS;
    }

    private boolean anyIdle() {
        for (BlockingDeque<KeptConnection> queue : idle.values()) {
            if (!queue.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** @return the thread that sweeps the idle connections, last started (null before any was given back) */
    Thread sweeper() {
        return sweeper;
    }

    @Override
    public void close() {
        closed = true;
        Thread running = sweeper;
        if (running != null) {
            running.interrupt();
        }
        for (BlockingDeque<KeptConnection> queue : idle.values()) {
            KeptConnection connection;
            while ((connection = queue.pollFirst()) != null) {
                connection.closeResource();
            }
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : 80;
    }
}

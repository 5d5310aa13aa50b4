package io.agentgateway.httpclient;

import static java.util.Objects.requireNonNull;

import io.helidon.common.tls.Tls;
import io.helidon.webclient.api.ConnectionKey;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.TcpClientConnection;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.api.WebClientConfig;
import io.helidon.webclient.http1.Http1Client;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * The idle keep-alive connections of one client's plain-http (HTTP/1.1) calls, by where they lead (host, port, proxy).
 *
 * <p>Why the client keeps them rather than Helidon's WebClient 4.5: each call must know its connection, so that a
 * call that fails (above all one whose thread was interrupted because its client left) closes that connection and
 * never hands it on. The WebClient's own pool gives a call no handle on its connection, and a call interrupted while
 * the pool's watch of an idle connection is being ended fails without closing the socket: the upstream would go on
 * answering (and billing) a call no one waits for. Connections are otherwise used exactly as the WebClient uses them:
 * while idle, the same watch notices a server that closes them, and such a connection is dropped when next taken.
 */
final class KeepAliveConnections implements AutoCloseable {

    private static final Tls NO_TLS = Tls.builder().enabled(false).build();
    private static final List<String> HTTP_1_1 = List.of(Http1Client.PROTOCOL_ID);

    private final WebClient web;
    private final int maxIdlePerKey;
    private final Map<ConnectionKey, BlockingDeque<KeptConnection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    KeepAliveConnections(WebClient web) {
        this.web = requireNonNull(web, "web is null");
        this.maxIdlePerKey = web.prototype().connectionCacheSize();
    }

    /** A connection for one call, and whether it served calls before (and so may have been closed by the server). */
    record Taken(KeptConnection connection, boolean reused) {
    }

    /**
     * @return an idle connection to {@code uri}'s server (through {@code proxy}) that is still open, else a new one;
     *     the caller gives it back by closing the answer read to its end, and closes it when the call fails
     * @throws RuntimeException as Helidon reports a failure to connect
     */
    Taken take(URI uri, Proxy proxy) {
        ConnectionKey key = key(uri, proxy);
        BlockingDeque<KeptConnection> queue = queue(key);
        KeptConnection connection;
        while ((connection = queue.pollFirst()) != null) {
            if (connection.isConnected()) {
                return new Taken(connection.newCall(), true);
            }
            connection.closeResource(); // the server closed it while idle
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
        return ConnectionKey.create("http", uri.getHost(), port(uri), NO_TLS, config.dnsResolver(),
                config.dnsAddressLookup(), proxy);
    }

    private BlockingDeque<KeptConnection> queue(ConnectionKey key) {
        return idle.computeIfAbsent(key, k -> new LinkedBlockingDeque<>(maxIdlePerKey));
    }

    private KeptConnection open(ConnectionKey key, BlockingDeque<KeptConnection> queue) {
        // The kept connection, not the socket, is released by Helidon: the socket's own release is never called.
        TcpClientConnection socket = TcpClientConnection.create(web, key, HTTP_1_1, released -> false, closed -> { })
                .connect();
        return new KeptConnection(socket, released -> keep(queue, released));
    }

    /** Called by Helidon when a call's answer was read to its end; false closes the connection instead. */
    private boolean keep(BlockingDeque<KeptConnection> queue, KeptConnection connection) {
        if (closed || !connection.isConnected()) {
            return false;
        }
        // Before it is offered, as the WebClient does: a call that takes it must find the watch already running.
        connection.helidonSocket().idle();
        if (!queue.offerLast(connection)) { // taken oldest first, so that none lies unchecked for long
            return false;
        }
        // close() may have emptied the queue between the check above and the offer: it would lie open for good.
        return !(closed && queue.remove(connection));
    }

    @Override
    public void close() {
        closed = true;
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

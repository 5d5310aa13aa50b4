package io.agentgateway.host.edge;

import io.agentgateway.host.config.HttpEdgeLimits;
import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.util.Set;

/**
 * Serves HTTP/1.1 with Helidon's own connection, reading and writing through the gateway's edge: read deadlines,
 * chunk framing, HEAD without a body, {@code Connection: close} honoured (docs/security.md says why each is needed
 * with Helidon 4.5), and a chunked response's head sent with its first chunk (docs/performance.md). Registered as
 * the listener's connection selector, it is asked before Helidon's default one.
 */
public final class EdgeConnectionSelector implements ServerConnectionSelector {

    private final Http1ConnectionSelector http1 = Http1ConnectionSelector.builder().config(Http1Config.create()).build();
    private final HttpEdgeLimits limits;

    public EdgeConnectionSelector(HttpEdgeLimits limits) {
        this.limits = limits;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
    }

    @Override
    public Support supports(BufferData data) {
        return http1.supports(data);
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext socket) {
        HeadResponseWriter writer = new HeadResponseWriter(socket.dataWriter());
        ConnectionState state = new ConnectionState(limits, writer, System.nanoTime());
        DeadlineReader reader = DeadlineReader.over(socket.dataReader(), socket.serverSocket(), state,
                socket.remotePeer().host());
        // Outermost, so that a HEAD's response head, held for its first chunk, still passes the writer that drops bodies.
        ChunkedHeadWriter joined = new ChunkedHeadWriter(writer);
        return new EdgeConnection(http1.connection(new EdgeConnectionContext(socket, reader, joined)), state,
                reader::watchForClose);
    }
}

package io.agentgateway.plugins.openai;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle keep-alive connections to one origin. The most recently used connection is handed out first (it is the least
 * likely to have been closed by the server); one idle longer than the keep-alive time is closed instead.
 */
final class ConnectionPool implements ResponseBody.Release, AutoCloseable {

    /** Idle for longer than this, a connection is checked before reuse: servers close quiet connections. */
    private static final long CHECK_AFTER_NANOS = Duration.ofSeconds(1).toNanos();

    private final ConcurrentLinkedDeque<UpstreamConnection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final int maxIdle;
    private final long keepAliveNanos;
    private volatile boolean closed;

    ConnectionPool(int maxIdle, Duration keepAlive) {
        this.maxIdle = maxIdle;
        this.keepAliveNanos = keepAlive.toNanos();
    }

    /** @return an idle connection that is still open, or null when there is none */
    UpstreamConnection take() {
        UpstreamConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            long idleNanos = connection.idleNanos();
            if (idleNanos < CHECK_AFTER_NANOS || idleNanos < keepAliveNanos && connection.stillOpen()) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    @Override
    public void release(UpstreamConnection connection, boolean reusable) {
        if (!reusable || closed) {
            connection.close();
            return;
        }
        if (idleCount.incrementAndGet() > maxIdle) {
            idleCount.decrementAndGet();
            connection.close();
            return;
        }
        connection.idle();
        idle.offerFirst(connection);
        closeExpiredTail();
        if (closed) {
            close();
        }
    }

    /** The least recently used connections sit at the tail; once past the keep-alive time they only hold sockets. */
    private void closeExpiredTail() {
        UpstreamConnection oldest;
        while ((oldest = idle.peekLast()) != null && oldest.idleNanos() > keepAliveNanos) {
            if (idle.removeLastOccurrence(oldest)) {
                idleCount.decrementAndGet();
                oldest.close();
            }
        }
    }

    /** Closes the idle connections; connections in use close when their calls end. */
    @Override
    public void close() {
        closed = true;
        UpstreamConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            connection.close();
        }
    }
}

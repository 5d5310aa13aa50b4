package io.agentgateway.host.edge;

import io.agentgateway.host.config.HttpEdgeLimits;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Where one client connection is between requests: waiting for one, reading a request's head, or in a routed
 * request (reading its body, answering). The connection's reader asks it how long the next read may wait;
 * {@link EdgeFilter} tells it when a request is routed, whether it is a HEAD (its response then loses its body on the
 * way out) and whether the connection closes after the response. Helidon serves an HTTP/1.1 connection on one thread, its requests' filters and handlers included, so
 * the filter finds the state of its connection in {@link #CURRENT}.
 */
final class ConnectionState {

    static final ThreadLocal<ConnectionState> CURRENT = new ThreadLocal<>();

    /** Which wait a read is: logged when a deadline cuts a client. */
    enum Phase { IDLE, HEADER, BODY }

    /** What the next read may wait for, and which wait it is. */
    record Wait(Phase phase, Duration limit) {
    }

    private final HttpEdgeLimits limits;
    private volatile BooleanSupplier readingRequestLine = () -> false;
    private volatile Runnable endAfterRequest = () -> { };
    private volatile boolean routed;
    private volatile boolean closeAfterResponse;
    private final HeadResponseWriter writer;
    private long headStartNanos;

    ConnectionState(HttpEdgeLimits limits, HeadResponseWriter writer, long nowNanos) {
        this.limits = limits;
        this.writer = writer;
        // The connection exists because the first bytes of a request came: its head has begun.
        this.headStartNanos = nowNanos;
    }

    static Optional<ConnectionState> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * @param readingRequestLine whether the connection is reading a request line (between requests)
     * @param endAfterRequest ends the connection once the request under way is answered
     */
    void connection(BooleanSupplier readingRequestLine, Runnable endAfterRequest) {
        this.readingRequestLine = readingRequestLine;
        this.endAfterRequest = endAfterRequest;
    }

    /**
     * The wait allowed to the next read.
     *
     * @param buffered bytes received and not yet parsed
     * @param nowNanos {@link System#nanoTime()}
     */
    Wait nextRead(int buffered, long nowNanos) {
        if (readingRequestLine.getAsBoolean() && routed) {
            // The previous request is over; this read is for the next one.
            routed = false;
            headStartNanos = -1;
            writer.nextResponse(false);
        }
        if (routed) {
            return new Wait(Phase.BODY, limits.bodyTimeout());
        }
        if (headStartNanos < 0 && buffered == 0) {
            return new Wait(Phase.IDLE, limits.idleTimeout());
        }
        if (headStartNanos < 0) {
            headStartNanos = nowNanos;
        }
        return new Wait(Phase.HEADER, limits.headerTimeout().minusNanos(nowNanos - headStartNanos));
    }

    /** A read that waited as {@code phase} returned bytes. */
    void received(Phase phase, long nowNanos) {
        if (phase == Phase.IDLE) {
            headStartNanos = nowNanos;
        }
    }

    /** Called by the filter when a request is routed. */
    void routed(boolean headRequest) {
        routed = true;
        writer.nextResponse(headRequest);
    }

    /**
     * The connection ends after this response (the client asked, the response says so, or the request's framing was
     * lost): Helidon 4.5 would wait for another request. Bytes the client sent after the request are not read.
     */
    void closeAfterResponse() {
        closeAfterResponse = true;
        endAfterRequest.run();
    }

    boolean closing() {
        return closeAfterResponse;
    }

    Duration headerTimeout() {
        return limits.headerTimeout();
    }
}

package io.agentgateway.httpclient;

import io.agentgateway.api.http.HttpLimitException;
import io.agentgateway.api.http.HttpResponse;
import io.agentgateway.api.http.ServerSentEvents;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An answer of the host's client. Its body is bounded by the client's limits: an event stream by the stream limits
 * (size, events, one event's size, duration), any other answer by the response size limit. A response closed before
 * its body ended closes its connection; one read to its end gives the connection back to the pool.
 */
final class HostHttpResponse implements HttpResponse {

    /** How long closing an event stream waits for the end of its body (see {@link #readEndIfSent}). */
    static final Duration END_WAIT = Duration.ofMillis(20);

    private final HttpClientResponse answer;
    private final int status;
    private final String protocol;
    private Map<String, List<String>> headers;
    private final ClientLimits limits;
    private final boolean eventStream;
    /** {@link System#nanoTime()} past which reading fails, or 0 for never. */
    private final long deadlineNanos;
    /** Whether the deadline is the call's timeout (else an event stream's longest duration). */
    private final boolean deadlineIsTimeout;
    private final Duration deadlineLimit;
    private LimitedBody body;
    private boolean eventsTaken;
    /** The kept HTTP/1.1 connection the answer came on; null for HTTP/2 and Helidon's pool. */
    private final KeptConnection connection;

    /**
     * @param callDeadline {@link System#nanoTime()} by which the call must be done, or 0 when it has no timeout
     * @param timeout the call's timeout, or null
     * @param connection the kept connection the answer came on, or null
     */
    HostHttpResponse(HttpClientResponse answer, String protocol, ClientLimits limits, long callDeadline,
            Duration timeout, KeptConnection connection) {
        this.answer = answer;
        this.connection = connection;
        this.status = answer.status().code();
        this.protocol = protocol;
        this.limits = limits;
        String contentType = header("content-type").orElse("");
        this.eventStream = contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        if (callDeadline == 0 && eventStream) {
            this.deadlineNanos = System.nanoTime() + limits.maxStreamDuration().toNanos();
            this.deadlineIsTimeout = false;
            this.deadlineLimit = limits.maxStreamDuration();
        } else {
            this.deadlineNanos = callDeadline;
            this.deadlineIsTimeout = true;
            this.deadlineLimit = timeout;
        }
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public synchronized Map<String, List<String>> headers() {
        if (headers == null) {
            headers = headersOf(answer);
        }
        return headers;
    }

    @Override
    public Optional<String> header(String name) {
        return answer.headers().first(HeaderNames.create(name));
    }

    @Override
    public synchronized InputStream body() {
        if (body == null) {
            body = eventStream ? limitedBody(limits.maxStreamBytes(), "max_stream_bytes")
                    : limitedBody(limits.maxResponseBytes(), "max_response_bytes");
        }
        return body;
    }

    /** Whatever the content type says, a body held whole in memory is bounded by the response size limit. */
    @Override
    public synchronized byte[] bodyBytes() throws IOException {
        if (body == null) {
            body = limitedBody(limits.maxResponseBytes(), "max_response_bytes");
        }
        return body.readAllBytes();
    }

    private LimitedBody limitedBody(long limit, String limitName) {
        long declared = header("content-length").map(HostHttpResponse::length).orElse(-1L);
        return new LimitedBody(answer.inputStream(), this, declared, limit, limitName);
    }

    @Override
    public synchronized ServerSentEvents events() {
        if (eventsTaken) {
            throw new IllegalStateException("the events of a response are read once");
        }
        eventsTaken = true;
        return new SseEventReader(body(), limits.maxEventBytes(), limits.maxStreamEvents(), this::abort);
    }

    @Override
    public void close() {
        // Not once the body ended: the connection may then be back in the pool, another call's.
        if (eventsTaken && connection != null && !body.ended() && !Thread.currentThread().isInterrupted()) {
            readEndIfSent();
        }
        answer.close();
    }

    /**
     * An event stream read up to its last event ({@code [DONE]}) has only the end of its chunked body left, which the
     * server sends with that event or right after it. Helidon closes a connection whose body was not read to its end,
     * so every stream cost the next call a new connection; the end is read here instead, waited for at most
     * {@link #END_WAIT}, and the connection goes back to the pool. A stream left mid-way (its client gone) has events
     * left, not the end: its connection is closed as before, which also tells the server to stop.
     */
    private void readEndIfSent() {
        try {
            connection.readTimeout(END_WAIT); // each call sets its own read timeout again
            body().read(new byte[1], 0, 1); // the end: Helidon gives the connection back; a byte: closed below
        } catch (IOException | RuntimeException e) {
            // nothing came in time, or the connection failed: closed below
        }
    }

    /** Gives up on the answer: its connection is closed, never reused. */
    void abort() {
        // Closing before the body's end closes the connection rather than reading the rest.
        answer.close();
    }

    /**
     * Checked before each read of the body, which waits at most the read timeout: a call (or stream) past its
     * deadline ends within one read of it. Not an interrupt from elsewhere: the reading thread may be writing to its
     * own client between reads, and an interrupt would close that connection too.
     *
     * @throws IOException when the deadline has passed
     */
    void checkDeadline() throws IOException {
        if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
            abort();
            throw deadlineIsTimeout
                    ? timeout(deadlineLimit)
                    : new HttpLimitException("max_stream_duration", "the stream lasted longer than "
                            + "max_stream_duration (" + deadlineLimit.toSeconds() + " s) allows");
        }
    }

    /** @return what a failed read of the body means to the caller */
    IOException failed(Exception e) {
        return ioException(e);
    }

    static SocketTimeoutException timeout(Duration limit) {
        return new SocketTimeoutException("the call took longer than its timeout (" + limit.toMillis() + " ms)");
    }

    /** Helidon reports I/O failures unchecked; callers of the API get them as what they are. */
    static IOException ioException(Exception e) {
        if (e instanceof IOException io) {
            return io;
        }
        if (e instanceof UncheckedIOException unchecked) {
            return unchecked.getCause();
        }
        return new IOException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    }

    private static long length(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, List<String>> headersOf(HttpClientResponse answer) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (Header header : answer.headers()) {
            all.computeIfAbsent(header.name().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .addAll(header.allValues());
        }
        return Collections.unmodifiableMap(all);
    }
}

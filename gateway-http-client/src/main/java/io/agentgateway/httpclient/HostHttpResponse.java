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

    private final HttpClientResponse answer;
    private final int status;
    private final String protocol;
    private Map<String, List<String>> headers;
    private final ClientLimits limits;
    private final boolean eventStream;
    private final CallDeadlines.Watch watch;
    /** Whether the watch is the call's timeout (else the stream's longest duration). */
    private final boolean watchIsTimeout;
    private final Duration watchedLimit;
    private LimitedBody body;
    private boolean eventsTaken;

    HostHttpResponse(HttpClientResponse answer, String protocol, ClientLimits limits, CallDeadlines deadlines,
            CallDeadlines.Watch timeoutWatch, Duration timeout) {
        this.answer = answer;
        this.status = answer.status().code();
        this.protocol = protocol;
        this.limits = limits;
        String contentType = header("content-type").orElse("");
        this.eventStream = contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        if (timeoutWatch == null && eventStream) {
            this.watch = deadlines.watch(limits.maxStreamDuration());
            this.watchIsTimeout = false;
            this.watchedLimit = limits.maxStreamDuration();
        } else {
            this.watch = timeoutWatch;
            this.watchIsTimeout = true;
            this.watchedLimit = timeout;
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
            long declared = header("content-length").map(HostHttpResponse::length).orElse(-1L);
            body = eventStream
                    ? new LimitedBody(answer.inputStream(), this, declared, limits.maxStreamBytes(), "max_stream_bytes")
                    : new LimitedBody(answer.inputStream(), this, declared, limits.maxResponseBytes(),
                            "max_response_bytes");
        }
        return body;
    }

    @Override
    public byte[] bodyBytes() throws IOException {
        return body().readAllBytes();
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
        endWatch();
        answer.close();
    }

    /** The body was read to its end: the call is over. */
    void bodyEnded() {
        endWatch();
    }

    /** Gives up on the answer: its connection is closed, never reused. */
    void abort() {
        endWatch();
        // Closing before the body's end closes the connection rather than reading the rest.
        answer.close();
    }

    /** @throws IOException when the call's deadline has passed */
    void checkDeadline() throws IOException {
        if (watch != null && watch.expired()) {
            throw failed(null);
        }
    }

    /** @return what a failed read of the body means to the caller */
    IOException failed(Exception e) {
        if (watch != null && watch.expired()) {
            abort();
            return watchIsTimeout
                    ? timeout(watchedLimit)
                    : new HttpLimitException("max_stream_duration", "the stream lasted longer than "
                            + "max_stream_duration (" + watchedLimit.toSeconds() + " s) allows");
        }
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

    private void endWatch() {
        if (watch != null) {
            watch.end();
        }
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

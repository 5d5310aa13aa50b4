package io.agentgateway.host.http;

import io.agentgateway.host.cancel.CancellationSource;
import io.agentgateway.host.cancel.ClientWatch;
import io.agentgateway.host.security.ApiKey;
import io.agentgateway.host.usage.RequestUsage;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;

/**
 * What the gateway knows about one request while it runs: its id, the key it came with, and the model it asked for.
 * Registered in the request's context by {@link RequestLogFilter}.
 */
public final class RequestScope {

    private final String requestId;
    private final String path;
    private volatile ApiKey key;
    private volatile String model;
    private volatile boolean clientGone;
    private volatile long upstreamNanos = -1;
    private volatile RequestUsage usage;
    private volatile boolean streaming;
    private volatile String target;

    RequestScope(String requestId, String path) {
        this.requestId = requestId;
        this.path = path;
    }

    /** @return the scope of {@code request}; every routed request has one */
    public static RequestScope of(ServerRequest request) {
        return request.context().get(RequestScope.class)
                .orElseThrow(() -> new IllegalStateException("RequestLogFilter is not installed"));
    }

    public String requestId() {
        return requestId;
    }

    /** @return the path as the client sent it (routing trims the request's own path to what a service matched) */
    public String path() {
        return path;
    }

    /** @return the authenticated key; {@link ApiKey#OPEN} when the gateway has no keys */
    public ApiKey key() {
        return key;
    }

    void key(ApiKey key) {
        this.key = key;
    }

    public String model() {
        return model;
    }

    void model(String model) {
        this.model = model;
    }

    /** @return whether the request is answered as a stream */
    boolean streaming() {
        return streaming;
    }

    void streaming(boolean streaming) {
        this.streaming = streaming;
    }

    /** @return the tokens this request's upstream calls used so far, or null when it made none */
    public RequestUsage usage() {
        return usage;
    }

    /** Sets where this request's usage is summed; the request's end closes it. */
    public void usage(RequestUsage usage) {
        this.usage = usage;
    }

    /**
     * @return nanoseconds this request spent waiting on an upstream model server, or -1 when it was not answered by
     *     an upstream (agents, errors before routing)
     */
    long upstreamNanos() {
        return upstreamNanos;
    }

    void upstreamNanos(long nanos) {
        this.upstreamNanos = nanos;
    }

    /** @return the upstream target ({@code <upstream>/<model>}) last called for this request, or null */
    String target() {
        return target;
    }

    void target(String target) {
        this.target = target;
    }

    boolean clientGone() {
        return clientGone;
    }

    void markClientGone() {
        this.clientGone = true;
    }

    /**
     * Watches this request's client while a route waits on an upstream (or an agent run), once the body has been read:
     * a client that closes the connection marks the request as left and cancels {@code cancellation} at once, which
     * interrupts the call. The one watch every route that waits uses, so they all notice a client leaving alike.
     *
     * @return ends the watch
     */
    ClientWatch.Watch watchClient(CancellationSource cancellation) {
        return ClientWatch.watch(() -> {
            markClientGone();
            cancellation.cancel(CancellationSource.Reason.CLIENT_GONE);
        });
    }

    /**
     * How a route ends a request whose client is gone before anything was sent: there is no one to answer, so the
     * connection is closed (the request is logged and counted as 499). A route that returned without a response
     * instead would have Helidon log a warning and count a 500 of its own.
     *
     * @return the exception to throw
     */
    CloseConnectionException clientLeft() {
        markClientGone();
        return new CloseConnectionException("the client closed the connection before it was answered");
    }
}

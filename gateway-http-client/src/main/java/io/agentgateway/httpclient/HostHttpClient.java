package io.agentgateway.httpclient;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpRequest;
import io.agentgateway.api.http.HttpResponse;
import io.helidon.common.LazyValue;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.tls.Tls;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.api.WebClientConfig;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http2.Http2Client;
import io.helidon.webclient.http2.Http2ClientResponse;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The host's HTTP client, on Helidon's WebClient: blocking calls on virtual threads over pooled keep-alive
 * connections of its own (not shared with other clients, which may trust other certificates or use other proxies).
 * https calls negotiate HTTP/2 when the server offers it (ALPN) and HTTP/1.1 otherwise; plain http calls speak
 * HTTP/1.1, so no call pays for an upgrade attempt. Redirects are not followed: the caller sees them.
 *
 * <p>Plain http and https calls go through two WebClients: TLS is set up (the JDK's trusted certificates read and
 * parsed, a noticeable part of the gateway's start) only when the first https call is made, so that a gateway whose
 * upstreams are all plain http (a local model server) never pays for it.
 */
final class HostHttpClient implements HttpClient {

    /** What a plain http WebClient is given for TLS: off, and nothing read to set it up. */
    static final Tls NO_TLS = Tls.builder().enabled(false).build();

    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

    /** Plain http calls, on the connections {@link #keptAlive} keeps; TLS off, so building it reads no files. */
    private final WebClient web;
    /** https calls, through Helidon's pool: built by the first of them, with {@code tls} or the JDK's defaults. */
    private final LazyValue<WebClient> secure;
    private final ProxyRoutes proxies;
    private final ClientLimits limits;
    private final Duration readTimeout;
    private final HttpClientMetrics metrics;
    private final AddressCheck addressCheck;
    private final KeepAliveConnections keptAlive;

    HostHttpClient(Duration connectTimeout, Duration readTimeout, ProxyRoutes proxies, Optional<Tls> tls,
            ClientLimits limits, HttpClientMetrics metrics, AddressCheck addressCheck) {
        this.proxies = requireNonNull(proxies, "proxies is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.readTimeout = requireNonNull(readTimeout, "readTimeout is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.addressCheck = requireNonNull(addressCheck, "addressCheck is null");
        this.web = builder(connectTimeout, readTimeout).tls(NO_TLS).build();
        this.secure = LazyValue.create(() -> {
            WebClientConfig.Builder builder = builder(connectTimeout, readTimeout);
            tls.ifPresent(builder::tls); // none: Helidon's default, the JDK's trusted certificates
            return builder.build();
        });
        this.keptAlive = new KeepAliveConnections(web);
    }

    private static WebClientConfig.Builder builder(Duration connectTimeout, Duration readTimeout) {
        return WebClient.builder()
                .shareConnectionCache(false)
                .followRedirects(false)
                .sendExpectContinue(false)
                .servicesDiscoverServices(false)
                // Offered in this order by ALPN on TLS connections; plain http requests ask for HTTP/1.1 below.
                .protocolPreference(List.of(Http2Client.PROTOCOL_ID, Http1Client.PROTOCOL_ID))
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                // No write buffer of the connection's own (4 KB by default, kept for the connection's life): a
                // request's head and body reach the connection as one buffer already, written with one call.
                .writeBufferSize(0)
                .socketOptions(options -> options.tcpNoDelay(true).connectTimeout(connectTimeout)
                        .readTimeout(readTimeout));
    }

    @Override
    public HttpResponse send(HttpRequest request) throws IOException {
        return withHostLoader(() -> call(request));
    }

    /** What may fail while the host's class loader is the context's. */
    @FunctionalInterface
    interface HostWork<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work} with this module's class loader as the thread's context class loader. Plugins call in with
     * their own as the context's, which shares only the API: Helidon finds its protocols (HTTP/2) and media support
     * through the context class loader, and would find none.
     */
    static <T, E extends Exception> T withHostLoader(HostWork<T, E> work) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(HostHttpClient.class.getClassLoader());
        try {
            return work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private HttpResponse call(HttpRequest request) throws IOException {
        URI uri = request.uri();
        addressCheck.check(uri);
        Proxy proxy = proxies.forUri(uri);
        Duration timeout = request.timeout().orElse(null);
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        String host = uri.getHost() + ":" + port(uri);
        long start = System.nanoTime();
        HttpClientResponse answer;
        KeptConnection connection = null;
        try {
            // Plain http speaks HTTP/1.1 on connections this client keeps; https goes through Helidon's pool.
            if ("http".equalsIgnoreCase(uri.getScheme())) {
                Kept kept = onKeptConnection(request, uri, proxy);
                answer = kept.answer();
                connection = kept.connection();
            } else {
                answer = send(prepare(request, uri, proxy), request);
            }
        } catch (RuntimeException e) {
            metrics.record(host, "error", millisSince(start));
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw failure(e);
        }
        metrics.record(host, String.valueOf(answer.status().code()), millisSince(start));
        String protocol = answer instanceof Http2ClientResponse ? "HTTP/2" : "HTTP/1.1";
        return new HostHttpResponse(answer, protocol, limits, deadline, timeout, connection);
    }

    /** An answer and the kept connection it came on. */
    private record Kept(HttpClientResponse answer, KeptConnection connection) {
    }

    /**
     * A call on a kept HTTP/1.1 connection. A connection that fails takes no other call: whatever went wrong (an
     * interrupt above all: the caller's client left) it may be mid-exchange, so it is closed, and the server stops.
     * Servers close idle connections after a few seconds (and under load), so a call may go out on a reused one just
     * as it is closed. Such a call is sent once more on a new connection when the server cannot have read it (writing
     * the request failed), or when the connection ended (end of stream, or reset) before any byte of the answer and
     * the call may be repeated: an idempotent method, or a request that carries an {@code Idempotency-Key}. A server
     * may read a whole POST, start the work and then close without a byte (a chat completion sent twice is paid
     * twice), so such a POST fails, as any other failure does. Interrupts and timeouts are never sent again. A reused
     * connection found ended that way also drops the other idle connections to that server, so that a server's
     * restart fails at most the calls that were taking its closed connections at that moment.
     */
    private Kept onKeptConnection(HttpRequest request, URI uri, Proxy proxy) {
        KeepAliveConnections.Taken taken = keptAlive.take(uri, proxy);
        KeptConnection connection = taken.connection();
        try {
            return new Kept(send(prepare(request, uri, proxy).connection(connection), request), connection);
        } catch (RuntimeException e) {
            connection.closeResource();
            if (taken.reused() && !connection.answerBegan() && endedOrReset(e)) {
                keptAlive.dropIdle(uri, proxy); // its server closed it unseen: likely the others too (a restart)
            }
            if (!taken.reused() || !maySendAgain(request, connection, e)) {
                throw e;
            }
        }
        KeptConnection fresh = keptAlive.open(uri, proxy);
        try {
            return new Kept(send(prepare(request, uri, proxy).connection(fresh), request), fresh);
        } catch (RuntimeException e) {
            fresh.closeResource();
            throw e;
        }
    }

    /** Whether a call that failed with {@code e} on a reused {@code connection} is sent once more (see above). */
    private static boolean maySendAgain(HttpRequest request, KeptConnection connection, RuntimeException e) {
        if (e instanceof IllegalArgumentException || interrupted(e) || timedOut(e)) {
            return false;
        }
        return connection.writeFailed() || !connection.answerBegan() && endedOrReset(e) && repeatable(request);
    }

    /** Whether sending {@code request} twice does what sending it once does (RFC 9110, 9.2.2), or the server dedupes. */
    private static boolean repeatable(HttpRequest request) {
        return IDEMPOTENT_METHODS.contains(request.method().toUpperCase(Locale.ROOT))
                || request.headers().keySet().stream().anyMatch("Idempotency-Key"::equalsIgnoreCase);
    }

    /**
     * Whether {@code e} says the connection ended: Helidon's reader found no more data (the server closed it), or
     * the socket was reset (the JDK says so by message alone).
     */
    private static boolean endedOrReset(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataReader.InsufficientDataAvailableException
                    || cause instanceof SocketException && "Connection reset".equals(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private HttpClientRequest prepare(HttpRequest request, URI uri, Proxy proxy) {
        // Helidon sends the query re-encoded, its parameters grouped by name: the same query to any server.
        boolean plain = "http".equalsIgnoreCase(uri.getScheme());
        HttpClientRequest call = (plain ? web : secure.get()).method(Method.create(request.method())).uri(uri)
                .proxy(proxy);
        if (plain) {
            call.protocolId(Http1Client.PROTOCOL_ID);
        }
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (!framing(header.getKey())) {
                call.header(HeaderValues.create(header.getKey(), header.getValue()));
            }
        }
        // The trace this call belongs to (the client's traceparent, or the gateway's span around the call), so that
        // upstreams and HTTP tools that trace join it. Nothing is added outside a trace.
        W3CTraceContextPropagator.getInstance().inject(Context.current(), call,
                (target, name, value) -> target.header(HeaderValues.create(name, value)));
        Duration timeout = request.timeout().orElse(null);
        if (timeout != null && timeout.compareTo(readTimeout) < 0) {
            call.readTimeout(timeout);
        }
        return call;
    }

    private static HttpClientResponse send(HttpClientRequest call, HttpRequest request) {
        return request.body() == null ? call.request() : call.submit(request.body());
    }

    private static boolean interrupted(Throwable e) {
        boolean interrupted = Thread.currentThread().isInterrupted();
        for (Throwable cause = e; cause != null && !interrupted; cause = cause.getCause()) {
            interrupted = cause instanceof InterruptedException || cause instanceof InterruptedIOException
                    && !"timeout".equals(cause.getMessage());
        }
        return interrupted;
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a failed call throws: an interrupted one as {@link InterruptedIOException}, with the thread's interrupt
     * status kept. Helidon may clear the status and wrap the {@link InterruptedException} (when the interrupt lands
     * while a pooled connection's idle watch is being ended), so the cause chain is looked at too.
     */
    private static IOException failure(RuntimeException e) {
        IOException failure = HostHttpResponse.ioException(e);
        boolean interrupted = Thread.currentThread().isInterrupted();
        for (Throwable cause = e; cause != null && !interrupted; cause = cause.getCause()) {
            interrupted = cause instanceof InterruptedException;
        }
        if (!interrupted) {
            return failure;
        }
        Thread.currentThread().interrupt();
        if (failure instanceof InterruptedIOException) {
            return failure;
        }
        InterruptedIOException abandoned = new InterruptedIOException("the call was interrupted");
        abandoned.initCause(failure);
        return abandoned;
    }

    @Override
    public void close() {
        keptAlive.close();
        web.closeResource();
        if (secure.isLoaded()) {
            secure.get().closeResource();
        }
    }

    /** Framing is the client's business: a caller's own length or connection header would contradict it. */
    private static boolean framing(String name) {
        return name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Content-Length")
                || name.equalsIgnoreCase("Transfer-Encoding") || name.equalsIgnoreCase("Connection");
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000.0;
    }
}

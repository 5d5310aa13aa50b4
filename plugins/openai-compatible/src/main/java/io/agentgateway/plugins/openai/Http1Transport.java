package io.agentgateway.plugins.openai;

import static java.util.Objects.requireNonNull;

import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpMethod;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpRequestBody;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIIoException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSocketFactory;

/**
 * openai-java's transport as plain blocking HTTP/1.1 over pooled keep-alive sockets, one call per virtual thread.
 * On loopback at a few thousand calls a second this costs a fraction of a general-purpose client: no selector thread
 * to hand reads to, no timeout watchdog to register every read with; a blocked read just parks its virtual thread.
 *
 * <p>Time limits come from each call's {@link Timeout}: {@code connect} bounds connecting (and the TLS handshake);
 * {@code read} bounds each wait for more of the answer; a positive {@code request} bounds the whole call, body
 * included. An interrupted caller aborts its call at once: the interrupt closes the socket.
 *
 * <p>A pooled connection that the server closed while it sat idle fails the call before any byte comes back; such a
 * call is sent once more on a new connection. Nothing else is retried here.
 */
final class Http1Transport implements HttpClient {

    private final Origin origin;
    private final ConnectionPool pool;
    private final Duration defaultTimeout;
    private final SSLSocketFactory tls;

    /**
     * @param origin where every call goes
     * @param defaultTimeout every limit a call's options leave unset
     * @param maxIdleConnections idle connections kept for reuse
     * @param keepAlive how long an idle connection is kept
     * @param tls makes the TLS connections of an https origin, or null for the JVM's default (its trust store)
     */
    Http1Transport(Origin origin, Duration defaultTimeout, int maxIdleConnections, Duration keepAlive,
            SSLSocketFactory tls) {
        this.origin = requireNonNull(origin, "origin is null");
        this.tls = tls;
        this.defaultTimeout = requireNonNull(defaultTimeout, "defaultTimeout is null");
        this.pool = new ConnectionPool(maxIdleConnections, keepAlive);
    }

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
        Timeout timeout = options.getTimeout();
        Duration connect = positiveOr(timeout == null ? null : timeout.connect());
        Duration eachRead = positiveOr(timeout == null ? null : timeout.read());
        Duration whole = timeout == null ? defaultTimeout : timeout.request();
        long deadline = whole != null && whole.isPositive() ? System.nanoTime() + whole.toNanos() : 0;
        byte[] message = message(request);
        boolean head = request.method() == HttpMethod.HEAD;
        try {
            UpstreamConnection pooled = pool.take();
            if (pooled != null) {
                try {
                    return exchange(pooled, message, head, eachRead, deadline);
                } catch (IOException e) {
                    pooled.close();
                    if (pooled.answerStarted() || e instanceof InterruptedIOException
                            || Thread.currentThread().isInterrupted()) {
                        throw e;
                    }
                    // The server had closed the idle connection: the request never reached it.
                } catch (RuntimeException e) {
                    pooled.close();
                    throw e;
                }
            }
            UpstreamConnection fresh = UpstreamConnection.open(origin, connect, tls);
            try {
                return exchange(fresh, message, head, eachRead, deadline);
            } catch (IOException | RuntimeException e) {
                fresh.close();
                throw e;
            }
        } catch (IOException e) {
            throw new OpenAIIoException("the call to " + origin.prefix() + " failed", e);
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
        CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("upstream-call").start(() -> {
            try {
                answer.complete(execute(request, options));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    /** Closes the idle connections; calls in flight finish on theirs, which then close. */
    @Override
    public void close() {
        pool.close();
    }

    private HttpResponse exchange(UpstreamConnection connection, byte[] message, boolean head, Duration eachRead,
            long deadline) throws IOException {
        connection.limits(eachRead, deadline);
        connection.send(message);
        ResponseHead answer = connection.readHead();
        return new Http1Response(answer, ResponseBody.of(connection, answer, head, pool));
    }

    /** The request line, headers and body, as one array: one write, one packet for a small request. */
    private byte[] message(HttpRequest request) {
        StringBuilder head = new StringBuilder(256)
                .append(request.method().name()).append(' ').append(origin.target(request.url()))
                .append(" HTTP/1.1\r\nHost: ").append(origin.hostHeader()).append("\r\n");
        boolean contentType = false;
        for (String name : request.headers().names()) {
            if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Content-Length")
                    || name.equalsIgnoreCase("Transfer-Encoding") || name.equalsIgnoreCase("Connection")) {
                continue; // framing is this transport's business
            }
            contentType |= name.equalsIgnoreCase("Content-Type");
            for (String value : request.headers().values(name)) {
                head.append(checked(name)).append(": ").append(checked(value)).append("\r\n");
            }
        }
        HttpRequestBody body = request.body();
        byte[] content = body == null ? new byte[0] : bytes(body);
        if (body != null) {
            if (!contentType && body.contentType() != null) {
                head.append("Content-Type: ").append(checked(body.contentType())).append("\r\n");
            }
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, message, 0, headBytes.length);
        System.arraycopy(content, 0, message, headBytes.length, content.length);
        return message;
    }

    private Duration positiveOr(Duration limit) {
        return limit != null && limit.isPositive() ? limit : defaultTimeout;
    }

    /** A header with a line break in it would let its value write headers of its own. */
    private static String checked(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("a request header contains a line break");
            }
        }
        return text;
    }

    private static byte[] bytes(HttpRequestBody body) {
        if (body instanceof JsonRequestBody json) {
            return json.json();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toByteArray();
    }
}

package __PACKAGE__;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgateway.api.Cancellation;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Sends one call and turns what went wrong into the {@link UpstreamException} kind the gateway maps to a status. */
final class Calls {

    /** The most an answer that is not a stream may hold; more is treated as a broken answer. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final HttpClient http;
    private final String upstream;

    Calls(HttpClient http, String upstreamName) {
        this.http = http;
        this.upstream = "upstream '" + upstreamName + "'";
    }

    /**
     * Sends the request and waits for the answer's head.
     *
     * @return a 200 answer, its body still to read
     * @throws UpstreamException for any other status, and when the server cannot be reached, is too slow, or the
     *     call is cancelled
     */
    HttpResponse<InputStream> send(HttpRequest.Builder request, Cancellation cancellation) throws UpstreamException {
        CompletableFuture<HttpResponse<InputStream>> answer =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (cancellation != null) {
            cancellation.onCancel(() -> answer.cancel(true));
        }
        HttpResponse<InputStream> response;
        try {
            response = answer.get();
        } catch (CancellationException e) {
            throw cancelled();
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw cancelled();
        } catch (ExecutionException e) {
            throw cancellation != null && cancellation.isCancelled() ? cancelled() : unanswered(e.getCause());
        }
        if (response.statusCode() != 200) {
            throw rejected(response);
        }
        return response;
    }

    UpstreamException failure(Kind kind, int status, String what, Map<String, Object> errorBody) {
        return new UpstreamException(kind, status, upstream + " " + what, errorBody, null);
    }

    /** A stream that broke while being read: cancelled, too slow between events, or cut off. */
    UpstreamException broken(IOException e, Cancellation cancellation) {
        if (cancellation.isCancelled()) {
            return cancelled();
        }
        if (e instanceof EventStream.GapTimeout) {
            return new UpstreamException(Kind.TIMEOUT, upstream + " sent nothing for too long", e);
        }
        return new UpstreamException(Kind.DROPPED, upstream + " broke off its stream", e);
    }

    private UpstreamException cancelled() {
        return new UpstreamException(Kind.DROPPED, upstream + ": call cancelled because the client went away", null);
    }

    private UpstreamException unanswered(Throwable cause) {
        if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
            return new UpstreamException(Kind.TIMEOUT, upstream + " did not answer in time", cause);
        }
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                || cause instanceof IOException) {
            return new UpstreamException(Kind.UNREACHABLE, upstream + " cannot be reached", cause);
        }
        return new UpstreamException(Kind.PROTOCOL, upstream + ": " + cause, cause);
    }

    @SuppressWarnings("unchecked")
    private UpstreamException rejected(HttpResponse<InputStream> response) {
        Map<String, Object> errorBody = new LinkedHashMap<>();
        try (InputStream body = response.body()) {
            Object parsed = new ObjectMapper().readValue(readBounded(body), Object.class);
            if (parsed instanceof Map<?, ?> map && map.get("error") != null) {
                errorBody = (Map<String, Object>) map;
            }
        } catch (IOException e) {
            // No readable error body: the status says enough.
        }
        Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(Calls::seconds).orElse(null);
        return new UpstreamException(Kind.REJECTED, response.statusCode(),
                upstream + " answered HTTP " + response.statusCode(), errorBody, retryAfter, null);
    }

    private static java.util.Optional<Duration> seconds(String header) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    static byte[] readBounded(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new IOException("answer larger than " + MAX_BODY_BYTES + " bytes");
        }
        return bytes;
    }
}

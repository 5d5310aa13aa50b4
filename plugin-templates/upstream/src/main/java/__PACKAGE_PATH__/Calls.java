package __PACKAGE__;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgateway.api.Cancellation;
import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpLimitException;
import io.agentgateway.api.http.HttpRequest;
import io.agentgateway.api.http.HttpResponse;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Sends one upstream's requests and turns what goes wrong into the failure kinds the gateway routes by. */
final class Calls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String upstream;

    Calls(HttpClient http, String upstreamName) {
        this.http = http;
        this.upstream = "upstream '" + upstreamName + "'";
    }

    /**
     * Sends the request and waits for the answer's head.
     *
     * @return a 200 answer, its body still to read; close it when done
     * @throws UpstreamException for any other status, and when the server cannot be reached, is too slow, or the
     *     call is cancelled
     */
    HttpResponse send(HttpRequest request, Cancellation cancellation) throws UpstreamException {
        HttpResponse response;
        try {
            response = http.send(request);
        } catch (IOException e) {
            throw broken(e, cancellation, false);
        }
        if (response.status() != 200) {
            try (response) {
                throw rejected(response);
            }
        }
        return response;
    }

    UpstreamException failure(Kind kind, int status, String what, Map<String, Object> errorBody) {
        return new UpstreamException(kind, status, upstream + " " + what, errorBody, null);
    }

    /**
     * A call that failed: cancelled, too slow (for a stream: between two events), over the host's limits, not
     * reachable, or cut off once it had answered.
     */
    UpstreamException broken(IOException e, Cancellation cancellation, boolean answered) {
        if (cancellation.isCancelled()) {
            return new UpstreamException(Kind.DROPPED, upstream + ": call cancelled because the client went away", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new UpstreamException(Kind.TIMEOUT, upstream + " did not answer in time", e);
        }
        if (e instanceof HttpLimitException limit) {
            return new UpstreamException(Kind.PROTOCOL, upstream + " sent more than the gateway accepts ("
                    + limit.limit() + ")", e);
        }
        if (answered) {
            return new UpstreamException(Kind.DROPPED, upstream + " broke off its answer", e);
        }
        String why = e instanceof ConnectException || e instanceof UnknownHostException ? " cannot be reached"
                : " closed the connection before answering";
        return new UpstreamException(Kind.UNREACHABLE, upstream + why, e);
    }

    @SuppressWarnings("unchecked")
    private UpstreamException rejected(HttpResponse response) {
        Map<String, Object> errorBody = Map.of();
        try {
            Object parsed = JSON.readValue(response.bodyBytes(), Object.class);
            if (parsed instanceof Map<?, ?> map && map.get("error") != null) {
                errorBody = (Map<String, Object>) map;
            }
        } catch (IOException e) {
            // No readable error body: the status says enough.
        }
        Duration retryAfter = response.header("Retry-After").flatMap(Calls::seconds).orElse(null);
        return new UpstreamException(Kind.REJECTED, response.status(),
                upstream + " answered HTTP " + response.status(), errorBody, retryAfter, null);
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

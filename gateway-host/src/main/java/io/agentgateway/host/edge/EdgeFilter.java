package io.agentgateway.host.edge;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Tells a request's connection ({@link EdgeConnectionSelector}) that the request is routed, so that its body is read
 * under the body timeout; routes a HEAD as its GET, whose body the connection then drops; and marks the connection
 * to close after a response to {@code Connection: close} or one that says so itself. Does nothing on a connection
 * the edge does not serve (a test's server).
 */
public final class EdgeFilter implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        ConnectionState state = ConnectionState.current().orElse(null);
        if (state == null) {
            chain.proceed();
            return;
        }
        HttpPrologue prologue = req.prologue();
        boolean head = prologue.method() == Method.HEAD;
        state.routed(head);
        if (head) {
            req.prologue(HttpPrologue.create(prologue.rawProtocol(), prologue.protocol(), prologue.protocolVersion(),
                    Method.GET, prologue.uriPath(), prologue.query(), prologue.fragment()));
        }
        try {
            chain.proceed();
        } finally {
            if (saysClose(req.headers()) || saysClose(res.headers())) {
                state.closeAfterResponse();
            }
        }
    }

    /**
     * Whether {@code headers} carry {@code Connection: close}: a {@code close} token in any of the header's values,
     * as Helidon's token search finds it. That search collects every value's tokens into lists through a stream, on
     * nearly every response (which says {@code keep-alive}); the values are scanned in place here instead.
     */
    private static boolean saysClose(Headers headers) {
        if (!headers.contains(HeaderNames.CONNECTION)) {
            return false;
        }
        for (String value : headers.get(HeaderNames.CONNECTION).allValues()) {
            if (hasToken(value, "close")) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the comma-separated {@code list} has {@code token}, in any case, around blanks */
    static boolean hasToken(String list, String token) {
        int start = 0;
        while (true) {
            int comma = list.indexOf(',', start);
            int from = start;
            int to = comma < 0 ? list.length() : comma;
            while (from < to && list.charAt(from) <= ' ') {
                from++;
            }
            while (to > from && list.charAt(to - 1) <= ' ') {
                to--;
            }
            if (to - from == token.length() && list.regionMatches(true, from, token, 0, token.length())) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            start = comma + 1;
        }
    }
}

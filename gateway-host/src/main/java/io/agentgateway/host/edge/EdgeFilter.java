package io.agentgateway.host.edge;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
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
     * Whether {@code headers} carry {@code Connection: close}. Helidon's token search collects the header's values
     * through a stream even when there is none, as on nearly every request: the plain lookup first spares that.
     */
    private static boolean saysClose(Headers headers) {
        return headers.contains(HeaderNames.CONNECTION) && headers.containsToken(HeaderValues.CONNECTION_CLOSE);
    }
}

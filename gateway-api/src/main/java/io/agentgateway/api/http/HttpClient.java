package io.agentgateway.api.http;

import java.io.IOException;

/**
 * Sends HTTP requests over the host's pooled connections. Safe for concurrent use; one instance serves a plugin (or an
 * upstream) for its lifetime and is closed with it.
 */
public interface HttpClient extends AutoCloseable {

    /**
     * Sends a request and returns once the answer's status line and headers have arrived; the body is read from the
     * response as it comes. Interrupting the calling thread aborts the call (and a body being read) at once.
     *
     * @param request what to send
     * @return the answer; close it (or read its body to the end) so that its connection can be reused
     * @throws IOException when the call fails: {@link java.net.ConnectException} and
     *     {@link java.net.UnknownHostException} when the server cannot be reached, {@link java.net.SocketTimeoutException}
     *     when a time limit passed, {@link java.io.InterruptedIOException} when interrupted
     * @throws IllegalArgumentException when the request cannot be sent as given (a header with a line break, a URL
     *     that is not http or https)
     */
    HttpResponse send(HttpRequest request) throws IOException;

    /** Closes idle connections; calls in flight finish on theirs, which then close. */
    @Override
    void close();
}

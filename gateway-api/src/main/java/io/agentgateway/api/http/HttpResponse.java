package io.agentgateway.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An answer whose status line and headers have arrived; its body streams from the connection. Read the body to its
 * end, or close the response, to give the connection back: a response closed before its body ended closes its
 * connection instead.
 */
public interface HttpResponse extends AutoCloseable {

    /** @return the status code */
    int status();

    /** @return {@code HTTP/1.1} or {@code HTTP/2} (as the call went) */
    String protocol();

    /** @return every header, names in lower case */
    Map<String, List<String>> headers();

    /** @return the first value of a header (any case), if present */
    default Optional<String> header(String name) {
        List<String> values = headers().get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The raw body, as it arrives. Reading past the host's limit on a response's size (for an event stream: on a
     * stream's size) throws {@link HttpLimitException}.
     *
     * @return the body; one stream per response
     */
    InputStream body();

    /**
     * Reads the whole body into memory, at most the host's limit on a response's size.
     *
     * @return the body's bytes
     * @throws HttpLimitException when the body is larger than the limit (nothing is allocated for a declared length)
     * @throws IOException when reading fails
     */
    byte[] bodyBytes() throws IOException;

    /**
     * Reads the body as a {@code text/event-stream}, event by event.
     *
     * @return the events; one reader per response, instead of {@link #body()}
     */
    ServerSentEvents events();

    /** Ends the call; a body not read to its end closes the connection. */
    @Override
    void close();
}

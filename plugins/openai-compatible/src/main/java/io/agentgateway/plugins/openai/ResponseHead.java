package io.agentgateway.plugins.openai;

import com.openai.core.http.Headers;

/**
 * The status line and headers of an HTTP/1.1 answer, with what they say about the body that follows.
 *
 * @param status the status code
 * @param headers the headers as the server sent them
 * @param contentLength the body's length, or -1 when the server did not say
 * @param chunked whether the body comes in chunked transfer coding
 * @param keepAlive whether the connection may carry another call once this body has been read
 */
record ResponseHead(int status, Headers headers, long contentLength, boolean chunked, boolean keepAlive) {

    /** Whether a body follows at all: never for 204 and 304, nor for an answer to HEAD. */
    boolean hasBody(boolean headRequest) {
        return !headRequest && status != 204 && status != 304;
    }
}

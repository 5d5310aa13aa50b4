package io.agentgateway.plugins.openai;

import com.openai.core.http.Headers;
import com.openai.core.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;

/** An answer seen through openai-java's response type; its body streams from the connection as it arrives. */
record Http1Response(ResponseHead head, InputStream body) implements HttpResponse {

    @Override
    public int statusCode() {
        return head.status();
    }

    @Override
    public Headers headers() {
        return head.headers();
    }

    /** Closing before the body was read to its end closes the connection instead of keeping it for reuse. */
    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // the connection is closed either way
        }
    }
}

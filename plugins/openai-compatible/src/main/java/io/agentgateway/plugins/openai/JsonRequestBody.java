package io.agentgateway.plugins.openai;

import com.openai.core.http.HttpRequestBody;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** A request body that is already serialised JSON, sent as is. */
record JsonRequestBody(byte[] json) implements HttpRequestBody {

    @Override
    public void writeTo(OutputStream out) {
        try {
            out.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public long contentLength() {
        return json.length;
    }

    @Override
    public boolean repeatable() {
        return true;
    }

    @Override
    public void close() {
    }
}

package io.agentgateway.host.http;

import io.agentgateway.host.json.Json;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.openai.OpenAiErrors;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A server-sent event stream to the client. Nothing is sent until the first event, so that a failure before it can
 * still be a real HTTP status. Every event is flushed at once: a stream must never turn into a burst.
 */
final class SseStream {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final Header CONTENT_TYPE =
            HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    private static final Header NO_CACHE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "no-cache");
    // Tells a buffering reverse proxy (nginx) to pass events on at once.
    private static final Header NO_PROXY_BUFFERING = HeaderValues.createCached("X-Accel-Buffering", "no");

    private final ServerResponse response;
    private OutputStream out;
    private boolean clientGone;

    SseStream(ServerResponse response) {
        this.response = response;
    }

    /** @return whether the first event has been sent, so the status can no longer change */
    boolean started() {
        return out != null;
    }

    /** @return whether writing failed because the client went away */
    boolean clientGone() {
        return clientGone;
    }

    /** Sends one {@code data:} event; returns false once the client is gone. */
    boolean send(Map<String, Object> event) {
        return write(Json.writeBytes(event), true);
    }

    /** Sends one {@code data:} event whose JSON is already written; returns false once the client is gone. */
    boolean sendJson(byte[] json) {
        return write(json, true);
    }

    /**
     * Sends one named event ({@code event: name} then {@code data:}), as the Responses API streams.
     *
     * @return false once the client is gone
     */
    boolean send(String name, Map<String, Object> event) {
        byte[] head = ("event: " + name + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] data = Json.writeBytes(event);
        byte[] whole = new byte[head.length + DATA.length + data.length + END_OF_EVENT.length];
        System.arraycopy(head, 0, whole, 0, head.length);
        System.arraycopy(DATA, 0, whole, head.length, DATA.length);
        System.arraycopy(data, 0, whole, head.length + DATA.length, data.length);
        System.arraycopy(END_OF_EVENT, 0, whole, whole.length - END_OF_EVENT.length, END_OF_EVENT.length);
        return write(whole, false);
    }

    /** Ends a stream that has no {@code [DONE]} marker (the Responses API's). */
    void end() {
        if (started() && !clientGone) {
            close();
        }
    }

    /**
     * Sends one SSE comment line ({@code : text}), which SSE clients skip: agents' progress notes.
     *
     * @return false once the client is gone
     */
    boolean comment(String text) {
        return write((": " + text.replaceAll("[\\r\\n]+", " ") + "\n\n").getBytes(StandardCharsets.UTF_8), false);
    }

    /** Ends the stream properly. */
    void done() {
        if (write(DONE, false)) {
            close();
        }
    }

    /** Sends one error event and ends the stream; clients raise it as an error. */
    void fail(GatewayException error) {
        if (send(OpenAiErrors.body(error))) {
            close();
        }
    }

    private boolean write(byte[] payload, boolean asData) {
        if (clientGone) {
            return false;
        }
        try {
            if (out == null) {
                response.status(200);
                response.header(CONTENT_TYPE);
                response.header(NO_CACHE);
                response.header(NO_PROXY_BUFFERING);
                out = response.outputStream();
            }
            // One write per event: the listener has no write buffer (Gateway), so each write is a chunk on the wire.
            out.write(asData ? dataEvent(payload) : payload);
            out.flush();
            return true;
        } catch (IOException | RuntimeException e) {
            clientGone = true;
            return false;
        }
    }

    private static byte[] dataEvent(byte[] payload) {
        byte[] event = new byte[DATA.length + payload.length + END_OF_EVENT.length];
        System.arraycopy(DATA, 0, event, 0, DATA.length);
        System.arraycopy(payload, 0, event, DATA.length, payload.length);
        System.arraycopy(END_OF_EVENT, 0, event, DATA.length + payload.length, END_OF_EVENT.length);
        return event;
    }

    private void close() {
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            clientGone = true;
        }
    }
}

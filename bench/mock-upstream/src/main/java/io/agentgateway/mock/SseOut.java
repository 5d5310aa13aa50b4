package io.agentgateway.mock;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes server-sent events, each flushed on its own so that clients see chunks as they are produced. */
final class SseOut {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final long chunkDelayMs;
    private boolean started;

    SseOut(OutputStream out, long chunkDelayMs) {
        this.out = out;
        this.chunkDelayMs = chunkDelayMs;
    }

    /** Sends {@code data: <json>} and flushes, waiting the configured gap first (except before the first event). */
    void send(String json) throws IOException {
        pause();
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        byte[] event = new byte[payload.length + 8];
        event[0] = 'd';
        event[1] = 'a';
        event[2] = 't';
        event[3] = 'a';
        event[4] = ':';
        event[5] = ' ';
        System.arraycopy(payload, 0, event, 6, payload.length);
        event[event.length - 2] = '\n';
        event[event.length - 1] = '\n';
        out.write(event);
        out.flush();
    }

    void done() throws IOException {
        out.write(DONE);
        out.flush();
    }

    private void pause() throws IOException {
        if (started && chunkDelayMs > 0) {
            MockUpstream.sleep(chunkDelayMs);
        }
        started = true;
    }
}
